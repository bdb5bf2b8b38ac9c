// sam2sim inspect (issue 21): inspected test images score as eval scored them, verdicts follow the
// threshold, unreadable inputs are named and skipped (--strict: an error), a watched folder picks up a
// half-written file once complete and exactly once, and a killed watch leaves a whole lot that a new
// watch continues.
#include "tests/cli/cli_process.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <cmath>

using s2s::test::CliResult;
using s2s::test::runCli;

namespace {

struct Row
{
    QString path;
    double score = 0.0;
    QString verdict;
    double threshold = 0.0;
    QString maskSource;
    QString sha256;
};

// verdicts.csv as written (no quoted fields in these tests' paths); `whole` is false when a line is cut.
QList<Row> readVerdicts(const QString &file, bool *whole = nullptr)
{
    QFile f(file);
    QList<Row> rows;
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    const QByteArray text = f.readAll();
    if (whole)
        *whole = text.endsWith('\n');
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        const QList<QByteArray> f7 = lines[i].split(',');
        if (f7.size() != 7) {
            if (whole)
                *whole = false;
            continue;
        }
        // Scores are floats (9 digits: exact); the threshold is a double (17 digits).
        rows.append({QString::fromUtf8(f7[0]), static_cast<double>(f7[1].toFloat()), QString::fromUtf8(f7[2]), f7[3].toDouble(),
                     QString::fromUtf8(f7[5]), QString::fromUtf8(f7[6])});
    }
    return rows;
}

QJsonObject readJson(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// scores.csv: "<defect>/<name>" -> score.
QMap<QString, double> runScores(const QString &run)
{
    QFile f(run + QStringLiteral("/scores.csv"));
    QMap<QString, double> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (int i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].split(',');
        if (fields.size() == 4)
            out[QFileInfo(QString::fromUtf8(fields[0])).dir().dirName() + QLatin1Char('/')
                + QFileInfo(QString::fromUtf8(fields[0])).fileName()] = fields[3].toDouble();
    }
    return out;
}

QString key(const QString &path)
{
    return QFileInfo(path).dir().dirName() + QLatin1Char('/') + QFileInfo(path).fileName();
}

