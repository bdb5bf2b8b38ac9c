// Metrics against hand cases, the Mann-Whitney identity and sklearn (when available).
#include "engine/core/error.h"
#include "engine/eval/metrics.h"

#include <QProcess>
#include <QTest>

#include <cmath>
#include <random>

class TestMetrics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handCases_data();
    void handCases();
    void curveHasSklearnShape();
    void mannWhitneyIdentity();
    void matchesSklearn();
    void oneClassIsAnError();
    void f1MaxAndThreshold();
    void thresholdForFprBoundsFalsePositives();
    void pixelRocEqualsFlatRoc();
    void auProRegionCase();
    void auProPerfectAndRandom();
    void largeInputsGiveTheSmallInputsCurves();
};

namespace {

// Mann-Whitney U / (P*N) with ties counted half: an independent AUROC definition.
double mannWhitney(const std::vector<float> &s, const std::vector<std::uint8_t> &l)
{
    double u = 0, p = 0, n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!l[i])
            continue;
        p += 1;
        for (std::size_t j = 0; j < s.size(); ++j)
            if (!l[j])
                u += s[i] > s[j] ? 1.0 : (s[i] == s[j] ? 0.5 : 0.0);
    }
    for (auto x : l)
        n += x ? 0 : 1;
    return u / (p * n);
}

} // namespace

void TestMetrics::handCases_data()
{
    QTest::addColumn<std::vector<float>>("scores");
    QTest::addColumn<std::vector<std::uint8_t>>("labels");
    QTest::addColumn<double>("expected");
    QTest::newRow("perfect") << std::vector<float>{0.1f, 0.2f, 0.8f, 0.9f}
                             << std::vector<std::uint8_t>{0, 0, 1, 1} << 1.0;
    QTest::newRow("inverted") << std::vector<float>{0.9f, 0.8f, 0.2f, 0.1f}
                              << std::vector<std::uint8_t>{0, 0, 1, 1} << 0.0;
    QTest::newRow("all tied") << std::vector<float>{0.5f, 0.5f, 0.5f, 0.5f}
                              << std::vector<std::uint8_t>{0, 1, 0, 1} << 0.5;
    // sklearn docs example: roc_auc_score([0,0,1,1],[0.1,0.4,0.35,0.8]) == 0.75
    QTest::newRow("sklearn doc") << std::vector<float>{0.1f, 0.4f, 0.35f, 0.8f}
                                 << std::vector<std::uint8_t>{0, 0, 1, 1} << 0.75;
    QTest::newRow("tie across classes") << std::vector<float>{0.1f, 0.5f, 0.5f, 0.9f}
                                        << std::vector<std::uint8_t>{0, 0, 1, 1} << 0.875;
}

void TestMetrics::handCases()
{
    QFETCH(std::vector<float>, scores);
    QFETCH(std::vector<std::uint8_t>, labels);
    QFETCH(double, expected);
    QCOMPARE(s2s::auroc(scores, labels), expected);
}

void TestMetrics::curveHasSklearnShape()
{
    // roc_curve([0,0,1,1],[0.1,0.4,0.35,0.8], drop_intermediate=False):
    // fpr [0,0,0.5,0.5,1], tpr [0,0.5,0.5,1,1], thresholds [inf,0.8,0.4,0.35,0.1]
    const std::vector<float> s{0.1f, 0.4f, 0.35f, 0.8f};
    const std::vector<std::uint8_t> l{0, 0, 1, 1};
    const auto roc = s2s::rocCurve(s, l);
    QCOMPARE(roc.fpr, (std::vector<double>{0, 0, 0.5, 0.5, 1}));
    QCOMPARE(roc.tpr, (std::vector<double>{0, 0.5, 0.5, 1, 1}));
    QVERIFY(std::isinf(roc.thresholds[0]));
    QCOMPARE(roc.thresholds[1], double(0.8f));
    QCOMPARE(roc.thresholds[4], double(0.1f));
    const auto small = roc.downsampled(3);
    QCOMPARE(small.fpr.size(), std::size_t(3));
    QCOMPARE(small.fpr.back(), 1.0);
}

void TestMetrics::mannWhitneyIdentity()
{
    std::mt19937 rng(7);
    for (int trial = 0; trial < 50; ++trial) {
        const int n = 5 + trial * 3;
        std::vector<float> s(n);
        std::vector<std::uint8_t> l(n);
        std::uniform_int_distribution<int> coarse(0, 6); // many ties
        for (int i = 0; i < n; ++i) {
            l[i] = static_cast<std::uint8_t>(i % 3 == 0);
            s[i] = static_cast<float>(coarse(rng)) + (l[i] ? 1.f : 0.f) * static_cast<float>(coarse(rng) % 2);
        }
        QVERIFY(std::abs(s2s::auroc(s, l) - mannWhitney(s, l)) < 1e-12);
    }
}

