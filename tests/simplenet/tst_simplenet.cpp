// SimpleNet heads, loss, trainer and scorer.
#include "engine/backbone/backbone.h"
#include "engine/backbone/feature_extractor.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/simplenet/feature_bank.h"
#include "engine/simplenet/scorer.h"
#include "engine/simplenet/simplenet_heads.h"
#include "engine/simplenet/tap_scorer.h"
#include "engine/simplenet/trainer.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <QTest>

#include <opencv2/imgproc.hpp>

class TestSimpleNet final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { s2s::configureThreads(0); }
    void lossByHand_data();
    void lossByHand();
    void fusedEqualsUnfused();
    void tapScorerEqualsFeaturePath();
    void stateDictRoundTrip();
    void gaussianIs33TapReflect();
    void imageScoreIsRawMax();
    void trainingIsDeterministicAndLearns();
    void cancelStopsTraining();
    void featureBankHalfPrecision();
};

void TestSimpleNet::lossByHand_data()
{
    QTest::addColumn<float>("dTrue");
    QTest::addColumn<float>("dFake");
    QTest::addColumn<double>("expected");
    QTest::newRow("true 0.7, fake -0.6") << 0.7f << -0.6f << 0.0;
    QTest::newRow("true 0.2, fake -0.6") << 0.2f << -0.6f << 0.3;
    QTest::newRow("true 0.7, fake 0") << 0.7f << 0.0f << 0.5;
    QTest::newRow("true 0.2, fake 0") << 0.2f << 0.0f << 0.8;
}

void TestSimpleNet::lossByHand()
{
    QFETCH(float, dTrue);
    QFETCH(float, dFake);
    QFETCH(double, expected);
    const double loss = s2s::truncatedL1(at::full({4}, dTrue), at::full({4}, dFake), 0.5).item<double>();
    QVERIFY(std::abs(loss - expected) < 1e-6);
}

void TestSimpleNet::fusedEqualsUnfused()
{
    s2s::SimpleNetHeads heads(64, 32, 3);
    {
        // Non-trivial batch-norm statistics.
        at::NoGradGuard g;
        heads->norm->running_mean.uniform_(-0.5, 0.5);
        heads->norm->running_var.uniform_(0.5, 2.0);
        heads->norm->weight.uniform_(0.5, 1.5);
        heads->norm->bias.uniform_(-0.2, 0.2);
    }
    heads->eval();
    const at::Tensor f = at::randn({100, 64});
    at::Tensor unfused;
    {
        at::NoGradGuard g;
        unfused = -heads->discriminate(heads->adapt(f));
    }
    const auto fused = s2s::FusedHeads::fromHeads(heads).patchScores(f);
    QVERIFY((fused - unfused).abs().max().item<double>() < 1e-4);
}

void TestSimpleNet::tapScorerEqualsFeaturePath()
{
    // MobileNetV2's thin taps fold into the heads; the grids must equal the feature path's (the
    // inspector relies on it to give an image the score `eval` gave it). A non-square image and
    // batch-norm statistics away from the identity exercise every step.
    std::shared_ptr<s2s::Backbone> backbone = s2s::makeBackbone("mobilenet_v2", {}, 5);
    const s2s::FeatureExtractor extractor(backbone, {150, 128});
    s2s::SimpleNetHeads heads(s2s::kPatchEmbedDim, 256, 4);
    {
        at::NoGradGuard g;
        heads->norm->running_mean.uniform_(-0.5, 0.5);
        heads->norm->running_var.uniform_(0.5, 2.0);
    }
    heads->eval();
    const s2s::FusedHeads fused = s2s::FusedHeads::fromHeads(heads);
    const s2s::TapScorer scorer(extractor, fused);
    QVERIFY(scorer.folded());
    cv::Mat a(170, 230, CV_8UC3), b(200, 160, CV_8UC3);
    cv::randu(a, 0, 255);
    cv::randu(b, 0, 255);
    const at::Tensor batch = at::stack({extractor.preprocess(a), extractor.preprocess(b)});
    const at::Tensor grids = scorer.scoreGrids(batch);
    const at::Tensor features = extractor.extract(batch);
    const std::int64_t d = features.size(1), h = features.size(2), w = features.size(3);
    QCOMPARE(grids.sizes(), (at::IntArrayRef{2, h, w}));
    for (std::int64_t i = 0; i < 2; ++i) {
        const at::Tensor expected = s2s::patchScoreGrid(fused, features[i].reshape({d, h * w}).t().contiguous(), h, w);
        const double scale = expected.abs().max().item<double>();
        const double diff = (grids[i] - expected).abs().max().item<double>();
        QVERIFY2(diff <= 1e-4 * scale, qPrintable(QStringLiteral("image %1: max difference %2 at scale %3").arg(i).arg(diff).arg(scale)));
    }
    // WRN-50's wide taps would cost more folded: the scorer takes the feature path.
    std::shared_ptr<s2s::Backbone> wide = s2s::makeBackbone("wide_resnet50_2", {}, 5);
    const s2s::FeatureExtractor wideExtractor(wide, {150, 128});
    QVERIFY(!s2s::TapScorer(wideExtractor, fused).folded());
}

void TestSimpleNet::stateDictRoundTrip()
{
    s2s::SimpleNetHeads a(16, 8, 1), b(16, 8, 2);
    const auto sd = a->stateDict();
    QCOMPARE(sd.size(), std::size_t(10));
    QCOMPARE(sd.front().name, std::string("pre_projection.layers.0fc.weight"));
    b->loadStateDict(sd, "mem");
    QVERIFY(at::equal(a->stateDict()[3].tensor, b->stateDict()[3].tensor));
    s2s::StateDict broken(sd.begin(), sd.end() - 1);
    QVERIFY_THROWS_EXCEPTION(s2s::Error, b->loadStateDict(broken, "mem"));
}