QByteArray fileBytes(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString &file, const QByteArray &bytes)
{
    QFile f(file);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestInspect final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;
    QString m_run;   // backgrounds kept
    QString m_runFg; // learnt classical foreground extraction

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString testImage(const QString &rel) const { return m_data + QStringLiteral("/nut/test/") + rel; }

    QStringList testFolders() const
    {
        QStringList out;
        for (const QString &d : QDir(m_data + QStringLiteral("/nut/test")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            out << m_data + QStringLiteral("/nut/test/") + d;
        return out;
    }

    QStringList trainArgs(const QString &out, bool foreground) const
    {
        QStringList a{QStringLiteral("train"), QStringLiteral("--data"), m_data, QStringLiteral("--category"),
                      QStringLiteral("nut"), QStringLiteral("--out"), out, QStringLiteral("--backbone"),
                      QStringLiteral("mobilenet_v2"), QStringLiteral("--backbone-weights"), QStringLiteral("none"),
                      QStringLiteral("--epochs"), QStringLiteral("3"), QStringLiteral("--image-size"),
                      QStringLiteral("128"), QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--quiet")};
        if (foreground)
            a << QStringLiteral("--foreground") << QStringLiteral("on") << QStringLiteral("--segmenter")
              << QStringLiteral("classical");
        else
            a << QStringLiteral("--foreground") << QStringLiteral("off"); // the default is auto: on for nut
        return a;
    }

    // Waits for a process with a deadline; false when it is still running.
    static bool finish(QProcess &p, int ms)
    {
        return p.waitForFinished(ms) && p.exitStatus() == QProcess::NormalExit;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString cli = qEnvironmentVariable("SAM2SIM_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("SAM2SIM_CLI does not name the sam2sim binary");
        QVERIFY(m_dir.isValid());
        m_data = path(QStringLiteral("data"));
        CliResult r = runCli({QStringLiteral("synth"), QStringLiteral("--out"), m_data, QStringLiteral("--categories"),
                              QStringLiteral("nut"), QStringLiteral("--size"), QStringLiteral("160"),
                              QStringLiteral("--train"), QStringLiteral("10"), QStringLiteral("--test-good"),
                              QStringLiteral("4"), QStringLiteral("--test-defect"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 0);
        m_run = path(QStringLiteral("run"));
        m_runFg = path(QStringLiteral("run-fg"));
        r = runCli(trainArgs(m_run, false), 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        r = runCli(trainArgs(m_runFg, true), 300000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
    }

    void scoresAsEval_data()
    {
        QTest::addColumn<bool>("foreground");
        QTest::newRow("backgrounds kept") << false;
        QTest::newRow("foreground extraction") << true;
    }

    // Every test image inspected as a new image gets the score eval gave it (scores.csv), its content hash,
    // the run's threshold and rule, and the foreground extractor's name when the run removes backgrounds.
    void scoresAsEval()
    {
        QFETCH(bool, foreground);
        const QString run = foreground ? m_runFg : m_run;
        const QString out = path(foreground ? QStringLiteral("lot-fg") : QStringLiteral("lot"));
        const CliResult r = runCli(QStringList{QStringLiteral("inspect"), QStringLiteral("--run"), run, QStringLiteral("--out"),
                                               out, QStringLiteral("--images")}
                                       // A folder's subfolders are part of its lot.
                                       << (foreground ? QStringList{m_data + QStringLiteral("/nut/test")} : testFolders()),
                                   120000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        const QMap<QString, double> expected = runScores(run);
        const QList<Row> rows = readVerdicts(out + QStringLiteral("/verdicts.csv"));
        QCOMPARE(rows.size(), expected.size());
        const QJsonObject metrics = readJson(run + QStringLiteral("/metrics.json"));
        const double threshold = metrics.value(QStringLiteral("threshold")).toObject().value(QStringLiteral("value")).toDouble();
        int ng = 0;
        for (const Row &row : rows) {
            QVERIFY2(expected.contains(key(row.path)), qPrintable(row.path));
            const double want = expected.value(key(row.path));
            QVERIFY2(std::abs(row.score - want) <= 1e-4 * std::abs(want), qPrintable(row.path));
            QCOMPARE(row.threshold, threshold);
            QCOMPARE(row.verdict, row.score >= threshold ? QStringLiteral("NG") : QStringLiteral("OK"));
            ng += row.verdict == QStringLiteral("NG");
            QCOMPARE(row.sha256, QString::fromLatin1(
                                     QCryptographicHash::hash(fileBytes(row.path), QCryptographicHash::Sha256).toHex()));
            if (foreground)
                QVERIFY2(row.maskSource.startsWith(QStringLiteral("classical")), qPrintable(row.maskSource));
            else
                QCOMPARE(row.maskSource, QStringLiteral("none"));
        }
        const QJsonObject lot = readJson(out + QStringLiteral("/lot.json"));
        QCOMPARE(lot.value(QStringLiteral("run_id")).toString(),
                 readJson(run + QStringLiteral("/config.json")).value(QStringLiteral("run_id")).toString());
        QCOMPARE(lot.value(QStringLiteral("rule")).toString(), QStringLiteral("f1_max"));
        QCOMPARE(lot.value(QStringLiteral("images")).toInt(), rows.size());
        QCOMPARE(lot.value(QStringLiteral("ng")).toInt(), ng);
        QCOMPARE(lot.value(QStringLiteral("ok")).toInt(), rows.size() - ng);
        QVERIFY(lot.value(QStringLiteral("images_per_second")).toDouble() > 0.0);
        // --maps ng (the default): one heatmap per NG image.
        QCOMPARE(QDir(out + QStringLiteral("/maps")).entryList(QDir::Files).size(), ng);
    }

    // The verdict is NG exactly when score >= the threshold given; f1 is recomputed from scores.csv.
    void verdictsFollowThreshold()
    {
        const QList<Row> all = readVerdicts(path(QStringLiteral("lot/verdicts.csv")));
        QVERIFY(all.size() > 2);
        QList<double> scores;
        for (const Row &row : all)
            scores << row.score;
        std::sort(scores.begin(), scores.end());
        const double middle = scores[scores.size() / 2]; // an image's exact score: NG at equality
        const QString out = path(QStringLiteral("lot-threshold"));
        CliResult r = runCli(QStringList{QStringLiteral("inspect"), QStringLiteral("--run"), m_run, QStringLiteral("--out"), out,
                                         QStringLiteral("--threshold"), QString::number(middle, 'g', 17),
                                         QStringLiteral("--maps"), QStringLiteral("none"), QStringLiteral("--images")}
                                 << testFolders(),
                             120000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        int ng = 0;
        for (const Row &row : readVerdicts(out + QStringLiteral("/verdicts.csv"))) {
            QCOMPARE(row.verdict, row.score >= middle ? QStringLiteral("NG") : QStringLiteral("OK"));
            ng += row.verdict == QStringLiteral("NG");
        }
        QCOMPARE(ng, static_cast<int>(std::count_if(scores.begin(), scores.end(), [&](double s) { return s >= middle; })));
        QVERIFY(ng > 0 && ng < scores.size());
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/maps")) || QDir(out + QStringLiteral("/maps")).isEmpty());
        const QJsonObject lot = readJson(out + QStringLiteral("/lot.json"));
        QCOMPARE(lot.value(QStringLiteral("rule")).toString(), QStringLiteral("value"));

        // f1: the run's own F1-optimal threshold again (the same scores and rule as metrics.json).
        r = runCli({QStringLiteral("inspect"), QStringLiteral("--run"), m_run, QStringLiteral("--out"), out,
                    QStringLiteral("--threshold"), QStringLiteral("f1"), QStringLiteral("--json"), QStringLiteral("--images"),
                    testImage(QStringLiteral("good/000.png"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        const QJsonObject printed = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(printed.value(QStringLiteral("rule")).toString(), QStringLiteral("f1"));
        QCOMPARE(printed.value(QStringLiteral("threshold")).toDouble(),
                 readJson(m_run + QStringLiteral("/metrics.json")).value(QStringLiteral("f1_threshold")).toDouble());

        r = runCli({QStringLiteral("inspect"), QStringLiteral("--run"), m_run, QStringLiteral("--out"), out,
                    QStringLiteral("--threshold"), QStringLiteral("fpr:2"), QStringLiteral("--images"), testImage(QStringLiteral("good/000.png"))});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.errLines.size(), 1);
        QVERIFY2(r.errLines.front().contains(QStringLiteral("fpr:2")), qPrintable(r.errLines.front()));
    }

    // A corrupt (cut short) PNG and a file that is no image are named and skipped; --strict makes the
    // first an error and leaves no lot behind.
    void corruptFilesSkipped()
    {
        const QString in = path(QStringLiteral("corrupt-in"));
        QVERIFY(QDir().mkpath(in));
        const QByteArray good = fileBytes(testImage(QStringLiteral("good/000.png")));
        QVERIFY(writeBytes(in + QStringLiteral("/a.png"), good));
        QVERIFY(writeBytes(in + QStringLiteral("/b.png"), good.left(good.size() / 2)));
        QVERIFY(writeBytes(in + QStringLiteral("/notes.txt"), "not an image"));
        const QString out = path(QStringLiteral("lot-corrupt"));
        CliResult r = runCli({QStringLiteral("inspect"), QStringLiteral("--run"), m_run, QStringLiteral("--out"), out,
                              QStringLiteral("--images"), in});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        const QList<Row> rows = readVerdicts(out + QStringLiteral("/verdicts.csv"));
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows.front().path.endsWith(QStringLiteral("a.png")));
        const QJsonArray skipped = readJson(out + QStringLiteral("/lot.json")).value(QStringLiteral("skipped")).toArray();
        QCOMPARE(skipped.size(), 2);
        QString reasons;
        for (const auto &s : skipped)
            reasons += s.toObject().value(QStringLiteral("reason")).toString() + QLatin1Char('\n');
        QVERIFY2(reasons.contains(QStringLiteral("b.png: truncated PNG")), qPrintable(reasons));
        QVERIFY2(reasons.contains(QStringLiteral("notes.txt: not an image")), qPrintable(reasons));
        QVERIFY(r.errLines.join(QLatin1Char('\n')).contains(QStringLiteral("b.png")));

        const QString strictOut = path(QStringLiteral("lot-strict"));
        QVERIFY(QFile::remove(in + QStringLiteral("/notes.txt")));
        r = runCli({QStringLiteral("inspect"), QStringLiteral("--run"), m_run, QStringLiteral("--out"), strictOut,
                    QStringLiteral("--strict"), QStringLiteral("--images"), in});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.errLines.size(), 1);
        QVERIFY2(r.errLines.front().contains(QStringLiteral("b.png: truncated PNG")), qPrintable(r.errLines.front()));
        QVERIFY(!QFileInfo::exists(strictOut));
    }

    // A file written in two halves is inspected once it is complete, once, with the score of the whole
    // file; a renamed .part file is inspected once, hidden names never, a corrupt file is skipped.
    void watchPicksUpHalfWrittenFileOnce()
    {
        const QString in = path(QStringLiteral("watch-in"));
        const QString out = path(QStringLiteral("watch-lot"));
        QVERIFY(QDir().mkpath(in));
        QProcess watch;
        watch.start(qEnvironmentVariable("SAM2SIM_CLI"),
                    {QStringLiteral("inspect"), QStringLiteral("--run"), m_run, QStringLiteral("--out"), out,
                     QStringLiteral("--watch"), in, QStringLiteral("--idle-exit"), QStringLiteral("3"),
                     QStringLiteral("--corrupt-after"), QStringLiteral("1.5")});
        QVERIFY(watch.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(out + QStringLiteral("/lot.json")), 60000);
        const QByteArray whole = fileBytes(testImage(QStringLiteral("good/001.png")));
        {
            QFile half(in + QStringLiteral("/a.png"));
            QVERIFY(half.open(QIODevice::WriteOnly));
            QCOMPARE(half.write(whole.left(whole.size() / 2)), whole.size() / 2);
            half.flush();
            QThread::msleep(1200); // a writer pausing mid-file: retried, not reported
            QCOMPARE(half.write(whole.mid(whole.size() / 2)), whole.size() - whole.size() / 2);
        }
        QVERIFY(writeBytes(in + QStringLiteral("/.hidden.png"), whole));
        QVERIFY(writeBytes(in + QStringLiteral("/b.png.part"), fileBytes(testImage(QStringLiteral("good/002.png")))));
        QVERIFY(QFile::rename(in + QStringLiteral("/b.png.part"), in + QStringLiteral("/b.png")));
        QVERIFY(writeBytes(in + QStringLiteral("/c.png"), whole.left(100)));
        QThread::msleep(300);
        QVERIFY(writeBytes(in + QStringLiteral("/a.png"), whole)); // rewritten after inspection: not again
        QVERIFY2(finish(watch, 60000), "the watch did not stop on --idle-exit");
        QCOMPARE(watch.exitCode(), 0);

        const QList<Row> rows = readVerdicts(out + QStringLiteral("/verdicts.csv"));
        QStringList names;
        for (const Row &row : rows)
            names << QFileInfo(row.path).fileName();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("a.png"), QStringLiteral("b.png")}));
        const QMap<QString, double> expected = runScores(m_run);
        for (const Row &row : rows) {
            const double want = expected.value(QFileInfo(row.path).fileName() == QStringLiteral("a.png")
                                                   ? QStringLiteral("good/001.png")
                                                   : QStringLiteral("good/002.png"));
            QVERIFY2(std::abs(row.score - want) <= 1e-4 * std::abs(want), qPrintable(row.path));
        }
        const QJsonObject lot = readJson(out + QStringLiteral("/lot.json"));
        const QJsonArray skipped = lot.value(QStringLiteral("skipped")).toArray();
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped.at(0).toObject().value(QStringLiteral("path")).toString().endsWith(QStringLiteral("c.png")));
        QCOMPARE(lot.value(QStringLiteral("images")).toInt(), 2);
        QVERIFY(lot.value(QStringLiteral("closed")).toBool());
    }

    // kill -9 in the middle of a watch: verdicts.csv holds whole rows only, lot.json is valid and at most
    // one row behind; a new watch into the same OUT continues the lot without inspecting anything twice,
    // and SIGTERM closes it cleanly.
    void killedWatchLeavesWholeLot()
    {
        const QString in = path(QStringLiteral("kill-in"));
        const QString out = path(QStringLiteral("kill-lot"));
        QVERIFY(QDir().mkpath(in));
        const QStringList sources = QDir(testImage(QStringLiteral("good"))).entryList(QDir::Files);
        int files = 0;
        for (int copy = 0; copy < 4; ++copy)
            for (const QString &name : sources) {
                QVERIFY(QFile::copy(testImage(QStringLiteral("good/")) + name,
                                    in + QStringLiteral("/%1_%2").arg(copy).arg(name)));
                ++files;
            }
        const QStringList args{QStringLiteral("inspect"), QStringLiteral("--run"), m_runFg, QStringLiteral("--out"), out,
                               QStringLiteral("--watch"), in, QStringLiteral("--maps"), QStringLiteral("all"),
                               QStringLiteral("--threads"), QStringLiteral("1")};
        QProcess watch;
        watch.start(qEnvironmentVariable("SAM2SIM_CLI"), args);
        QVERIFY(watch.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(readVerdicts(out + QStringLiteral("/verdicts.csv")).size() >= 3, 90000);
        watch.kill(); // SIGKILL
        watch.waitForFinished();

        bool whole = false;
        const QList<Row> rows = readVerdicts(out + QStringLiteral("/verdicts.csv"), &whole);
        QVERIFY(whole);
        QVERIFY(rows.size() >= 3 && rows.size() < files);
        const QJsonObject lot = readJson(out + QStringLiteral("/lot.json"));
        const int images = lot.value(QStringLiteral("images")).toInt();
        QVERIFY2(images == rows.size() || images == rows.size() - 1, qPrintable(QString::number(images)));
        QCOMPARE(lot.value(QStringLiteral("ok")).toInt() + lot.value(QStringLiteral("ng")).toInt(), images);
        QVERIFY(!lot.value(QStringLiteral("closed")).toBool());
        // Every row's map is there (maps are written before their row).
        QVERIFY(QDir(out + QStringLiteral("/maps")).entryList({QStringLiteral("*.png")}, QDir::Files).size() >= rows.size());

        // Continue the lot, then stop it with SIGTERM once every file is in.
        QProcess again;
        again.start(qEnvironmentVariable("SAM2SIM_CLI"), args);
        QVERIFY(again.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(readVerdicts(out + QStringLiteral("/verdicts.csv")).size() >= files, 120000);
        again.terminate();
        QVERIFY(finish(again, 30000));
        QCOMPARE(again.exitCode(), 130);
        const QList<Row> all = readVerdicts(out + QStringLiteral("/verdicts.csv"), &whole);
        QVERIFY(whole);
        QCOMPARE(all.size(), files);
        QSet<QString> unique;
        for (const Row &row : all)
            unique.insert(row.path);
        QCOMPARE(unique.size(), files);
        const QJsonObject closed = readJson(out + QStringLiteral("/lot.json"));
        QCOMPARE(closed.value(QStringLiteral("images")).toInt(), files);
        QVERIFY(closed.value(QStringLiteral("closed")).toBool());
        QVERIFY(closed.value(QStringLiteral("interrupted")).toBool());
    }

    // The lot report is a whole PDF of at least a summary page and a gallery page.
    void lotReport()
    {
        const QString pdf = path(QStringLiteral("lot.pdf"));
        const CliResult r = runCli(QStringList{QStringLiteral("inspect"), QStringLiteral("--run"), m_runFg, QStringLiteral("--out"),
                                               path(QStringLiteral("lot-report")), QStringLiteral("--report"), pdf,
                                               QStringLiteral("--images")}
                                       << testFolders(),
                                   120000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        const QByteArray bytes = fileBytes(pdf);
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.right(32).contains("%%EOF"));
        QVERIFY(bytes.count("/Type /Page") >= 3); // the page tree and at least two pages
    }
};

QTEST_GUILESS_MAIN(TestInspect)
#include "tst_inspect.moc"