void TestMetrics::matchesSklearn()
{
    const QString python = qEnvironmentVariable("SAM2SIM_PYTHON", QStringLiteral("/usr/bin/python3"));
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import sklearn")});
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
        QSKIP("python3 with sklearn not available: sklearn cross-check skipped");
    std::mt19937 rng(11);
    std::normal_distribution<float> noise(0.f, 1.f);
    std::vector<float> s(400);
    std::vector<std::uint8_t> l(400);
    QString pyScores, pyLabels;
    for (int i = 0; i < 400; ++i) {
        l[i] = static_cast<std::uint8_t>(i % 4 == 0);
        s[i] = std::round((noise(rng) + (l[i] ? 1.2f : 0.f)) * 4.f) / 4.f; // quantised: ties
        pyScores += QString::number(double(s[i]), 'g', 9) + QLatin1Char(',');
        pyLabels += QString::number(l[i]) + QLatin1Char(',');
    }
    QProcess py;
    py.start(python, {QStringLiteral("-c"),
                      QStringLiteral("from sklearn.metrics import roc_auc_score\n"
                                     "import numpy as np\n"
                                     "s=np.array([%1],dtype=np.float32); l=np.array([%2])\n"
                                     "print(repr(roc_auc_score(l,s)))")
                          .arg(pyScores, pyLabels)});
    QVERIFY(py.waitForFinished(60000));
    const double expected = py.readAllStandardOutput().trimmed().toDouble();
    QVERIFY2(expected > 0.5, "sklearn gave no value");
    QVERIFY(std::abs(s2s::auroc(s, l) - expected) < 1e-12);
}

void TestMetrics::oneClassIsAnError()
{
    const std::vector<float> s{0.1f, 0.2f};
    const std::vector<std::uint8_t> l{0, 0};
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::auroc(s, l));
    const std::vector<std::uint8_t> shortLabels{0};
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::auroc(s, shortLabels));
}

void TestMetrics::f1MaxAndThreshold()
{
    // Threshold 0.6 gives tp=2, fp=0, fn=1 -> F1 0.8; threshold 0.3 gives tp=3, fp=1 -> 6/7 = 0.857.
    const std::vector<float> s{0.1f, 0.35f, 0.3f, 0.6f, 0.9f};
    const std::vector<std::uint8_t> l{0, 0, 1, 1, 1};
    const auto f = s2s::f1Max(s, l);
    QVERIFY(std::abs(f.f1 - 6.0 / 7.0) < 1e-12);
    QCOMPARE(f.threshold, double(0.3f));
    const auto c = s2s::confusionAt(s, l, f.threshold);
    QCOMPARE(c.tp, std::int64_t(3));
    QCOMPARE(c.fp, std::int64_t(1));
    QCOMPARE(c.tn, std::int64_t(1));
    QCOMPARE(c.fn, std::int64_t(0));
}

void TestMetrics::thresholdForFprBoundsFalsePositives()
{
    std::vector<float> s;
    std::vector<std::uint8_t> l;
    for (int i = 0; i < 100; ++i) {
        s.push_back(static_cast<float>(i));
        l.push_back(0);
    }
    s.push_back(1000.f);
    l.push_back(1);
    const double t = s2s::thresholdForFpr(s, l, 0.05);
    const auto c = s2s::confusionAt(s, l, t);
    QCOMPARE(c.fp, std::int64_t(5)); // scores 95..99
    QVERIFY(t > 94.0 && t <= 95.0);
    QCOMPARE(s2s::confusionAt(s, l, s2s::thresholdForFpr(s, l, 0.0)).fp, std::int64_t(0));
}

void TestMetrics::pixelRocEqualsFlatRoc()
{
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(0.f, 1.f);
    std::vector<s2s::ScoreMap> maps(3);
    std::vector<s2s::Mask8> gts(3);
    std::vector<float> flat;
    std::vector<std::uint8_t> flatLabels;
    for (int i = 0; i < 3; ++i) {
        maps[i] = {40, 30, std::vector<float>(1200)};
        gts[i] = {40, 30, std::vector<std::uint8_t>(1200)};
        for (int k = 0; k < 1200; ++k) {
            gts[i].values[k] = (k % 40 > 20 && k / 40 > 10 && i != 1) ? 255 : 0;
            maps[i].values[k] = std::round((u(rng) + (gts[i].values[k] ? 0.4f : 0.f)) * 50.f) / 50.f;
            flat.push_back(maps[i].values[k]);
            flatLabels.push_back(gts[i].values[k] ? 1 : 0);
        }
    }
    QCOMPARE(s2s::pixelRocCurve(maps, gts).auroc, s2s::auroc(flat, flatLabels));
    QVERIFY(std::abs(s2s::pixelRocCurve(maps, gts).auroc - mannWhitney(flat, flatLabels)) < 1e-12);
}

