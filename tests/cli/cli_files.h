#pragma once

// Files and processes for the CLI tests that feed `sam2sim` ($SAM2SIM_CLI) careless and hostile input
// (tst_badinput) and check that nothing already saved is lost (tst_saved_files): a process runner that
// keeps stderr lines and the time, file snapshots, and hand-made PNGs (valid, damaged, huge headers).
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

#include <initializer_list>

namespace s2s::test::files {

struct Result
{
    int exitCode = -1;
    QString out;
    QStringList errLines;
    qint64 ms = 0;
};

inline Result runCli(const QStringList &args, int timeoutMs = 120000)
{
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(qEnvironmentVariable("SAM2SIM_CLI"), args);
    process.closeWriteChannel();
    Result r;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        r.errLines << QStringLiteral("<timed out>");
        return r;
    }
    r.ms = timer.elapsed();
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.errLines = QString::fromUtf8(process.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return r;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size(), qPrintable(path));
}

// Every file under a folder with its content hash: "nothing changed" is this map staying equal.
inline QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files[QDir(dir).relativeFilePath(path)] = QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256);
    }
    return files;
}

inline QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

inline bool copyTree(const QString &from, const QString &to)
{
    return QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), from, to}) == 0;
}

inline quint32 crc32(const QByteArray &b)
{
    quint32 c = 0xffffffffu;
    for (const char ch : b) {
        c ^= static_cast<quint8>(ch);
        for (int k = 0; k < 8; ++k)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xffffffffu;
}

inline QByteArray be32(quint32 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
    return b;
}

inline QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    return be32(static_cast<quint32>(data.size())) + type + data + be32(crc32(type + data));
}

// A valid PNG signature and IHDR that declares w x h pixels; the (tiny) image data does not matter, the
// size must be refused from the header.
inline QByteArray pngWithHeader(quint32 w, quint32 h)
{
    const QByteArray ihdr = be32(w) + be32(h) + QByteArray("\x08\x02\x00\x00\x00", 5);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", QByteArray(16, '\0'))
           + pngChunk("IEND", {});
}

// A real w x h 8-bit grey PNG of one value (zlib "stored" blocks, so no compressor is needed).
inline QByteArray pngGrey(quint32 w, quint32 h, char value)
{
    QByteArray raw;
    for (quint32 y = 0; y < h; ++y)
        raw += QByteArray(1, '\0') + QByteArray(static_cast<int>(w), value);
    QByteArray z("\x78\x01", 2);
    for (int at = 0; at < raw.size(); at += 65535) {
        const int n = std::min(65535, static_cast<int>(raw.size()) - at);
        z += static_cast<char>(at + n == raw.size() ? 1 : 0);
        z += static_cast<char>(n & 0xff);
        z += static_cast<char>(n >> 8);
        z += static_cast<char>(~n & 0xff);
        z += static_cast<char>((~n >> 8) & 0xff);
        z += raw.mid(at, n);
    }
    quint32 a = 1, b = 0;
    for (const char ch : raw) {
        a = (a + static_cast<quint8>(ch)) % 65521;
        b = (b + a) % 65521;
    }
    z += be32((b << 16) | a);
    const QByteArray ihdr = be32(w) + be32(h) + QByteArray("\x08\x00\x00\x00\x00", 5);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", z) + pngChunk("IEND", {});
}

// The fixtures' arguments: a tiny synthetic "nut" category (64 px, 6 train, 3 good + 2 defect test
// images) and one epoch on it with a random MobileNetV2 (the weights do not matter to these tests).
inline QStringList synth(const QString &out)
{
    return {QStringLiteral("synth"), QStringLiteral("--out"), out, QStringLiteral("--categories"), QStringLiteral("nut"),
            QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--train"), QStringLiteral("6"),
            QStringLiteral("--test-good"), QStringLiteral("3"), QStringLiteral("--test-defect"), QStringLiteral("2")};
}

inline QStringList train(const QString &data, const QString &out)
{
    return {QStringLiteral("train"), QStringLiteral("--data"), data, QStringLiteral("--category"), QStringLiteral("nut"),
            QStringLiteral("--out"), out, QStringLiteral("--backbone"), QStringLiteral("mobilenet_v2"),
            QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--quiet"), QStringLiteral("--threads"),
            QStringLiteral("2")};
}

} // namespace s2s::test::files
