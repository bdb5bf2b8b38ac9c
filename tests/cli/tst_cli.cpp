// Smoke tests of the `sam2sim` binary ($SAM2SIM_CLI) through QProcess: help, version, and the
// "non-zero exit, exactly one line on stderr" contract for unknown commands, unknown options and
// missing input paths. Rows for commands that are not built (yet) are skipped, so the table can
// list the whole CLI contract of DESIGN.md.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include "tests/cli/cli_process.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

using s2s::test::runCli;
using Result = s2s::test::CliResult;

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QSet<QString> m_commands;

    // A 4x4 grey 24-bit BMP, written by hand (this test links no image library).
    static void writeBmp(const QString &path)
    {
        QByteArray b;
        const auto put = [&b](quint32 v, int bytes) {
            for (int i = 0; i < bytes; ++i)
                b.append(static_cast<char>((v >> (8 * i)) & 0xff));
        };
        const int w = 4, h = 4, row = 12, pixels = row * h;
        b.append("BM");
        put(54 + pixels, 4), put(0, 4), put(54, 4);
        put(40, 4), put(w, 4), put(h, 4), put(1, 2), put(24, 2), put(0, 4), put(pixels, 4);
        put(2835, 4), put(2835, 4), put(0, 4), put(0, 4);
        b.append(QByteArray(pixels, char(128)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(b) == b.size());
    }

    QString missing(const QString &name) const { return m_dir.filePath(QStringLiteral("missing/") + name); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString cli = qEnvironmentVariable("SAM2SIM_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("SAM2SIM_CLI does not name the sam2sim binary");
        QVERIFY(m_dir.isValid());
        writeBmp(m_dir.filePath(QStringLiteral("image.bmp")));
        const Result help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        // "  name      synopsis" lines after "Commands:"
        const QRegularExpression line(QStringLiteral("^  ([a-z0-9]+)\\s{2,}\\S"));
        const QStringList lines = help.out.section(QStringLiteral("Commands:"), 1).split(QLatin1Char('\n'));
        for (const QString &l : lines)
            if (const auto m = line.match(l); m.hasMatch())
                m_commands.insert(m.captured(1));
    }

    void helpAndVersion()
    {
        const Result help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith(QStringLiteral("Usage: sam2sim")));
        QVERIFY(help.errLines.isEmpty());
        const Result version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QStringLiteral("sam2sim " SAM2SIM_VERSION));
        const Result none = runCli({});
        QVERIFY(none.exitCode != 0);
        QVERIFY(none.out.contains(QStringLiteral("Usage: sam2sim")));
    }

    void unknownCommandIsOneLine()
    {
        const Result r = runCli({QStringLiteral("frobnicate")});
        QVERIFY(r.exitCode > 0);
        QCOMPARE(r.errLines.size(), 1);
        QVERIFY2(r.errLines.front().contains(QStringLiteral("frobnicate")), qPrintable(r.errLines.front()));
        QVERIFY(r.out.isEmpty());
    }

    void everyCommandHasHelpAndRejectsUnknownOptions()
    {
        if (m_commands.isEmpty())
            QSKIP("no sub-command is built yet");
        for (const QString &command : std::as_const(m_commands)) {
            const Result help = runCli({command, QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.contains(QStringLiteral("Usage:")), qPrintable(command));

            const Result bad = runCli({command, QStringLiteral("--no-such-option"), QStringLiteral("1")});
            QVERIFY2(bad.exitCode > 0, qPrintable(command));
            QVERIFY2(bad.errLines.size() == 1, qPrintable(command + QStringLiteral(": ") + bad.errLines.join(QLatin1Char('|'))));
            QVERIFY2(bad.errLines.front().contains(QStringLiteral("no-such-option")), qPrintable(bad.errLines.front()));
        }
    }

    void missingPathIsOneLineNamingIt_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("path");
        // Argument lists follow the CLI contract in DESIGN.md.
        const QString out = m_dir.filePath(QStringLiteral("out"));
        QTest::newRow("scan") << "scan" << QStringList{missing(QStringLiteral("data"))} << missing(QStringLiteral("data"));
        QTest::newRow("embed") << "embed"
                               << QStringList{QStringLiteral("--image"), missing(QStringLiteral("a.png")),
                                              QStringLiteral("--out"), out + QStringLiteral("/f.safetensors")}
                               << missing(QStringLiteral("a.png"));
        QTest::newRow("mask") << "mask"
                              << QStringList{QStringLiteral("--image"), missing(QStringLiteral("a.png")),
                                             QStringLiteral("--classical"), QStringLiteral("--out"),
                                             out + QStringLiteral("/m.png")}
                              << missing(QStringLiteral("a.png"));
        const QString image = m_dir.filePath(QStringLiteral("image.bmp"));
        QTest::newRow("mask-sam2-weights") << "mask"
                                           << QStringList{QStringLiteral("--image"), image, QStringLiteral("--sam2-weights"),
                                                          missing(QStringLiteral("sam2.1_hiera_tiny.pt")),
                                                          QStringLiteral("--out"), out + QStringLiteral("/m.png")}
                                           << missing(QStringLiteral("sam2.1_hiera_tiny.pt"));
        QTest::newRow("bench-sam2-weights") << "bench"
                                            << QStringList{QStringLiteral("--parts"), QStringLiteral("sam2"),
                                                           QStringLiteral("--sam2-weights"),
                                                           missing(QStringLiteral("sam2.1_hiera_tiny.pt"))}
                                            << missing(QStringLiteral("sam2.1_hiera_tiny.pt"));
        QTest::newRow("composite") << "composite"
                                   << QStringList{QStringLiteral("--image"), missing(QStringLiteral("a.png")),
                                                  QStringLiteral("--background"), missing(QStringLiteral("bg")),
                                                  QStringLiteral("--seed"), QStringLiteral("1"),
                                                  QStringLiteral("--out"), out + QStringLiteral("/c.png")}
                                   << missing(QString());
        QTest::newRow("train") << "train"
                               << QStringList{QStringLiteral("--data"), missing(QStringLiteral("data")),
                                              QStringLiteral("--category"), QStringLiteral("bottle"),
                                              QStringLiteral("--out"), out + QStringLiteral("/run")}
                               << missing(QStringLiteral("data"));
        QTest::newRow("eval") << "eval" << QStringList{QStringLiteral("--run"), missing(QStringLiteral("run"))}
                              << missing(QStringLiteral("run"));
        QTest::newRow("table1") << "table1"
                                << QStringList{QStringLiteral("--data"), missing(QStringLiteral("data")),
                                               QStringLiteral("--out"), out + QStringLiteral("/t1")}
                                << missing(QStringLiteral("data"));
        QTest::newRow("export") << "export"
                                << QStringList{QStringLiteral("--run"), missing(QStringLiteral("run")),
                                               QStringLiteral("--out"), out + QStringLiteral("/model")}
                                << missing(QStringLiteral("run"));
        QTest::newRow("score") << "score"
                               << QStringList{QStringLiteral("--model"), missing(QStringLiteral("model.pt")),
                                              QStringLiteral("--images"), missing(QStringLiteral("a.png"))}
                               << missing(QStringLiteral("model.pt"));
        QTest::newRow("report") << "report"
                                << QStringList{QStringLiteral("--run"), missing(QStringLiteral("run")),
                                               QStringLiteral("--out"), out + QStringLiteral("/r.pdf")}
                                << missing(QStringLiteral("run"));
    }

    void missingPathIsOneLineNamingIt()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, args);
        QFETCH(QString, path);
        if (!m_commands.contains(command))
            QSKIP(qPrintable(QStringLiteral("sam2sim %1 is not built").arg(command)));
        const Result r = runCli(QStringList{command} + args);
        QVERIFY2(r.exitCode > 0, qPrintable(QString::number(r.exitCode)));
        // Commands may warn first ("<command>: warning: not pretrained"); the failure is the one
        // remaining line, and it names the path.
        const QRegularExpression warning(QStringLiteral("^[a-z0-9]+: warning: "));
        const QString all = r.errLines.join(QLatin1Char('|'));
        QVERIFY2(!r.errLines.isEmpty() && !warning.match(r.errLines.last()).hasMatch(), qPrintable(all));
        for (const QString &line : r.errLines.first(r.errLines.size() - 1))
            QVERIFY2(warning.match(line).hasMatch(), qPrintable(all));
        QVERIFY2(r.errLines.last().contains(path), qPrintable(all));
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("out"))).exists(QStringLiteral("r.pdf")));
    }

    void reportRejectsBadThresholdRule()
    {
        if (!m_commands.contains(QStringLiteral("report")))
            QSKIP("sam2sim report is not built");
        const Result r = runCli({QStringLiteral("report"), QStringLiteral("--run"), m_dir.path(),
                                 QStringLiteral("--out"), m_dir.filePath(QStringLiteral("r.pdf")),
                                 QStringLiteral("--threshold-rule"), QStringLiteral("fpr:2")});
        QVERIFY(r.exitCode > 0);
        QCOMPARE(r.errLines.size(), 1);
        QVERIFY2(r.errLines.front().contains(QStringLiteral("fpr:2")), qPrintable(r.errLines.front()));
    }

    // Sam2Sim by default (issue 22): without --foreground, an object category has its background removed
    // (the learnt classical extractor here, no SAM 2 weights), a texture never; --foreground off is plain
    // SimpleNet, and a value that is none of auto/on/off is one line naming it.
    void foregroundAutoIsTheDefault()
    {
        const QString data = m_dir.filePath(QStringLiteral("fgdemo"));
        Result r = runCli({QStringLiteral("synth"), QStringLiteral("--out"), data, QStringLiteral("--categories"),
                           QStringLiteral("nut,weave"), QStringLiteral("--size"), QStringLiteral("160"), QStringLiteral("--train"),
                           QStringLiteral("6"), QStringLiteral("--test-good"), QStringLiteral("2"), QStringLiteral("--test-defect"),
                           QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        const auto train = [&](const QString &category, const QStringList &extra) {
            const QString run = m_dir.filePath(QStringLiteral("fgrun-%1-%2").arg(category).arg(extra.size()));
            QStringList a{QStringLiteral("train"), QStringLiteral("--data"), data, QStringLiteral("--category"), category,
                          QStringLiteral("--out"), run, QStringLiteral("--backbone"), QStringLiteral("mobilenet_v2"),
                          QStringLiteral("--backbone-weights"), QStringLiteral("none"), QStringLiteral("--epochs"),
                          QStringLiteral("2"), QStringLiteral("--image-size"), QStringLiteral("128"), QStringLiteral("--threads"),
                          QStringLiteral("2"), QStringLiteral("--quiet")};
            const Result t = runCli(a + extra, 300000);
            [&] { QVERIFY2(t.exitCode == 0, qPrintable(t.errLines.join(QLatin1Char('\n')))); }();
            QFile f(run + QStringLiteral("/metrics.json"));
            f.open(QIODevice::ReadOnly);
            return std::make_pair(run, QJsonDocument::fromJson(f.readAll()).object());
        };
        const auto [nut, nutMetrics] = train(QStringLiteral("nut"), {});
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(nutMetrics.value(QStringLiteral("kind")).toString(), QStringLiteral("object"));
        QVERIFY2(nutMetrics.value(QStringLiteral("segmenter")).toString().contains(QStringLiteral("classical")),
                 qPrintable(nutMetrics.value(QStringLiteral("segmenter")).toString()));
        QVERIFY(QFileInfo::exists(nut + QStringLiteral("/foreground_model.safetensors")));
        const auto [weave, weaveMetrics] = train(QStringLiteral("weave"), {});
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(weaveMetrics.value(QStringLiteral("kind")).toString(), QStringLiteral("texture"));
        QVERIFY(weaveMetrics.value(QStringLiteral("segmenter")).isNull());
        QVERIFY(!QFileInfo::exists(weave + QStringLiteral("/foreground_model.safetensors")));
        const auto [plain, plainMetrics] = train(QStringLiteral("nut"), {QStringLiteral("--foreground"), QStringLiteral("off")});
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(plainMetrics.value(QStringLiteral("segmenter")).isNull());
        QVERIFY(!QFileInfo::exists(plain + QStringLiteral("/foreground_model.safetensors")));
        const Result bad = runCli({QStringLiteral("train"), QStringLiteral("--data"), data, QStringLiteral("--category"),
                                   QStringLiteral("nut"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("fgbad")),
                                   QStringLiteral("--foreground"), QStringLiteral("yes")});
        QVERIFY(bad.exitCode > 0);
        QCOMPARE(bad.errLines.size(), 1);
        QVERIFY2(bad.errLines.front().contains(QStringLiteral("auto, on or off")), qPrintable(bad.errLines.front()));
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "tst_cli.moc"
