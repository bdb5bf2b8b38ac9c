// The kNN patch scorer: distances against a brute-force reference, the local window, its bank file.
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/io/checkpoint.h"
#include "engine/simplenet/knn_scorer.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

namespace fs = std::filesystem;

class TestKnn final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { s2s::configureThreads(0); }
    void localFeaturesAreMeansOfBothTaps();
    void distancesMatchBruteForce_data();
    void distancesMatchBruteForce();
    void trainingImageScoresZero();
    void bankRoundTrip();
    void badBankFilesAreRefused();

private:
    QTemporaryDir m_dir;
};

namespace {

struct Taps
{
    at::Tensor f2, f3;
};

Taps randomTaps(std::int64_t images, std::uint64_t seed)
{
    at::manual_seed(seed);
    return {at::randn({images, 5, 8, 10}), at::randn({images, 3, 4, 5})};
}

// Every test patch against every allowed training patch, one pair at a time.
at::Tensor bruteForce(const Taps &train, const Taps &test, int radius)
{
    const at::Tensor a = s2s::KnnScorer::localFeatures(train.f2, train.f3);
    const at::Tensor b = s2s::KnnScorer::localFeatures(test.f2, test.f3);
    const std::int64_t h = a.size(2), w = a.size(3);
    at::Tensor out = at::empty({b.size(0), h, w});
    for (std::int64_t i = 0; i < b.size(0); ++i)
        for (std::int64_t y = 0; y < h; ++y)
            for (std::int64_t x = 0; x < w; ++x) {
                double best = std::numeric_limits<double>::infinity();
                const at::Tensor q = b[i].select(1, y).select(1, x);
                for (std::int64_t n = 0; n < a.size(0); ++n)
                    for (std::int64_t yy = 0; yy < h; ++yy)
                        for (std::int64_t xx = 0; xx < w; ++xx) {
                            if (radius >= 0 && (std::abs(yy - y) > radius || std::abs(xx - x) > radius))
                                continue;
                            // The bank is kept in half precision, as the scorer keeps it.
                            const at::Tensor p = a[n].select(1, yy).select(1, xx).to(at::kHalf).to(at::kFloat);
                            best = std::min(best, (q - p).pow(2).sum().item<double>());
                        }
                out[i][y][x] = std::sqrt(best);
            }
    return out;
}

} // namespace

void TestKnn::localFeaturesAreMeansOfBothTaps()
{
    c10::InferenceMode guard;
    const Taps t = randomTaps(1, 3);
    const at::Tensor f = s2s::KnnScorer::localFeatures(t.f2, t.f3);
    QCOMPARE(f.sizes().vec(), (std::vector<std::int64_t>{1, 8, 8, 10}));
    // An inner stride-8 patch: the 3x3 mean of the first tap.
    const float inner = t.f2[0][2].slice(0, 3, 6).slice(1, 4, 7).mean().item<float>();
    QVERIFY(std::abs(f[0][2][4][5].item<float>() - inner) < 1e-5f);
    // A corner: the padding counts (4 of 9 pixels are inside).
    const float corner = t.f2[0][1].slice(0, 0, 2).slice(1, 0, 2).sum().item<float>() / 9.f;
    QVERIFY(std::abs(f[0][1][0][0].item<float>() - corner) < 1e-5f);
}

void TestKnn::distancesMatchBruteForce_data()
{
    QTest::addColumn<int>("radius");
    QTest::newRow("every patch") << -1;
    QTest::newRow("window 0") << 0;
    QTest::newRow("window 1") << 1;
    QTest::newRow("window 2") << 2;
}

