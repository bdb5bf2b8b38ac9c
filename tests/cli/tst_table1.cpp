// `sam2sim table1 --per-family` through the CLI ($SAM2SIM_CLI): per-family results in JSON, CSV and
// Markdown, the mask IoU of composites against clean masks, one progress line per phase, and the
// report's per-family section (`report --table1`).
#include "tests/cli/cli_process.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

using s2s::test::CliResult;

CliResult runCli(const QStringList &args)
{
    return s2s::test::runCli(args, 600000);
}

const QStringList kFamilies = {QStringLiteral("fractal_noise"), QStringLiteral("wood"), QStringLiteral("marble"),
                               QStringLiteral("tiles"), QStringLiteral("gradient"), QStringLiteral("clutter")};

} // namespace

class TestTable1 final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data, m_out;
    CliResult m_table1;

    // Small and quick: random backbone weights (this checks the protocol's plumbing and the extractor, not
    // the detector's accuracy).
    QStringList common() const
    {
        return {QStringLiteral("--data"), m_data, QStringLiteral("--backbone"), QStringLiteral("mobilenet_v2"),
                QStringLiteral("--backbone-weights"), QStringLiteral("none"), QStringLiteral("--threads"),
                QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--epochs"),
                QStringLiteral("2")}; // 2 epochs of 10 images: a few steps, the plumbing is what is tested
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString cli = qEnvironmentVariable("SAM2SIM_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("SAM2SIM_CLI does not name the sam2sim binary");
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8()); // masks from scratch
        m_data = m_dir.filePath(QStringLiteral("data"));
        const CliResult s = runCli({QStringLiteral("synth"), QStringLiteral("--out"), m_data, QStringLiteral("--categories"),
                                    QStringLiteral("nut"), QStringLiteral("--size"), QStringLiteral("128"),
                                    QStringLiteral("--train"), QStringLiteral("10"), QStringLiteral("--test-good"),
                                    QStringLiteral("3"), QStringLiteral("--test-defect"), QStringLiteral("2")});
        QCOMPARE(s.exitCode, 0);
        m_out = m_dir.filePath(QStringLiteral("t1"));
        m_table1 = runCli(QStringList{QStringLiteral("table1")} + common()
                          << QStringLiteral("--out") << m_out << QStringLiteral("--per-family"));
        QVERIFY2(m_table1.exitCode == 0, qPrintable(m_table1.errLines.join(QLatin1Char('\n'))));
    }

    void jsonHasEveryFamily()
    {
        QFile f(m_out + QStringLiteral("/table1.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(j.value(QStringLiteral("per_family")).toBool(), true);
        const QJsonObject nut = j.value(QStringLiteral("categories")).toArray().at(0).toObject();
        QCOMPARE(nut.value(QStringLiteral("segmenter")).toString(), QStringLiteral("classical-learnt"));
        QVERIFY(nut.value(QStringLiteral("mask_iou")).isDouble());
        const QJsonArray families = nut.value(QStringLiteral("families")).toArray();
        QCOMPARE(families.size(), kFamilies.size());
        const int testImages = static_cast<int>(QDir(m_data + QStringLiteral("/nut/test"))
                                                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                                                    .size()); // defect folders + good
        QVERIFY(testImages >= 2);
        for (int i = 0; i < families.size(); ++i) {
            const QJsonObject f = families.at(i).toObject();
            QCOMPARE(f.value(QStringLiteral("family")).toString(), kFamilies.at(i));
            // Every test image composited on this family (the whole test set per family).
            QCOMPARE(f.value(QStringLiteral("images")).toInt(), families.at(0).toObject().value(QStringLiteral("images")).toInt());
            QVERIFY(f.value(QStringLiteral("images")).toInt() >= testImages);
            for (const char *column : {"dynamic", "sam2sim"}) {
                const double auroc = f.value(QLatin1String(column)).toObject().value(QStringLiteral("image_auroc")).toDouble(-1);
                QVERIFY2(auroc >= 0.0 && auroc <= 1.0, column);
            }
            // A plain object on a plain studio background: the learnt extractor finds it again on
            // every family (the model-free border segmenter does not on clutter or tiles).
            const double iou = f.value(QStringLiteral("mask_iou")).toDouble(-1);
            QVERIFY2(iou >= 0.9 && iou <= 1.0, qPrintable(QStringLiteral("%1: IoU %2").arg(kFamilies.at(i)).arg(iou)));
        }
    }

    void csvAndMarkdown()
    {
        QFile csv(m_out + QStringLiteral("/table1_families.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + kFamilies.size());
        QVERIFY(lines.front().startsWith(QStringLiteral("category,family,dynamic_i_auroc")));
        QVERIFY(lines.at(6).startsWith(QStringLiteral("nut,clutter,")));
        QFile md(m_out + QStringLiteral("/table1.md"));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(md.readAll());
        QVERIFY(text.contains(QStringLiteral("### Per background family")));
        QVERIFY(text.contains(QStringLiteral("| nut | wood |")));
        QVERIFY(text.contains(QStringLiteral("Mask IoU")));
    }

    void onePhaseLinePerPhase()
    {
        const QString err = m_table1.errLines.join(QLatin1Char('\n'));
        for (const QString &phase : {QStringLiteral("features (train)"), QStringLiteral("training (SimpleNet)"),
                                     QStringLiteral("training (Sam2Sim)"), QStringLiteral("segmentation"),
                                     QStringLiteral("compositing"), QStringLiteral("scoring")}) {
            const QRegularExpression line(QStringLiteral("^table1:\\s+") + QRegularExpression::escape(phase)
                                          + QStringLiteral("\\s+\\d+/\\d+ in [0-9.]+ s"),
                                          QRegularExpression::MultilineOption);
            QVERIFY2(line.match(err).hasMatch(), qPrintable(phase + QStringLiteral(" missing in:\n") + err));
        }
    }

    void reportShowsPerFamilySection()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString run = m_dir.filePath(QStringLiteral("run"));
        const CliResult t = runCli(QStringList{QStringLiteral("train")} + common()
                                   << QStringLiteral("--category") << QStringLiteral("nut") << QStringLiteral("--out")
                                   << run << QStringLiteral("--foreground") << QStringLiteral("on")
                                   << QStringLiteral("--quiet"));
        QCOMPARE(t.exitCode, 0);
        const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
        const CliResult r = runCli({QStringLiteral("report"), QStringLiteral("--run"), run, QStringLiteral("--out"), pdf,
                                    QStringLiteral("--table1"), m_out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        QProcess p;
        p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(60000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY(text.contains(QStringLiteral("Robustness per background family")));
        QVERIFY(text.contains(QStringLiteral("Image AUROC per background family")));
        for (const QString &family : kFamilies)
            QVERIFY2(text.contains(family), qPrintable(family));
        // A table1 folder without the run's category: one line naming the file.
        const QString other = m_dir.filePath(QStringLiteral("other.json"));
        QFile o(other);
        QVERIFY(o.open(QIODevice::WriteOnly));
        o.write(R"({"categories": [{"category": "tablet", "families": []}]})");
        o.close();
        const CliResult bad = runCli({QStringLiteral("report"), QStringLiteral("--run"), run, QStringLiteral("--out"),
                                      m_dir.filePath(QStringLiteral("bad.pdf")), QStringLiteral("--table1"), other});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.errLines.join(QLatin1Char('|')).contains(other + QStringLiteral(": no category 'nut'")),
                 qPrintable(bad.errLines.join(QLatin1Char('|'))));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.pdf"))));
    }
};

QTEST_GUILESS_MAIN(TestTable1)
#include "tst_table1.moc"
