// Engine core: atomic writes, folder transactions, CSV, cancellation, image I/O errors.
#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/folder_transaction.h"
#include "engine/core/json_file.h"
#include "engine/core/progress.h"
#include "engine/io/image_io.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>

#include <filesystem>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;

class TestCore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void atomicWriteReplacesWholeFile();
    void atomicWriteFailureKeepsOldFile();
    void cancelTokenIsShared();
    void errorsStayOneLine();
    void imageErrors_data();
    void imageErrors();
    void bmpAndTiffCheckedBeforeOpenCv();
    void imageRoundTrip();
    void jsonNestingAndTypes();
    void csvRoundTrip();
    void folderTransactionReplacesOnlyOnCommit();
    void folderTransactionRefusesWhatItMayNotReplace();
    void folderLockIsExclusive();
};

void TestCore::atomicWriteReplacesWholeFile()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "sub" / "a.txt";
    s2s::writeFileAtomically(target, "first");
    s2s::writeFileAtomically(target, "second");
    QCOMPARE(QString::fromStdString(s2s::readFile(target)), QStringLiteral("second"));
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(target.parent_path()))
        ++entries;
    QCOMPARE(entries, 1); // no temporary left behind
}

void TestCore::atomicWriteFailureKeepsOldFile()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "keep.txt";
    s2s::writeFileAtomically(target, "precious");
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::writeFileAtomically(target, [](const fs::path &tmp) {
        std::ofstream(tmp) << "half";
        throw s2s::Error("writer failed");
    }));
    QCOMPARE(QString::fromStdString(s2s::readFile(target)), QStringLiteral("precious"));
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(target.parent_path()))
        ++entries;
    QCOMPARE(entries, 1);
}

// A message quotes what a file holds: its control characters are written out, so one Error is one line
// whatever the file; an endless quote is cut.
void TestCore::errorsStayOneLine()
{
    const s2s::Error e(std::string("x.png: chunk \r\n\x1b[2J\t\x7f\x01 end\n"));
    QCOMPARE(QString::fromStdString(e.what()), QStringLiteral("x.png: chunk \\x0d\\x0a\\x1b[2J\\x09\\x7f\\x01 end\\x0a"));
    QCOMPARE(QString::fromStdString(s2s::Error("caf\xc3\xa9.png: ok").what()), QStringLiteral("café.png: ok"));
    const std::string longText = "y.json: " + std::string(100000, 'a');
    const std::string cut = s2s::Error(longText).what();
    QVERIFY(cut.size() < s2s::kMaxErrorLength + 16);
    QVERIFY(cut.rfind(" [...]") == cut.size() - 6);
}

void TestCore::cancelTokenIsShared()
{
    s2s::CancelToken token;
    const s2s::CancelToken copy = token;
    QVERIFY(!copy.isCancelled());
    token.cancel();
    QVERIFY(copy.isCancelled());
    QVERIFY_THROWS_EXCEPTION(s2s::Cancelled, copy.throwIfCancelled());
}

namespace {

QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    return b;
}

// An uncompressed 24-bit w x h BMP, grey.
QByteArray bmp24(quint32 w, quint32 h)
{
    const quint32 pitch = (w * 3 + 3) & ~3u;
    return QByteArray("BM") + le32(54 + pitch * h) + le32(0) + le32(54) + le32(40) + le32(w) + le32(h)
           + QByteArray("\x01\0\x18\0", 4) + le32(0) + le32(pitch * h) + QByteArray(16, '\0')
           + QByteArray(static_cast<int>(pitch * h), '\x80');
}

} // namespace

