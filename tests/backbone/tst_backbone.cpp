// Native backbones and the SimpleNet feature pipeline against torchvision references.
#include "engine/backbone/backbone.h"
#include "engine/backbone/feature_extractor.h"
#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/io/checkpoint.h"
#include "engine/io/image_io.h"

#include <ATen/ATen.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <map>

namespace fs = std::filesystem;

class TestBackbone final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tapsMatchTorchvision_data();
    void tapsMatchTorchvision();
    void preprocessMatchesTorchvision();
    void cropGeometry();
    void wrongFileIsNamed();
    void randomInitSaysNotPretrained();
    void realMobileNetWeights();

private:
    QTemporaryDir m_dir;
    bool m_havePython = false;
    std::map<std::string, at::Tensor> m_refs;
    fs::path file(const char *n) const { return fs::path(m_dir.path().toStdString()) / n; }
};

namespace {

double relError(const at::Tensor &a, const at::Tensor &b)
{
    return ((a - b).abs().max() / (b.abs().max() + 1e-12)).item<double>();
}

} // namespace

void TestBackbone::initTestCase()
{
    s2s::configureThreads(0);
    QProcess p;
    p.start(qEnvironmentVariable("SAM2SIM_PYTHON", QStringLiteral("/usr/bin/python3")),
            {qEnvironmentVariable("SAM2SIM_SOURCE_DIR") + QStringLiteral("/tests/backbone/make_backbone_refs.py"),
             m_dir.path()});
    m_havePython = p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!m_havePython) {
        qWarning("python3 with torch/torchvision not available (%s): parity checks skipped",
                 p.readAllStandardError().constData());
        return;
    }
    for (auto &[name, t] : s2s::readCheckpoint(file("refs.safetensors")).tensors)
        m_refs[name] = t;
}

void TestBackbone::tapsMatchTorchvision_data()
{
    QTest::addColumn<QString>("backbone");
    QTest::addColumn<QString>("weights");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("wide_resnet50_2 (legacy file)") << "wide_resnet50_2" << "wrn.pth" << "wrn";
    QTest::newRow("mobilenet_v2 (zip file)") << "mobilenet_v2" << "mbv2.pth" << "mbv2";
}

void TestBackbone::tapsMatchTorchvision()
{
    if (!m_havePython)
        QSKIP("python3 with torchvision not available");
    QFETCH(QString, backbone);
    QFETCH(QString, weights);
    QFETCH(QString, prefix);
    const std::string p = prefix.toStdString();
    std::shared_ptr<s2s::Backbone> net
        = s2s::makeBackbone(backbone.toStdString(), fs::path(m_dir.filePath(weights).toStdString()));
    QVERIFY(net->pretrained());
    QCOMPARE(net->weightsSha256().size(), std::size_t(64));
    const auto taps = net->forwardTaps(m_refs.at("input"));
    const double e2 = relError(taps[0], m_refs.at(p + ".f2"));
    const double e3 = relError(taps[1], m_refs.at(p + ".f3"));
    qInfo("%s taps: max relative error %.2e (stride 8), %.2e (stride 16)", qPrintable(backbone), e2, e3);
    QVERIFY(e2 < 1e-4);
    QVERIFY(e3 < 1e-4);
    s2s::FeatureExtractor extractor(net);
    const at::Tensor features = extractor.extract(m_refs.at("input"));
    QCOMPARE(features.sizes().vec(), (std::vector<std::int64_t>{1, 1536, 36, 36}));
    const double ef = relError(features, m_refs.at(p + ".features"));
    qInfo("%s patch features: max relative error %.2e", qPrintable(backbone), ef);
    QVERIFY(ef < 1e-4);
}

void TestBackbone::preprocessMatchesTorchvision()
{
    if (!m_havePython)
        QSKIP("python3 with torchvision not available");
    s2s::FeatureExtractor extractor(s2s::makeBackbone("mobilenet_v2", {}));
    const at::Tensor x = extractor.preprocess(s2s::readImageRgb(file("image.png")));
    QCOMPARE(x.sizes().vec(), (std::vector<std::int64_t>{3, 288, 288}));
    const double err = (x - m_refs.at("preprocessed")).abs().max().item<double>();
    qInfo("preprocess: max abs error %.2e against torchvision (tensor path, antialias)", err);
    QVERIFY(err < 1e-4);
}

void TestBackbone::cropGeometry()
{
    // A horizontal ramp whose value is the column index: after resize 329 and crop 288 the first
    // kept column is column 20 of the resized image (offset round(20.5) = 20, half to even).
    cv::Mat ramp(329, 329, CV_8UC3);
    for (int y = 0; y < 329; ++y)
        for (int x = 0; x < 329; ++x)
            ramp.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x % 256), 0, 0);
    s2s::FeatureExtractor extractor(s2s::makeBackbone("mobilenet_v2", {}));
    const at::Tensor x = extractor.preprocess(ramp);
    const double first = x[0][100][0].item<double>() * 0.229 + 0.485;
    QVERIFY(std::abs(first * 255.0 - 20.0) < 1e-3);
    const auto taps = extractor.backbone().tapChannels();
    QCOMPARE(taps, (std::vector<int>{32, 96}));
}

void TestBackbone::wrongFileIsNamed()
{
    if (!m_havePython)
        QSKIP("python3 with torchvision not available");
    try {
        s2s::makeBackbone("wide_resnet50_2", file("mbv2.pth"));
        QFAIL("a MobileNetV2 file was accepted as WRN50");
    } catch (const s2s::Error &e) {
        const QString m = QString::fromUtf8(e.what());
        QVERIFY2(m.contains(QStringLiteral("not a wide_resnet50_2 checkpoint: missing key conv1.weight")), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::makeBackbone("resnet9000", {}));
}

void TestBackbone::randomInitSaysNotPretrained()
{
    auto a = s2s::makeBackbone("mobilenet_v2", {}, 1);
    auto b = s2s::makeBackbone("mobilenet_v2", {}, 1);
    QVERIFY(!a->pretrained());
    QVERIFY(a->weightsSha256().empty());
    const at::Tensor x = at::randn({1, 3, 64, 64});
    QVERIFY(at::equal(a->forwardTaps(x)[1], b->forwardTaps(x)[1])); // deterministic by seed
}

void TestBackbone::realMobileNetWeights()
{
    const fs::path weights = fs::path(qEnvironmentVariable("SAM2SIM_SHARED").toStdString()) / "weights"
                             / "mobilenet_v2_imagenet_bnfolded.pth";
    if (!fs::exists(weights))
        QSKIP("../shared/weights/mobilenet_v2_imagenet_bnfolded.pth not found: real-weight check skipped");
    auto real = s2s::makeBackbone("mobilenet_v2", weights);
    QVERIFY(real->pretrained());
    auto random = s2s::makeBackbone("mobilenet_v2", {});
    const at::Tensor x = at::randn({1, 3, 288, 288});
    const auto a = real->forwardTaps(x), b = random->forwardTaps(x);
    QCOMPARE(a[0].sizes().vec(), (std::vector<std::int64_t>{1, 32, 36, 36}));
    QCOMPARE(a[1].sizes().vec(), (std::vector<std::int64_t>{1, 96, 18, 18}));
    QVERIFY(!at::allclose(a[1], b[1]));
}

QTEST_APPLESS_MAIN(TestBackbone)
#include "tst_backbone.moc"