void TestSimpleNet::gaussianIs33TapReflect()
{
    // An impulse at a corner of a constant-zero grid: upsampled, then blurred with sigma 4 and the
    // 'reflect' border (dcba|abcd): the response at the corner equals an interior impulse's response
    // folded back, so it is larger than a BORDER_REFLECT_101 blur would give.
    at::Tensor grid = at::zeros({36, 36});
    grid[0][0] = 1.0;
    const s2s::ScoreMap m = s2s::pixelMap(grid, 288);
    QCOMPARE(m.width, 288);
    cv::Mat up(288, 288, CV_32F);
    {
        const at::Tensor u = at::upsample_bilinear2d(grid.unsqueeze(0).unsqueeze(0), {288, 288}, false).squeeze().contiguous();
        std::memcpy(up.data, u.data_ptr<float>(), 288 * 288 * sizeof(float));
    }
    const cv::Mat k = cv::getGaussianKernel(33, 4.0, CV_32F);
    cv::Mat expected;
    cv::sepFilter2D(up, expected, CV_32F, k, k, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    double maxDiff = 0;
    for (int y = 0; y < 288; ++y)
        for (int x = 0; x < 288; ++x)
            maxDiff = std::max(maxDiff, static_cast<double>(std::abs(expected.at<float>(y, x) - m.at(x, y))));
    QVERIFY(maxDiff < 1e-6);
    cv::Mat reflect101;
    cv::sepFilter2D(up, reflect101, CV_32F, k, k, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101);
    QVERIFY(std::abs(reflect101.at<float>(0, 0) - m.at(0, 0)) > 1e-5); // the border rule matters
}

void TestSimpleNet::imageScoreIsRawMax()
{
    at::Tensor grid = at::zeros({36, 36});
    grid[10][20] = 2.5;
    QCOMPARE(s2s::imageScore(grid), 2.5f);
    const s2s::ScoreMap map = s2s::pixelMap(grid, 288);
    QVERIFY(*std::max_element(map.values.begin(), map.values.end()) < 2.5f);
}

namespace {

// Toy "normal" features on a low-dimensional subspace: noise of sigma 0.015 leaves it, so a working
// trainer must learn to separate them.
s2s::FeatureBank toyBank(int images)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(5);
    const at::Tensor basis = at::randn({4, 64}, gen);
    s2s::FeatureBank bank;
    for (int i = 0; i < images; ++i) {
        const at::Tensor coeff = at::randn({36, 4}, gen) * 0.3;
        bank.add(at::matmul(coeff, basis).t().reshape({64, 6, 6}).contiguous());
    }
    return bank;
}

} // namespace

void TestSimpleNet::trainingIsDeterministicAndLearns()
{
    const s2s::FeatureBank bank = toyBank(16);
    s2s::TrainSettings s;
    s.epochs = 60;
    s.batchSize = 4;
    s.hidden = 32;
    s.noiseSigma = 0.3;
    s.dscLr = 1e-3;
    s.adaptorLr = 1e-3;
    std::vector<s2s::TrainProgress> log;
    auto a = s2s::trainHeads(bank, s, [&](const s2s::TrainProgress &p) { log.push_back(p); }, {}).heads;
    auto b = s2s::trainHeads(bank, s, {}, {}).heads;
    QVERIFY(at::equal(a->stateDict()[0].tensor, b->stateDict()[0].tensor));
    QCOMPARE(int(log.size()), 60 * 4);
    QCOMPARE(log.back().epoch, 60);
    QVERIFY2(log.back().loss < log.front().loss * 0.5, qPrintable(QStringLiteral("loss %1 -> %2").arg(log.front().loss).arg(log.back().loss)));
    QVERIFY(log.back().pTrue > log.front().pTrue);
    QVERIFY(log.back().pFake > log.front().pFake);
    // Off-manifold features score higher than on-manifold ones.
    const auto fused = s2s::FusedHeads::fromHeads(a);
    const at::Tensor normal = bank.rows(0);
    const at::Tensor anomalous = normal + at::randn(normal.sizes()) * 0.3;
    QVERIFY(fused.patchScores(anomalous).mean().item<double>() > fused.patchScores(normal).mean().item<double>());
}

void TestSimpleNet::cancelStopsTraining()
{
    const s2s::FeatureBank bank = toyBank(8);
    s2s::TrainSettings s;
    s.epochs = 1000;
    s.hidden = 16;
    s2s::CancelToken token;
    int steps = 0;
    QVERIFY_THROWS_EXCEPTION(s2s::Cancelled, s2s::trainHeads(bank, s, [&](const s2s::TrainProgress &) {
        if (++steps == 3)
            token.cancel();
    }, token));
    QCOMPARE(steps, 3);
}

void TestSimpleNet::featureBankHalfPrecision()
{
    s2s::FeatureBank bank(3 * 64 * 36 * sizeof(float)); // room for 3 images in fp32
    std::vector<at::Tensor> added;
    for (int i = 0; i < 5; ++i) {
        added.push_back(at::randn({64, 6, 6}));
        bank.add(added.back());
    }
    QVERIFY(bank.halfPrecision());
    QVERIFY(bank.bytes() <= 5 * 64 * 36 * 2);
    const at::Tensor back = bank.rows(4);
    QCOMPARE(back.scalar_type(), at::kFloat);
    QVERIFY((back - added[4].reshape({64, 36}).t()).abs().max().item<double>() < 5e-3);
    QCOMPARE(bank.gather({0, 2}).size(0), std::int64_t(72));
}

QTEST_APPLESS_MAIN(TestSimpleNet)
#include "tst_simplenet.moc"
