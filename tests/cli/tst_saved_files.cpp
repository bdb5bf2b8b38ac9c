// Nothing already saved is lost (issues 16 and 25), against the `sam2sim` binary ($SAM2SIM_CLI): a report
// that cannot be written keeps the old PDF, a run folder is replaced only whole and never mixed, writers
// that race or are killed leave the last complete result, odd and non-UTF-8 names round-trip, and the
// CLI notices when the test images changed under a run. The fixture is a tiny synthetic dataset and a
// run trained on it with a random MobileNetV2 (tst_badinput has the hostile inputs).
#include "tests/cli/cli_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <utility>

using namespace s2s::test::files;

class TestSavedFiles final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data; // tiny dataset, category "nut"
    QString m_run;  // a run trained on it
    QString m_goodPng;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QString joined(const Result &r) { return r.errLines.join(QStringLiteral(" | ")); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString cli = qEnvironmentVariable("SAM2SIM_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("SAM2SIM_CLI does not name the sam2sim binary");
        QVERIFY(m_dir.isValid());
        m_data = path(QStringLiteral("data"));
        const Result s = runCli(synth(m_data));
        QVERIFY2(s.exitCode == 0, qPrintable(joined(s)));
        m_goodPng = path(QStringLiteral("good.png"));
        QVERIFY(QFile::copy(m_data + QStringLiteral("/nut/train/good/000.png"), m_goodPng));
        m_run = path(QStringLiteral("run"));
        const Result t = runCli(train(m_data, m_run));
        QVERIFY2(t.exitCode == 0, qPrintable(joined(t)));
    }

    // A report that cannot be written whole keeps the earlier PDF and fails with one line (issue 25: on a
    // full disk QPdfWriter reports no error, and a truncated PDF replaced a good one with exit 0). A file
    // size limit stands in for the full disk: writes past it fail (EFBIG) like writes to a full disk.
    void reportThatCannotBeWrittenKeepsOldPdf()
    {
        const QString pdf = path(QStringLiteral("kept.pdf"));
        const QByteArray old("%PDF-1.4\nan earlier, good report\n%%EOF\n");
        writeAll(pdf, old);
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("ulimit -f 16; trap '' XFSZ; exec \"$0\" report --run \"$1\" --out \"$2\""),
                  qEnvironmentVariable("SAM2SIM_CLI"), m_run, pdf});
        QVERIFY(sh.waitForFinished(120000));
        const QStringList lines = QString::fromUtf8(sh.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(sh.exitCode() == 1 && lines.size() == 1, qPrintable(lines.join(QLatin1Char('|'))));
        QVERIFY2(lines.front().contains(QStringLiteral("kept.pdf: writing the PDF failed")), qPrintable(lines.front()));
        QCOMPARE(readAll(pdf), old);
        const QStringList left = QDir(m_dir.path()).entryList({QStringLiteral(".kept.pdf*")}, QDir::AllEntries | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        QVERIFY(QFile::remove(pdf));
    }

    // --threads above the cores present is clamped with a note, and the job still runs.
    void threadsAreClamped()
    {
        const Result r = runCli({QStringLiteral("eval"), QStringLiteral("--run"), m_run, QStringLiteral("--threads"),
                                 QStringLiteral("100000"), QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        QVERIFY2(joined(r).contains(QStringLiteral("eval: note: --threads 100000 is more than the")), qPrintable(joined(r)));
    }

    // Evaluating the same pseudo-backgrounds again replaces their robustness entry instead of listing
    // the set twice (the report showed one row per repeat); another seed is a new entry.
    void repeatedPseudoEvalReplacesItsEntry()
    {
        const QString run = path(QStringLiteral("repeat-run"));
        QVERIFY(copyTree(m_run, run));
        const auto eval = [&](const char *seed) {
            const Result r = runCli({QStringLiteral("eval"), QStringLiteral("--run"), run, QStringLiteral("--background"),
                                     QStringLiteral("pseudo"), QStringLiteral("--source"), QStringLiteral("gradient"),
                                     QStringLiteral("--seed"), QString::fromLatin1(seed)});
            QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        };
        const auto seeds = [&] {
            QList<int> out;
            const QJsonObject metrics = QJsonDocument::fromJson(readAll(run + QStringLiteral("/metrics.json"))).object();
            for (const auto &e : metrics.value(QStringLiteral("robustness")).toArray())
                out << e.toObject().value(QStringLiteral("seed")).toInt();
            return out;
        };
        eval("3");
        eval("3");
        QCOMPARE(seeds(), QList<int>({3}));
        eval("4");
        QCOMPARE(seeds(), QList<int>({3, 4}));
    }

    // A run folder whose parts come from two runs is refused by eval and report.
    void mixedRunFolderIsRefused()
    {
        const QString mixed = path(QStringLiteral("mixed"));
        QVERIFY(copyTree(m_run, mixed));
        QByteArray config = readAll(mixed + QStringLiteral("/config.json"));
        config.replace(QJsonDocument::fromJson(config).object().value(QStringLiteral("run_id")).toString().toUtf8(),
                       QByteArray("0123456789abcdef0123456789abcdef"));
        writeAll(mixed + QStringLiteral("/config.json"), config);
        for (const QString &command : {QStringLiteral("eval"), QStringLiteral("report")}) {
            QStringList args = {command, QStringLiteral("--run"), mixed};
            if (command == QStringLiteral("report"))
                args << QStringLiteral("--out") << path(QStringLiteral("mixed.pdf"));
            const Result r = runCli(args);
            QVERIFY2(r.exitCode == 1 && r.errLines.size() == 1, qPrintable(joined(r)));
            QVERIFY2(r.errLines.front().contains(QStringLiteral("mixes two runs")), qPrintable(joined(r)));
        }
        // Same ids, but scores.csv from elsewhere.
        QVERIFY(QFile::remove(mixed + QStringLiteral("/config.json")));
        QVERIFY(QFile::copy(m_run + QStringLiteral("/config.json"), mixed + QStringLiteral("/config.json")));
        QByteArray scores = readAll(mixed + QStringLiteral("/scores.csv"));
        scores.replace(",good,0,", ",good,0,1");
        writeAll(mixed + QStringLiteral("/scores.csv"), scores);
        const Result r = runCli({QStringLiteral("report"), QStringLiteral("--run"), mixed, QStringLiteral("--out"),
                                 path(QStringLiteral("mixed.pdf"))});
        QVERIFY2(r.exitCode == 1 && r.errLines.size() == 1, qPrintable(joined(r)));
        QVERIFY2(r.errLines.front().contains(QStringLiteral("scores.csv: does not belong to this run")), qPrintable(joined(r)));
        QVERIFY(!QFile::exists(path(QStringLiteral("mixed.pdf"))));
    }

    // A failed training into an existing run leaves that run as it was; a successful one replaces it whole
    // (no maps or files of the old run left beside the new ones).
    void existingRunIsReplacedOnlyWhole()
    {
        const QString run = path(QStringLiteral("replace"));
        QVERIFY(copyTree(m_run, run));
        writeAll(run + QStringLiteral("/maps/9999.png"), "stale map of an older run");
        const QMap<QString, QByteArray> before = snapshot(run);
        const Result failed = runCli(train(m_data, run) + QStringList{QStringLiteral("--noise-sigma"), QStringLiteral("1e308")});
        QVERIFY2(failed.exitCode == 1, qPrintable(joined(failed)));
        QCOMPARE(snapshot(run), before);
        const Result ok = runCli(train(m_data, run));
        QVERIFY2(ok.exitCode == 0, qPrintable(joined(ok)));
        QVERIFY(!QFile::exists(run + QStringLiteral("/maps/9999.png")));
        QVERIFY(snapshot(run) != before);
        const QStringList hidden = QDir(m_dir.path()).entryList({QStringLiteral(".replace*")}, QDir::AllEntries | QDir::Hidden);
        QVERIFY2(hidden.isEmpty(), qPrintable(hidden.join(QLatin1Char(' '))));
    }

    // A second writer of the same run folder fails at once; an interrupted writer leaves the old run intact.
    void concurrentAndInterruptedWriters()
    {
        const QString run = path(QStringLiteral("locked"));
        QVERIFY(copyTree(m_run, run));
        const QMap<QString, QByteArray> before = snapshot(run);
        QProcess first;
        first.start(qEnvironmentVariable("SAM2SIM_CLI"), train(m_data, run));
        QVERIFY(first.waitForStarted());
        // The lock is taken before the dataset scan; wait until it exists.
        for (int i = 0; i < 100 && !QFile::exists(path(QStringLiteral(".locked.lock"))); ++i)
            QThread::msleep(20);
        const Result second = runCli(train(m_data, run));
        QVERIFY2(second.exitCode == 1 && second.errLines.size() == 1, qPrintable(joined(second)));
        QVERIFY2(second.errLines.front().contains(QStringLiteral("in use by another sam2sim process")), qPrintable(joined(second)));
        QVERIFY2(second.ms < 10000, qPrintable(QString::number(second.ms)));
        ::kill(static_cast<pid_t>(first.processId()), SIGINT);
        QVERIFY(first.waitForFinished(60000));
        QCOMPARE(snapshot(run), before); // interrupted before its rename: the old run is untouched
        const Result again = runCli(train(m_data, run));
        QVERIFY2(again.exitCode == 0, qPrintable(joined(again)));
        const QStringList hidden = QDir(m_dir.path()).entryList({QStringLiteral(".locked*")}, QDir::AllEntries | QDir::Hidden);
        QVERIFY2(hidden.isEmpty(), qPrintable(hidden.join(QLatin1Char(' '))));
    }

    // Test images deleted, emptied, changed or added after training: eval names them (--strict: an error).
    void evalNoticesChangedTestImages()
    {
        const QString data = path(QStringLiteral("data-changed")), run = path(QStringLiteral("run-changed"));
        QVERIFY(copyTree(m_data, data));
        const Result t = runCli(train(data, run));
        QVERIFY2(t.exitCode == 0, qPrintable(joined(t)));
        const QString test = data + QStringLiteral("/nut/test/");
        QVERIFY(QFile::remove(test + QStringLiteral("good/000.png")));
        writeAll(test + QStringLiteral("good/001.png"), readAll(test + QStringLiteral("good/002.png")));
        QVERIFY(QFile::copy(m_goodPng, test + QStringLiteral("good/009.png")));
        const Result r = runCli({QStringLiteral("eval"), QStringLiteral("--run"), run, QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        const QString log = joined(r);
        QVERIFY2(log.contains(test + QStringLiteral("good/000.png: vanished")), qPrintable(log));
        QVERIFY2(log.contains(test + QStringLiteral("good/001.png: changed since training")), qPrintable(log));
        QVERIFY2(log.contains(test + QStringLiteral("good/009.png: new since training")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("3 of ")), qPrintable(log));
        const Result strict = runCli({QStringLiteral("eval"), QStringLiteral("--run"), run, QStringLiteral("--strict")});
        QVERIFY2(strict.exitCode == 1 && strict.errLines.size() == 1, qPrintable(joined(strict)));
    }

    // File names with a comma, a quote and a newline round-trip through scores.csv, eval and report --csv.
    void oddFileNamesRoundTrip()
    {
        const QString data = path(QStringLiteral("data-names")), run = path(QStringLiteral("run-names"));
        QVERIFY(copyTree(m_data, data));
        const QString odd = data + QStringLiteral("/nut/test/good/a,b \"c\"\nd.png");
        QVERIFY(QFile::rename(data + QStringLiteral("/nut/test/good/000.png"), odd));
        const Result t = runCli(train(data, run));
        QVERIFY2(t.exitCode == 0, qPrintable(joined(t)));
        const Result e = runCli({QStringLiteral("eval"), QStringLiteral("--run"), run, QStringLiteral("--quiet")});
        QVERIFY2(e.exitCode == 0, qPrintable(joined(e)));
        for (const QString &line : e.errLines) // the fixture's bad test files, nothing else
            QVERIFY2(line.startsWith(QStringLiteral("eval: warning: skipped")), qPrintable(joined(e)));
        const Result r = runCli({QStringLiteral("report"), QStringLiteral("--run"), run, QStringLiteral("--out"),
                                 path(QStringLiteral("names.pdf")), QStringLiteral("--csv"), path(QStringLiteral("names.csv"))});
        QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        const QByteArray quoted = QByteArray("\"") + odd.toUtf8().replace("\"", "\"\"") + QByteArray("\"");
        QVERIFY(readAll(path(QStringLiteral("names.csv"))).contains(quoted));
    }

    // Paths that are not UTF-8 (QProcess cannot pass them, a shell can): one line of ours, not
    // nlohmann's "[json.exception.type_error.316]".
    void nonUtf8Paths()
    {
        const QString script = QStringLiteral(
            "cd \"$1\" && mkdir -p \"$(printf 'bad\\377')\" && cp -r data \"$(printf 'bad\\377/data')\" && "
            "\"$0\" train --data \"$(printf 'bad\\377/data')\" --category nut --out run-latin1 --quiet; echo \"rc=$?\" >&2; "
            "\"$0\" train --data data --category nut --out \"$(printf 'run\\377')\" --quiet; echo \"rc=$?\" >&2");
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, qEnvironmentVariable("SAM2SIM_CLI"), m_dir.path()});
        QVERIFY(sh.waitForFinished(120000));
        const QStringList lines = QString::fromUtf8(sh.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].contains(QStringLiteral("--data is not valid UTF-8")), qPrintable(lines.join(QLatin1Char('|'))));
        QCOMPARE(lines[1], QStringLiteral("rc=1"));
        QVERIFY2(lines[2].contains(QStringLiteral("--out is not valid UTF-8")), qPrintable(lines.join(QLatin1Char('|'))));
        QCOMPARE(lines[3], QStringLiteral("rc=1"));
        QVERIFY(!QDir(m_dir.path()).exists(QStringLiteral("run-latin1")));
    }

    // synth builds in a temporary folder: --force replaces a dataset whole (no 64-px images beside 128-px
    // ones); without --force a non-empty folder is refused (a row of cases()).
    void synthReplacesWhole()
    {
        const QString data = path(QStringLiteral("synth-force"));
        QVERIFY(runCli(synth(data)).exitCode == 0);
        writeAll(data + QStringLiteral("/nut/train/good/stale.png"), readAll(m_goodPng));
        QStringList args = synth(data);
        args[args.indexOf(QStringLiteral("64"))] = QStringLiteral("128");
        const Result r = runCli(args + QStringList{QStringLiteral("--force")});
        QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        QVERIFY(!QFile::exists(data + QStringLiteral("/nut/train/good/stale.png")));
        const QByteArray png = readAll(data + QStringLiteral("/nut/train/good/000.png"));
        QCOMPARE(png.mid(16, 8), be32(128) + be32(128));

        // Interrupted: no dataset appears at all (scan would have accepted half of one).
        const QString half = path(QStringLiteral("synth-interrupted"));
        QProcess p;
        QStringList big = synth(half);
        big[big.indexOf(QStringLiteral("6"))] = QStringLiteral("2000");
        p.start(qEnvironmentVariable("SAM2SIM_CLI"), big);
        QVERIFY(p.waitForStarted());
        QThread::msleep(500);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(!QFile::exists(half));
        const Result again = runCli(synth(half));
        QVERIFY2(again.exitCode == 0, qPrintable(joined(again)));
        const QStringList hidden = QDir(m_dir.path()).entryList({QStringLiteral(".synth-interrupted*")}, QDir::AllEntries | QDir::Hidden);
        QVERIFY2(hidden.isEmpty(), qPrintable(hidden.join(QLatin1Char(' '))));
    }
};

QTEST_APPLESS_MAIN(TestSavedFiles)
#include "tst_saved_files.moc"