void TestMetrics::auProRegionCase()
{
    // One 10x10 image, two regions: A = 4 pixels (scores 0.9), B = 2 pixels (scores 0.9 and 0.2);
    // normal pixels 94: one at 0.95, the rest 0.1.
    // Thresholds: 0.95 -> fpr 1/94, pro 0; 0.9 -> fpr 1/94, pro (1 + 0.5)/2 = 0.75;
    // 0.2 -> fpr 1/94, pro 1; 0.1 -> fpr 1, pro 1.
    s2s::ScoreMap map{10, 10, std::vector<float>(100, 0.1f)};
    s2s::Mask8 gt{10, 10, std::vector<std::uint8_t>(100, 0)};
    for (int k : {0, 1, 10, 11}) {
        gt.values[k] = 255;
        map.values[k] = 0.9f;
    }
    gt.values[55] = gt.values[56] = 255;
    map.values[55] = 0.9f;
    map.values[56] = 0.2f;
    map.values[99] = 0.95f;
    const double f = 1.0 / 94.0;
    // Curve: (0,0) (f,0) (f,0.75) (f,1) (1,1). Area to 0.3: f*0/2 + (0.3-f)*1 => / 0.3
    const double expected = (0.3 - f) / 0.3;
    QVERIFY(std::abs(s2s::auPro({map}, {gt}, 0.3) - expected) < 1e-6);
}

void TestMetrics::auProPerfectAndRandom()
{
    s2s::ScoreMap map{20, 20, std::vector<float>(400, 0.f)};
    s2s::Mask8 gt{20, 20, std::vector<std::uint8_t>(400, 0)};
    for (int y = 5; y < 9; ++y)
        for (int x = 5; x < 9; ++x) {
            gt.values[y * 20 + x] = 1;
            map.values[y * 20 + x] = 1.f;
        }
    QVERIFY(std::abs(s2s::auPro({map}, {gt}) - 1.0) < 1e-6);
    // Constant map: a single threshold jumps from (0,0) to (1,1), so the area to 0.3 is 0.3*0.3/2.
    s2s::ScoreMap flat{20, 20, std::vector<float>(400, 0.5f)};
    QVERIFY(std::abs(s2s::auPro({flat}, {gt}) - 0.15) < 1e-6);
}

void TestMetrics::largeInputsGiveTheSmallInputsCurves()
{
    // Millions of pixels take the radix sort, a few thousand std::sort. Copies of the same maps leave
    // both curves unchanged (every rate is a fraction of a count that scales with the copies), so the
    // large input must give the small input's curves: the same points, thresholds and areas. Scores
    // have ties, negatives, both zeros and neighbours a few float steps apart, the cases a sort on bits
    // can get wrong.
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    std::vector<s2s::ScoreMap> maps(2);
    std::vector<s2s::Mask8> gts(2);
    for (int i = 0; i < 2; ++i) {
        maps[i] = {60, 50, std::vector<float>(3000)};
        gts[i] = {60, 50, std::vector<std::uint8_t>(3000)};
        for (int k = 0; k < 3000; ++k) {
            const int x = k % 60, y = k / 60;
            gts[i].values[k] = ((x > 10 && x < 20 && y > 5 && y < 25) || (i == 1 && x > 40 && y > 30)) ? 255 : 0;
            float v = std::round((u(rng) + (gts[i].values[k] ? 0.5f : 0.f)) * 20.f) / 20.f;
            for (int step = 0; step < k % 3; ++step) // 0, 1 or 2 representable floats up
                v = std::nextafter(v, 2.f);
            maps[i].values[k] = v == 0.f && k % 2 ? -0.f : v;
        }
    }
    std::vector<s2s::ScoreMap> manyMaps;
    std::vector<s2s::Mask8> manyGts;
    for (int copy = 0; copy < 40; ++copy) { // 240,000 pixels
        manyMaps.insert(manyMaps.end(), maps.begin(), maps.end());
        manyGts.insert(manyGts.end(), gts.begin(), gts.end());
    }
    const s2s::RocCurve small = s2s::pixelRocCurve(maps, gts), large = s2s::pixelRocCurve(manyMaps, manyGts);
    QCOMPARE(large.thresholds, small.thresholds);
    QCOMPARE(large.fpr.size(), small.fpr.size());
    for (std::size_t i = 0; i < small.fpr.size(); ++i) {
        QVERIFY(std::abs(large.fpr[i] - small.fpr[i]) < 1e-12);
        QVERIFY(std::abs(large.tpr[i] - small.tpr[i]) < 1e-12);
    }
    QVERIFY(std::abs(large.auroc - small.auroc) < 1e-12);
    QVERIFY(small.auroc > 0.6 && small.auroc < 0.95);
    const double smallPro = s2s::auPro(maps, gts, 0.3), largePro = s2s::auPro(manyMaps, manyGts, 0.3);
    QVERIFY2(std::abs(largePro - smallPro) < 1e-5, qPrintable(QStringLiteral("%1 vs %2").arg(largePro).arg(smallPro)));
    QVERIFY(smallPro > 0.05 && smallPro < 0.95);
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