void TestKnn::distancesMatchBruteForce()
{
    QFETCH(int, radius);
    c10::InferenceMode guard;
    const Taps train = randomTaps(4, 11), test = randomTaps(2, 12);
    s2s::KnnScorer knn(radius);
    knn.add(train.f2.slice(0, 0, 3), train.f3.slice(0, 0, 3)); // two batches
    knn.add(train.f2.slice(0, 3, 4), train.f3.slice(0, 3, 4));
    knn.build();
    QCOMPARE(knn.images(), std::size_t(4));
    const at::Tensor got = knn.score(test.f2, test.f3);
    const at::Tensor want = bruteForce(train, test, radius);
    QCOMPARE(got.sizes().vec(), want.sizes().vec());
    const double err = (got - want).abs().max().item<double>();
    if (err > 1e-3)
        QFAIL(qPrintable(QStringLiteral("largest difference %1").arg(err)));
    // A narrower window can only find farther neighbours.
    if (radius >= 0) {
        s2s::KnnScorer all(-1);
        all.add(train.f2, train.f3);
        all.build();
        QVERIFY((got - all.score(test.f2, test.f3)).min().item<float>() >= -1e-4f);
    }
}

void TestKnn::trainingImageScoresZero()
{
    c10::InferenceMode guard;
    const Taps train = randomTaps(3, 21);
    for (int radius : {-1, 0, 2}) {
        s2s::KnnScorer knn(radius);
        knn.add(train.f2, train.f3);
        knn.build();
        // Half precision of the bank: zero to about 1e-3 of the feature size.
        QVERIFY(knn.score(train.f2.slice(0, 1, 2), train.f3.slice(0, 1, 2)).max().item<float>() < 5e-3f);
    }
}

void TestKnn::bankRoundTrip()
{
    c10::InferenceMode guard;
    const Taps train = randomTaps(3, 31), test = randomTaps(2, 32);
    s2s::KnnScorer knn(2);
    knn.add(train.f2, train.f3);
    knn.build();
    const fs::path file = fs::path(m_dir.path().toStdString()) / "knn_bank.safetensors";
    knn.save(file, "mobilenet_v2");
    const s2s::KnnScorer back = s2s::KnnScorer::load(file);
    QCOMPARE(back.radius(), 2);
    QCOMPARE(back.images(), std::size_t(3));
    QVERIFY(at::equal(back.score(test.f2, test.f3), knn.score(test.f2, test.f3)));
    // Test images of another geometry are named, not scored.
    try {
        (void)back.score(at::randn({1, 5, 6, 6}), at::randn({1, 3, 3, 3}));
        QFAIL("a mismatched grid was scored");
    } catch (const s2s::Error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("do not match")), e.what());
    }
}

void TestKnn::badBankFilesAreRefused()
{
    c10::InferenceMode guard;
    const fs::path dir = fs::path(m_dir.path().toStdString());
    const auto refused = [&](const char *name, const s2s::StateDict &tensors, const std::map<std::string, std::string> &meta,
                             const char *expected) {
        const fs::path file = dir / name;
        s2s::writeSafetensors(file, tensors, meta);
        try {
            (void)s2s::KnnScorer::load(file);
            QFAIL(qPrintable(QStringLiteral("%1 was accepted").arg(QString::fromLatin1(name))));
        } catch (const s2s::Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(file.string())) && what.contains(QLatin1String(expected)), e.what());
        }
    };
    const at::Tensor good = at::zeros({2, 4, 3, 3}, at::kHalf);
    refused("wrong-name.safetensors", {{"weights", good}}, {}, "not a kNN bank");
    refused("two.safetensors", {{"bank", good}, {"extra", good}}, {}, "not a kNN bank");
    refused("flat.safetensors", {{"bank", at::zeros({4, 9}, at::kHalf)}}, {}, "must be [images, channels, height, width]");
    refused("empty.safetensors", {{"bank", at::zeros({0, 4, 3, 3}, at::kHalf)}}, {}, "must be [images");
    at::Tensor nan = good.clone();
    nan[1][2][0][0] = std::numeric_limits<float>::quiet_NaN();
    refused("nan.safetensors", {{"bank", nan}}, {}, "not finite");
    refused("radius.safetensors", {{"bank", good}}, {{"radius", "9999"}}, "radius must be an integer");
    refused("radius-text.safetensors", {{"bank", good}}, {{"radius", "2x"}}, "radius must be an integer");
}

QTEST_APPLESS_MAIN(TestKnn)
#include "tst_knn.moc"