void TestCore::imageErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero bytes") << QByteArray() << QStringLiteral("empty file (0 bytes)");
    QTest::newRow("garbage") << QByteArray("not an image at all") << QStringLiteral("not a readable image");
    QTest::newRow("truncated png") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10) << QStringLiteral("truncated PNG");
    // IHDR of 60000 x 60000 with a correct CRC: refused from the header, never decoded.
    QTest::newRow("huge png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\xea\x60\0\0\xea\x60\x08\x02\0\0\0\x0f\xb0\xe2\x15"
                                            "\0\0\0\0IEND\xae\x42\x60\x82", 45)
                              << QStringLiteral("image is 60000x60000 (3600 MP), above the limit of 100 MP");
    QTest::newRow("bad crc png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0\0\0\0\0", 33)
                                 << QStringLiteral("chunk IHDR fails its CRC check");
    QTest::newRow("huge bmp") << (QByteArray("BM") + QByteArray(16, '\0') + QByteArray("\x20\x4e\0\0\x20\x4e\0\0", 8))
                              << QStringLiteral("image is 20000x20000");
    // Issue 25: BMP and TIFF reach OpenCV, whose imdecode prints its own line for data cut short.
    QTest::newRow("truncated bmp") << bmp24(8, 8).left(54 + 40) << QStringLiteral("truncated BMP (40 bytes of pixel data, 192 expected)");
    // An 8-bit BMP (256 palette entries) whose file ends 100 bytes into its palette.
    QTest::newRow("bmp palette cut") << QByteArray(QByteArray("BM") + le32(54 + 1024) + le32(0) + le32(54 + 1024) + le32(40)
                                                   + le32(8) + le32(8) + QByteArray("\x01\0\x08\0", 4) + QByteArray(124, '\0'))
                                     << QStringLiteral("truncated BMP (the file ends inside its palette)");
    QTest::newRow("truncated jpeg") << QByteArray("\xff\xd8\xff\xc0\0\x11\x08\0\x10\0\x10\x03\x01\x22\0\x02\x11\x01\x03\x11\x01"
                                                  "\xff\xda\0\x0c\x03\x01\0\x02\x11\x03\x11\0\x3f\0\x12\x34", 37)
                                    << QStringLiteral("truncated JPEG (no end-of-image marker)");
    // Issue 25: the format is decided by the signature, never the name, and the header's geometry is
    // checked before any decoding.
    QTest::newRow("pgm behind png") << QByteArray("P5\n12000 12000\n255\n") + QByteArray(64, '\0')
                                    << QStringLiteral("Netpbm (PBM/PGM/PPM/PAM) data, not a supported image format");
    QTest::newRow("exr behind png") << QByteArray("\x76\x2f\x31\x01", 4) + QByteArray(64, '\0')
                                    << QStringLiteral("OpenEXR data");
    QTest::newRow("hdr behind png") << QByteArray("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 8 +X 8\n")
                                    << QStringLiteral("Radiance HDR data");
    QTest::newRow("pfm behind png") << QByteArray("PF\n8 8\n-1.0\n") + QByteArray(64 * 12, '\0')
                                    << QStringLiteral("PFM data");
    QTest::newRow("jpeg 2000 behind png") << QByteArray("\0\0\0\x0cjP  \r\n\x87\n", 12) + QByteArray(64, '\0')
                                          << QStringLiteral("JPEG 2000 data");
    // An 8x8 little-endian TIFF (width and height tags only).
    QTest::newRow("tiff behind png") << QByteArray("II*\0\x08\0\0\0\x02\0"
                                                   "\x00\x01\x03\0\x01\0\0\0\x08\0\0\0"
                                                   "\x01\x01\x03\0\x01\0\0\0\x08\0\0\0\0\0\0\0", 38)
                                     << QStringLiteral("TIFF data behind a .png name");
    // IHDR of 4000 x 1 with a correct CRC: refused by its aspect ratio before decoding.
    QTest::newRow("4000x1 png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x0f\xa0\0\0\0\x01\x08\x02\0\0\0"
                                              "\x45\x15\xc6\xf7\0\0\0\0IEND\xae\x42\x60\x82", 45)
                                << QStringLiteral("image is 4000x1, more elongated than 64:1");
    QTest::newRow("zero-width png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\0\0\0\0\x08\x08\x02\0\0\0"
                                                  "\x58\xba\x69\x28\0\0\0\0IEND\xae\x42\x60\x82", 45)
                                    << QStringLiteral("image is 0x8 (no pixels)");
    QTest::newRow("unknown critical chunk") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x08\0\0\0\x08\x08\x02\0\0\0"
                                                          "\x4b\x6d\x29\xdc\0\0\0\x02" "ABCDxy\x67\xf8\x9b\xea"
                                                          "\0\0\0\0IEND\xae\x42\x60\x82", 59)
                                            << QStringLiteral("unknown critical chunk ABCD");
}

void TestCore::imageErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "bad.png";
    std::ofstream(file, std::ios::binary).write(content.constData(), content.size());
    try {
        s2s::readImageRgb(file);
        QFAIL("no error for a bad image");
    } catch (const s2s::Error &e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith(QString::fromStdString(file.string())), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
    }
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::readImageRgb(fs::path(dir.path().toStdString()) / "missing.png"));
}

