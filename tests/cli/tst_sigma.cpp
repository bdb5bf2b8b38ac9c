// Noise sigma through the CLI ($SAM2SIM_CLI): absolute, relative and auto spellings, the recorded
// absolute/relative sigma and feature scale, the not-learning warning, and `sweep --json` (its shape,
// and --cold points equal to a `train` at the same sigma and seed).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "tests/cli/cli_process.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace {

using s2s::test::CliResult;

CliResult runCli(const QStringList &args)
{
    return s2s::test::runCli(args, 300000); // trainings take minutes
}

QJsonObject readJson(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestSigma final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;

    // Small and quick: random backbone weights (the point is the plumbing, not accuracy), 2 threads.
    QStringList common(const QString &command) const
    {
        return {command, QStringLiteral("--data"), m_data, QStringLiteral("--category"), QStringLiteral("nut"),
                QStringLiteral("--backbone"), QStringLiteral("mobilenet_v2"), QStringLiteral("--backbone-weights"),
                QStringLiteral("none"), QStringLiteral("--epochs"), QStringLiteral("3"),
                QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("3")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString cli = qEnvironmentVariable("SAM2SIM_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("SAM2SIM_CLI does not name the sam2sim binary");
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("data"));
        const CliResult r = runCli({QStringLiteral("synth"), QStringLiteral("--out"), m_data, QStringLiteral("--categories"),
                                 QStringLiteral("nut"), QStringLiteral("--size"), QStringLiteral("96"),
                                 QStringLiteral("--train"), QStringLiteral("8"), QStringLiteral("--test-good"),
                                 QStringLiteral("3"), QStringLiteral("--test-defect"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 0);
    }

    void badSpellingsAreOneLine_data()
    {
        QTest::addColumn<QString>("sigma");
        QTest::newRow("not a number") << "abc";
        QTest::newRow("huge") << "1e308";
        QTest::newRow("zero") << "0";
        QTest::newRow("negative factor") << "-0.5x";
        QTest::newRow("nan") << "nan";
        QTest::newRow("huge factor") << "1000x";
    }

    void badSpellingsAreOneLine()
    {
        QFETCH(QString, sigma);
        const CliResult r = runCli(common(QStringLiteral("train")) << QStringLiteral("--out") << m_dir.filePath(QStringLiteral("bad"))
                                         << QStringLiteral("--noise-sigma") << sigma);
        QVERIFY(r.exitCode > 0);
        QCOMPARE(r.errLines.size(), 1);
        QVERIFY2(r.errLines.front().contains(QStringLiteral("noise sigma")), qPrintable(r.errLines.front()));
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("bad"))).exists());
    }

    void relativeSigmaIsRecorded()
    {
        const QString run = m_dir.filePath(QStringLiteral("rel"));
        const CliResult r = runCli(common(QStringLiteral("train")) << QStringLiteral("--out") << run << QStringLiteral("--noise-sigma")
                                         << QStringLiteral("0.5x"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject config = readJson(run + QStringLiteral("/config.json"));
        const QJsonObject metrics = readJson(run + QStringLiteral("/metrics.json"));
        const double scale = config.value(QStringLiteral("feature_scale")).toDouble();
        QVERIFY(scale > 0.0);
        QCOMPARE(config.value(QStringLiteral("noise_sigma_setting")).toString(), QStringLiteral("0.5x"));
        QVERIFY(qAbs(config.value(QStringLiteral("noise_sigma")).toDouble() - 0.5 * scale) < 1e-9 * scale);
        QVERIFY(qAbs(config.value(QStringLiteral("noise_sigma_rel")).toDouble() - 0.5) < 1e-9);
        QCOMPARE(metrics.value(QStringLiteral("noise_sigma")).toDouble(), config.value(QStringLiteral("noise_sigma")).toDouble());
        QCOMPARE(metrics.value(QStringLiteral("feature_scale")).toDouble(), scale);
        QVERIFY(metrics.contains(QStringLiteral("not_learning")));
        // The sigma line names both values.
        bool named = false;
        for (const QString &l : r.errLines)
            named = named || (l.contains(QStringLiteral("noise sigma")) && l.contains(QStringLiteral("0.5x")));
        QVERIFY2(named, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        // Inside the working range: no range warning.
        QVERIFY(metrics.contains(QStringLiteral("noise_sigma_warning")));
        QVERIFY(metrics.value(QStringLiteral("noise_sigma_warning")).isNull());
        for (const QString &l : r.errLines)
            QVERIFY2(!l.contains(QStringLiteral("working range")), qPrintable(l));
    }

    // A sigma far outside the measured working range (0.1x to 3x) is said before training starts, on
    // stderr (also with --quiet) and in metrics.json (issue 22).
    void sigmaOutsideWorkingRangeWarnsUpFront_data()
    {
        QTest::addColumn<QString>("sigma");
        QTest::addColumn<QString>("factor"); // as the warning prints it
        QTest::addColumn<bool>("quiet");
        QTest::newRow("0.02x") << "0.02x" << "0.02x" << false;
        QTest::newRow("50x-quiet") << "50x" << "50x" << true;
    }

    void sigmaOutsideWorkingRangeWarnsUpFront()
    {
        QFETCH(QString, sigma);
        QFETCH(QString, factor);
        QFETCH(bool, quiet);
        QStringList args = common(QStringLiteral("train"));
        args[args.indexOf(QStringLiteral("--epochs")) + 1] = QStringLiteral("1");
        const QString run = m_dir.filePath(QStringLiteral("range-") + QString::fromLatin1(QTest::currentDataTag()));
        args << QStringLiteral("--out") << run << QStringLiteral("--noise-sigma") << sigma;
        if (quiet)
            args << QStringLiteral("--quiet");
        const CliResult r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        const auto warningLine = [](const QStringList &lines) {
            for (int i = 0; i < lines.size(); ++i)
                if (lines[i].startsWith(QStringLiteral("train: warning: noise sigma ")))
                    return i;
            return -1;
        };
        const int at = warningLine(r.errLines);
        QVERIFY2(at >= 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        const QString line = r.errLines[at];
        QVERIFY2(line.contains(factor + QStringLiteral(" the feature scale")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("outside the working range measured for it (0.1x to 3x")), qPrintable(line));
        // Up front: before the first epoch line.
        for (int i = 0; i < at; ++i)
            QVERIFY2(!r.errLines[i].startsWith(QStringLiteral("train: epoch ")), qPrintable(r.errLines.join(QLatin1Char('\n'))));
        if (!quiet) {
            bool epochAfter = false;
            for (int i = at + 1; i < r.errLines.size(); ++i)
                epochAfter = epochAfter || r.errLines[i].startsWith(QStringLiteral("train: epoch 1/1"));
            QVERIFY2(epochAfter, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        }
        const QJsonObject metrics = readJson(run + QStringLiteral("/metrics.json"));
        const QString recorded = metrics.value(QStringLiteral("noise_sigma_warning")).toString();
        QVERIFY2(recorded.contains(factor + QStringLiteral(" the feature scale")), qPrintable(recorded));
        QVERIFY2(line.contains(recorded), qPrintable(recorded));
    }

    // The case with real features: 0.001 absolute is about 0.0015x of ImageNet MobileNetV2's scale.
    void tinyAbsoluteSigmaWarnsUpFront()
    {
        const QString weights = qEnvironmentVariable("SAM2SIM_SHARED") + QStringLiteral("/weights/mobilenet_v2_imagenet_bnfolded.pth");
        if (!QFileInfo::exists(weights))
            QSKIP("../shared/weights not found: the check needs real features");
        QStringList args = common(QStringLiteral("train"));
        args[args.indexOf(QStringLiteral("none"))] = weights;
        args[args.indexOf(QStringLiteral("--epochs")) + 1] = QStringLiteral("1");
        const QString run = m_dir.filePath(QStringLiteral("tiny-1"));
        const CliResult r = runCli(QStringList(args) << QStringLiteral("--out") << run << QStringLiteral("--noise-sigma")
                                                  << QStringLiteral("0.001"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        bool warned = false;
        for (const QString &l : r.errLines)
            warned = warned || (l.startsWith(QStringLiteral("train: warning: noise sigma 0.001 is ")) && l.contains(QStringLiteral("working range")));
        QVERIFY2(warned, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        QVERIFY(readJson(run + QStringLiteral("/metrics.json")).value(QStringLiteral("noise_sigma_warning")).toString().startsWith(
            QStringLiteral("noise sigma 0.001 is ")));
    }

    void tinySigmaWarnsNotLearning()
    {
        // The paper's failure mode: an absolute sigma far below the scale of real ImageNet features.
        // (Random-weight features are ~1e-4 in scale, where 0.001 is not small.)
        const QString weights = qEnvironmentVariable("SAM2SIM_SHARED") + QStringLiteral("/weights/mobilenet_v2_imagenet_bnfolded.pth");
        if (!QFileInfo::exists(weights))
            QSKIP("../shared/weights not found: the not-learning check needs real features");
        QStringList args = common(QStringLiteral("train"));
        args[args.indexOf(QStringLiteral("none"))] = weights;
        // The defaults' 64 steps: a handful of steps has not yet settled at the stationary point.
        args.removeAt(args.indexOf(QStringLiteral("--epochs")) + 1);
        args.removeAt(args.indexOf(QStringLiteral("--epochs")));
        const QString run = m_dir.filePath(QStringLiteral("tiny"));
        const CliResult r = runCli(QStringList(args) << QStringLiteral("--out") << run << QStringLiteral("--noise-sigma")
                                                  << QStringLiteral("0.001"));
        QCOMPARE(r.exitCode, 0);
        bool warned = false;
        for (const QString &l : r.errLines)
            warned = warned || (l.startsWith(QStringLiteral("train: warning: the discriminator did not learn")));
        QVERIFY2(warned, qPrintable(r.errLines.join(QLatin1Char('\n'))));
        const QJsonObject metrics = readJson(run + QStringLiteral("/metrics.json"));
        QCOMPARE(metrics.value(QStringLiteral("not_learning")).toBool(), true);
        QVERIFY(metrics.value(QStringLiteral("training")).toObject().value(QStringLiteral("final_loss")).toDouble() >= 0.99);
        // A calibrated sigma on the same data learns (no warning).
        const QString good = m_dir.filePath(QStringLiteral("good"));
        const CliResult g = runCli(QStringList(args) << QStringLiteral("--out") << good << QStringLiteral("--noise-sigma")
                                                  << QStringLiteral("auto"));
        QCOMPARE(g.exitCode, 0);
        QCOMPARE(readJson(good + QStringLiteral("/metrics.json")).value(QStringLiteral("not_learning")).toBool(), false);
    }

    void sweepJsonMatchesTrain()
    {
        const CliResult s = runCli(common(QStringLiteral("sweep")) << QStringLiteral("--sigmas") << QStringLiteral("0.5x,0.3,auto")
                                         << QStringLiteral("--json") << QStringLiteral("--cold"));
        QCOMPARE(s.exitCode, 0);
        const QJsonObject j = QJsonDocument::fromJson(s.out.toUtf8()).object();
        QVERIFY(j.value(QStringLiteral("feature_scale")).toDouble() > 0.0);
        QVERIFY(j.value(QStringLiteral("features_s")).toDouble() > 0.0);
        const QJsonArray points = j.value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 3);
        for (const auto &p : points) {
            const QJsonObject o = p.toObject();
            for (const char *key : {"sigma", "sigma_rel", "seconds", "image_auroc", "pixel_auroc", "au_pro"})
                QVERIFY2(o.value(QLatin1String(key)).isDouble(), key);
        }
        QCOMPARE(points[1].toObject().value(QStringLiteral("sigma")).toDouble(), 0.3);
        const QJsonObject rel = points[0].toObject();
        const QString run = m_dir.filePath(QStringLiteral("sweep-check"));
        const CliResult t = runCli(common(QStringLiteral("train")) << QStringLiteral("--out") << run << QStringLiteral("--noise-sigma")
                                         << QStringLiteral("0.5x"));
        QCOMPARE(t.exitCode, 0);
        const QJsonObject m = readJson(run + QStringLiteral("/metrics.json"));
        QCOMPARE(rel.value(QStringLiteral("sigma")).toDouble(), m.value(QStringLiteral("noise_sigma")).toDouble());
        QCOMPARE(rel.value(QStringLiteral("image_auroc")).toDouble(), m.value(QStringLiteral("image_auroc")).toDouble());
        QCOMPARE(rel.value(QStringLiteral("pixel_auroc")).toDouble(), m.value(QStringLiteral("pixel_auroc")).toDouble());
        QCOMPARE(rel.value(QStringLiteral("au_pro")).toDouble(), m.value(QStringLiteral("au_pro")).toDouble());
        // Warm (the default): every point after the first is refitted from the first one's heads (the first
        // curves), then refined to the converged budget (the final numbers).
        const CliResult w = runCli(common(QStringLiteral("sweep")) << QStringLiteral("--sigmas") << QStringLiteral("0.5x,0.7x") << QStringLiteral("--json"));
        QCOMPARE(w.exitCode, 0);
        const QJsonArray wp = QJsonDocument::fromJson(w.out.toUtf8()).object().value(QStringLiteral("points")).toArray();
        QCOMPARE(wp.size(), 2);
        QCOMPARE(wp[0].toObject().value(QStringLiteral("warm_start")).toBool(), false);
        QCOMPARE(wp[1].toObject().value(QStringLiteral("warm_start")).toBool(), true);
        QCOMPARE(wp[0].toObject().value(QStringLiteral("image_auroc")).toDouble(), rel.value(QStringLiteral("image_auroc")).toDouble());
        const QJsonObject warm = wp[1].toObject();
        for (const char *key : {"first_seconds", "first_image_auroc", "first_pixel_auroc", "first_steps", "steps"})
            QVERIFY2(warm.value(QLatin1String(key)).isDouble(), key);
        QVERIFY(warm.value(QStringLiteral("first_seconds")).toDouble() <= warm.value(QStringLiteral("seconds")).toDouble());
        // 3/8 of a full training's steps in all (the fixture's full training is the first point's), at least the
        // refit's: a training this short has nothing left to refine.
        QCOMPARE(warm.value(QStringLiteral("steps")).toInt(), std::max(warm.value(QStringLiteral("first_steps")).toInt(),
                                                                       wp[0].toObject().value(QStringLiteral("steps")).toInt() * 3 / 8));
        // A sigma's result does not depend on the sigmas visited before: 0.7x after 2x equals 0.7x alone.
        const CliResult v = runCli(common(QStringLiteral("sweep")) << QStringLiteral("--sigmas") << QStringLiteral("0.5x,2x,0.7x")
                                         << QStringLiteral("--json"));
        QCOMPARE(v.exitCode, 0);
        const QJsonArray vp = QJsonDocument::fromJson(v.out.toUtf8()).object().value(QStringLiteral("points")).toArray();
        QCOMPARE(vp.size(), 3);
        for (const char *key : {"image_auroc", "pixel_auroc", "first_image_auroc", "sigma"})
            QCOMPARE(vp[2].toObject().value(QLatin1String(key)).toDouble(), warm.value(QLatin1String(key)).toDouble());
    }
};

QTEST_APPLESS_MAIN(TestSigma)
#include "tst_sigma.moc"