// A TIFF goes to OpenCV only with its image data inside the file (its imdecode prints a line of its own
// when the data breaks off); the whole BMP of the same fixture is read.
void TestCore::bmpAndTiffCheckedBeforeOpenCv()
{
    QTemporaryDir dir;
    const fs::path bmp = fs::path(dir.path().toStdString()) / "whole.bmp";
    const QByteArray whole = bmp24(8, 8);
    std::ofstream(bmp, std::ios::binary).write(whole.constData(), whole.size());
    QCOMPARE(s2s::readImageRgb(bmp).cols, 8);
    // 8x8, one strip of 64 bytes at offset 1000 of a 62-byte file.
    const QByteArray tiff("II*\0\x08\0\0\0\x04\0"
                          "\x00\x01\x03\0\x01\0\0\0\x08\0\0\0"
                          "\x01\x01\x03\0\x01\0\0\0\x08\0\0\0"
                          "\x11\x01\x04\0\x01\0\0\0\xe8\x03\0\0"
                          "\x17\x01\x04\0\x01\0\0\0\x40\0\0\0\0\0\0\0", 62);
    const fs::path tif = fs::path(dir.path().toStdString()) / "cut.tif";
    std::ofstream(tif, std::ios::binary).write(tiff.constData(), tiff.size());
    try {
        s2s::readImageRgb(tif);
        QFAIL("no error for a TIFF whose strip lies past its end");
    } catch (const s2s::Error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("cut.tif: truncated TIFF (image data past the end of the file)")), e.what());
    }
}

void TestCore::imageRoundTrip()
{
    QTemporaryDir dir;
    cv::Mat rgb(7, 5, CV_8UC3);
    cv::randu(rgb, 0, 255);
    const fs::path file = fs::path(dir.path().toStdString()) / "odd.png";
    s2s::writeImage(file, rgb);
    const cv::Mat back = s2s::readImageRgb(file);
    QCOMPARE(back.size(), rgb.size());
    QCOMPARE(cv::norm(back, rgb, cv::NORM_INF), 0.0);

    cv::Mat grey(4, 6, CV_8UC1, cv::Scalar(200));
    s2s::writeImage(fs::path(dir.path().toStdString()) / "grey.png", grey);
    const cv::Mat expanded = s2s::readImageRgb(fs::path(dir.path().toStdString()) / "grey.png");
    QCOMPARE(expanded.channels(), 3);
    const cv::Mat mask = s2s::readMask(fs::path(dir.path().toStdString()) / "grey.png");
    QCOMPARE(mask.at<uchar>(0, 0), uchar(255));
}

// JSON from files: nesting limited before parsing (a 200k-deep array once overflowed the stack in
// nlohmann's recursive dump and copy), wrong types and absurd values named with file and key.
void TestCore::jsonNestingAndTypes()
{
    const auto failsWith = [](const std::function<void()> &call, const QString &expected) {
        try {
            call();
        } catch (const s2s::Error &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(expected), qPrintable(message));
            QVERIFY(!message.contains(QLatin1Char('\n')));
            return;
        }
        QFAIL(qPrintable(QStringLiteral("accepted; expected: ") + expected));
    };
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    failsWith([&] { s2s::parseJson(deep, "deep.json"); }, QStringLiteral("deep.json: nesting deeper than 64 levels"));
    const std::string deepObject = "{\"a\":" + std::string(65, '[') + std::string(65, ']') + "}";
    failsWith([&] { s2s::parseJson(deepObject, "m.json"); }, QStringLiteral("m.json: nesting deeper than 64 levels"));
    // Brackets inside strings (and escaped quotes) do not count.
    const nlohmann::json text = s2s::parseJson("{\"a\":\"\\\"" + std::string(1000, '[') + "\"}", "s.json");
    QVERIFY(text.is_object());
    QVERIFY(s2s::parseJson(std::string(64, '[') + std::string(64, ']'), "ok.json").is_array());
    failsWith([&] { s2s::parseJson("{\"a\":", "bad.json"); }, QStringLiteral("bad.json: not valid JSON (byte"));

    const nlohmann::json m = nlohmann::json::parse(R"({"threshold":"0.5","size":20000,"big":1e300,"neg":-3,"flag":1,"n":null})");
    failsWith([&] { s2s::jsonNumber(m, "threshold", 0.0, 0.0, 1.0, "t.json"); },
              QStringLiteral("t.json: threshold must be a number from 0 to 1, got \"0.5\""));
    failsWith([&] { s2s::jsonInt(m, "size", 329, 32, 2048, "t.json"); },
              QStringLiteral("t.json: size must be an integer from 32 to 2048, got 20000"));
    failsWith([&] { s2s::jsonInt(m, "big", 0, 0, 1000, "t.json"); }, QStringLiteral("big must be an integer"));
    failsWith([&] { s2s::jsonInt(m, "neg", 0, 0, 1000, "t.json"); }, QStringLiteral("neg must be an integer"));
    failsWith([&] { s2s::jsonBool(m, "flag", false, "t.json"); }, QStringLiteral("flag must be true or false, got 1"));
    failsWith([&] { s2s::jsonString(m, "size", "", "t.json"); }, QStringLiteral("size must be a string"));
    QCOMPARE(s2s::jsonInt(m, "absent", 7, 0, 10, "t.json"), std::int64_t(7));
    QCOMPARE(s2s::jsonInt(m, "n", 7, 0, 10, "t.json"), std::int64_t(7));
    QCOMPARE(s2s::jsonInt(m, "neg", 0, -5, 5, "t.json"), std::int64_t(-3));
}

void TestCore::csvRoundTrip()
{
    const std::vector<std::string> fields = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", ""};
    std::string text;
    for (int record = 0; record < 2; ++record) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            text += (i ? "," : "") + s2s::csvField(fields[i]);
        text += "\r\n";
    }
    const auto records = s2s::parseCsv(text, "t.csv");
    QCOMPARE(records.size(), std::size_t(2));
    for (const auto &r : records)
        QVERIFY(r == fields);
    QCOMPARE(s2s::csvField("plain"), std::string("plain"));
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::parseCsv("a,\"open\n", "t.csv"));
}

void TestCore::folderTransactionReplacesOnlyOnCommit()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "run";
    const auto any = [](const fs::path &) { return true; };
    {
        s2s::FolderTransaction t(target, any, "a test folder");
        s2s::writeFileAtomically(t.dir() / "a.txt", "first");
        QVERIFY(!fs::exists(target));
        t.commit();
    }
    QCOMPARE(s2s::readFile(target / "a.txt"), std::string("first"));
    {
        s2s::FolderTransaction t(target, any, "a test folder");
        s2s::writeFileAtomically(t.dir() / "b.txt", "second");
        // Not committed (an error or a cancel): the old folder stays as it was.
    }
    QVERIFY(fs::exists(target / "a.txt"));
    QVERIFY(!fs::exists(target / "b.txt"));
    {
        s2s::FolderTransaction t(target, any, "a test folder");
        s2s::writeFileAtomically(t.dir() / "b.txt", "second");
        t.commit();
    }
    QVERIFY(!fs::exists(target / "a.txt")); // replaced whole, nothing of the old run beside the new
    QCOMPARE(s2s::readFile(target / "b.txt"), std::string("second"));
    // No temporary, old or lock entries are left beside it.
    int entries = 0;
    for (const auto &e : fs::directory_iterator(dir.path().toStdString()))
        entries += e.path().filename() == "run" ? 0 : 1;
    QCOMPARE(entries, 0);
}

void TestCore::folderTransactionRefusesWhatItMayNotReplace()
{
    QTemporaryDir dir;
    const fs::path root(dir.path().toStdString());
    s2s::writeFileAtomically(root / "docs" / "thesis.txt", "precious");
    s2s::writeFileAtomically(root / "file", "x");
    const auto never = [](const fs::path &) { return false; };
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::FolderTransaction(root / "docs", never, "a run folder"));
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::FolderTransaction(root / "file", never, "a run folder"));
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::FolderTransaction(root / "file" / "sub", never, "a run folder"));
    QCOMPARE(s2s::readFile(root / "docs" / "thesis.txt"), std::string("precious"));
    fs::create_directory(root / "empty");
    s2s::FolderTransaction t(root / "empty", never, "a run folder"); // empty folders may be replaced
    t.commit();
}

void TestCore::folderLockIsExclusive()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "run";
    {
        const s2s::FolderLock lock(target);
        try {
            const s2s::FolderLock second(target);
            QFAIL("a second lock was granted");
        } catch (const s2s::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("in use by another sam2sim process")), e.what());
        }
    }
    const s2s::FolderLock again(target); // released with the first
}

QTEST_APPLESS_MAIN(TestCore)
#include "tst_core.moc"
