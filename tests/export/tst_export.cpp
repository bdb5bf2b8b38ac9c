// Export for serving: a trained run as one TorchScript module (and a Triton repository) that scores
// exactly like the studio, loaded through torch::jit::load in C++ and torch.jit.load in Python.
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/synth_generator.h"
#include "engine/export/exported_model.h"
#include "engine/export/model_export.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/training_session.h"
#include "engine/pipeline/run_folder.h"

#include <ATen/ATen.h>
#include "tests/cli/cli_process.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

using Result = s2s::test::CliResult;

Result runProcess(const QString &program, const QStringList &args, int timeoutMs = 300000)
{
    return s2s::test::runProcess(program, args, timeoutMs); // exports and Python loads take a while
}

Result runCli(const QStringList &args)
{
    return runProcess(qEnvironmentVariable("SAM2SIM_CLI"), args);
}

QString q(const fs::path &p)
{
    return QString::fromStdString(p.string());
}

double relativeError(double value, double reference)
{
    return std::abs(value - reference) / std::max(std::abs(reference), 1e-12);
}

// max |a - b| over the map, relative to the reference map's largest magnitude.
double mapError(const std::vector<float> &a, const std::vector<float> &reference)
{
    double worst = 0.0, scale = 0.0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        worst = std::max(worst, std::abs(static_cast<double>(a.at(i)) - reference[i]));
        scale = std::max(scale, std::abs(static_cast<double>(reference[i])));
    }
    return worst / std::max(scale, 1e-12);
}

// A tiny trained run folder: synthetic "nut", a few images, two epochs.
struct TrainedRun {
    fs::path dir;
    std::vector<s2s::ScoreMap> maps; // the session's crop-frame maps (unquantised)
};

TrainedRun trainRun(const s2s::Category &category, const std::string &backbone,
    const fs::path &weights, const fs::path &dir)
{
    s2s::RunConfig c = s2s::presetConfig("fast");
    c.foreground = false; // the module and its sidecar without foreground removal
    c.dataRoot = category.root.parent_path();
    c.category = category.name;
    c.backbone = backbone;
    c.backboneWeights = weights;
    c.metaEpochs = 2;
    c.ganEpochs = 1;
    c.dscHidden = 64;
    c.threads = 2;
    s2s::TrainingSession session(category, c);
    session.extractFeatures({}, {});
    session.train({}, {});
    const s2s::Evaluation ev = session.evaluate({}, {}, {});
    session.saveRun(dir, ev);
    TrainedRun run {dir, {}};
    for (std::size_t i = 0; i < category.test.size(); ++i)
        run.maps.push_back(session.anomalyMap(i, false));
    return run;
}

} // namespace

class TestExport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void torchScriptScoresLikeTheRun();
    void batchOfFourEqualsBatchesOfOne();
    void pythonTorchJitLoad();
    void tritonLayout();
    void wideResNetRandomWeights();
    void cliExportAndScore();
    void badInputIsOneLine_data();
    void badInputIsOneLine();

private:
    void checkAgainstRun(const TrainedRun &run, const fs::path &model);

    QTemporaryDir m_dir;
    s2s::Category m_category;
    TrainedRun m_mobile;
    bool m_pretrained = false;
};

void TestExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "data";
    o.categories = {"nut"};
    o.size = 128;
    o.trainCount = 8;
    o.testGoodCount = 3;
    o.testDefectCount = 2;
    s2s::generateSynthDataset(o);
    m_category = s2s::scanDataset(o.out).categories.front();
    QVERIFY(m_category.test.size() >= 5);

    // MobileNetV2 with its real ImageNet weights when ../shared has them; random weights otherwise.
    const fs::path weights = fs::path(qEnvironmentVariable("SAM2SIM_SHARED").toStdString())
        / "weights" / "mobilenet_v2_imagenet_bnfolded.pth";
    m_pretrained = fs::is_regular_file(weights);
    if (!m_pretrained)
        qInfo("../shared weights not found: the MobileNetV2 run uses random weights");
    m_mobile = trainRun(m_category, "mobilenet_v2", m_pretrained ? weights : fs::path(),
        fs::path(m_dir.path().toStdString()) / "run_mobilenet");
}

void TestExport::checkAgainstRun(const TrainedRun &run, const fs::path &model)
{
    const s2s::RunSummary summary = s2s::loadRunSummary(run.dir);
    const s2s::ExportedModel exported(model);
    QCOMPARE(exported.imageSize(), 288);
    double worstScore = 0.0, worstMap = 0.0, worstPng = 0.0;
    for (std::size_t i = 0; i < summary.scores.size(); ++i) {
        const s2s::ExportedModel::Scores s
            = exported.score({s2s::readImageRgb(summary.scores[i].path)});
        QCOMPARE(s.scores.size(), std::size_t(1));
        worstScore = std::max(worstScore, relativeError(s.scores[0], summary.scores[i].score));
        QCOMPARE(s.maps[0].width, 288);
        worstMap = std::max(worstMap, mapError(s.maps[0].values, run.maps.at(i).values));
        worstPng = std::max(worstPng, mapError(s.maps[0].values, summary.map(i).values));
    }
    qInfo("%s: image scores vs scores.csv %.2e relative; maps vs the session %.2e, vs maps/*.png "
          "%.2e",
        model.filename().c_str(), worstScore, worstMap, worstPng);
    QVERIFY2(worstScore <= 1e-4, qPrintable(QString::number(worstScore)));
    QVERIFY2(worstMap <= 1e-3, qPrintable(QString::number(worstMap)));
    QVERIFY2(worstPng <= 1e-3, qPrintable(QString::number(worstPng)));
}

void TestExport::torchScriptScoresLikeTheRun()
{
    const fs::path out = fs::path(m_dir.path().toStdString()) / "ts";
    const s2s::ExportResult r = s2s::exportRun(m_mobile.dir, out, {});
    QCOMPARE(r.model, out / "model.pt");
    QVERIFY(fs::is_regular_file(out / "preprocess.json"));
    QVERIFY(fs::is_regular_file(out / "README.md"));
    QVERIFY(s2s::readFile(out / "README.md").find("Foreground removal is not in the module")
        != std::string::npos);
    checkAgainstRun(m_mobile, r.model);

    // preprocess.json beside the model and inside it (extra_files) are the same document.
    const s2s::ExportedModel exported(r.model);
    const nlohmann::json beside = nlohmann::json::parse(s2s::readFile(out / "preprocess.json"));
    QVERIFY(exported.preprocessing() == beside);
    QCOMPARE(beside["preprocessing"]["resize_shorter_side"].get<int>(), 329);
    QCOMPARE(beside["preprocessing"]["center_crop"].get<int>(), 288);
    QCOMPARE(beside["provenance"]["backbone"].get<std::string>(), std::string("mobilenet_v2"));
    QCOMPARE(beside["provenance"]["backbone_pretrained"].get<bool>(), m_pretrained);
    QCOMPARE(beside["foreground_removal"]["in_module"].get<bool>(), false);
    QCOMPARE(beside["foreground_removal"]["used_by_the_run"].get<bool>(), false);
    const nlohmann::json metrics = s2s::loadRunSummary(m_mobile.dir).metrics;
    QVERIFY(beside["threshold"] == metrics["threshold"]);
}

void TestExport::batchOfFourEqualsBatchesOfOne()
{
    const fs::path out = fs::path(m_dir.path().toStdString()) / "ts_batch";
    const s2s::ExportedModel exported(s2s::exportRun(m_mobile.dir, out, {}).model);
    std::vector<cv::Mat> images;
    for (std::size_t i = 0; i < 4; ++i)
        images.push_back(s2s::readImageRgb(m_category.test.at(i).image));
    const s2s::ExportedModel::Scores four = exported.score(images);
    QCOMPARE(four.scores.size(), std::size_t(4));
    double worstScore = 0.0, worstMap = 0.0;
    for (std::size_t i = 0; i < 4; ++i) {
        const s2s::ExportedModel::Scores one = exported.score({images[i]});
        worstScore = std::max(worstScore, relativeError(four.scores[i], one.scores[0]));
        worstMap = std::max(worstMap, mapError(four.maps[i].values, one.maps[0].values));
    }
    qInfo("batch 4 vs batch 1: scores %.2e relative, maps %.2e", worstScore, worstMap);
    QVERIFY2(worstScore <= 1e-5, qPrintable(QString::number(worstScore)));
    QVERIFY2(worstMap <= 1e-5, qPrintable(QString::number(worstMap)));
}

void TestExport::pythonTorchJitLoad()
{
    const QString python
        = qEnvironmentVariable("SAM2SIM_PYTHON", QStringLiteral("/usr/bin/python3"));
    const Result probe = runProcess(
        python, {QStringLiteral("-c"), QStringLiteral("import torch, cv2, numpy")}, 60000);
    if (probe.exitCode != 0)
        QSKIP("Debian's python3-torch (with python3-opencv, numpy) is not installed: "
              "torch.jit.load check skipped");
    const fs::path out = fs::path(m_dir.path().toStdString()) / "ts_python";
    const fs::path model = s2s::exportRun(m_mobile.dir, out, {}).model;
    const s2s::RunSummary summary = s2s::loadRunSummary(m_mobile.dir);
    QStringList args {qEnvironmentVariable("SAM2SIM_SOURCE_DIR")
            + QStringLiteral("/tests/export/score_with_torch.py"),
        q(model), q(out)};
    for (const auto &row : summary.scores)
        args << QString::fromStdString(row.path);
    const Result r = runProcess(python, args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.errLines.join(QLatin1Char('\n'))));

    std::ifstream csv(out / "scores.csv");
    std::string line;
    std::getline(csv, line);
    const std::string maps = s2s::readFile(out / "maps.f32");
    QCOMPARE(maps.size(), summary.scores.size() * 288 * 288 * sizeof(float));
    double worstScore = 0.0, worstMap = 0.0;
    for (std::size_t i = 0; i < summary.scores.size(); ++i) {
        QVERIFY(std::getline(csv, line));
        const std::size_t comma = line.rfind(',');
        QCOMPARE(line.substr(0, comma), summary.scores[i].path);
        worstScore = std::max(
            worstScore, relativeError(std::stod(line.substr(comma + 1)), summary.scores[i].score));
        std::vector<float> map(288 * 288);
        std::memcpy(
            map.data(), maps.data() + i * map.size() * sizeof(float), map.size() * sizeof(float));
        worstMap = std::max(worstMap, mapError(map, m_mobile.maps.at(i).values));
    }
    qInfo("torch.jit.load in Python (preprocessing in torch from preprocess.json): scores %.2e "
          "relative, maps %.2e",
        worstScore, worstMap);
    QVERIFY2(worstScore <= 1e-4, qPrintable(QString::number(worstScore)));
    QVERIFY2(worstMap <= 1e-3, qPrintable(QString::number(worstMap)));
}

void TestExport::tritonLayout()
{
    const fs::path out = fs::path(m_dir.path().toStdString()) / "triton";
    s2s::ExportOptions options;
    options.format = s2s::ExportFormat::Triton;
    options.maxBatch = 16;
    const s2s::ExportResult r = s2s::exportRun(m_mobile.dir, out, options);
    QCOMPARE(r.modelName, std::string("sam2sim_nut"));
    QCOMPARE(r.model, out / "sam2sim_nut" / "1" / "model.pt");
    QCOMPARE(r.config, out / "sam2sim_nut" / "config.pbtxt");
    QVERIFY(fs::is_regular_file(out / "sam2sim_nut" / "preprocess.json"));

    // A small check of the fields Triton's PyTorch backend reads (protobuf text format).
    const QString text = QString::fromStdString(s2s::readFile(r.config));
    const auto field = [&text](const QString &pattern) {
        return QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption)
            .match(text)
            .hasMatch();
    };
    QVERIFY(field(QStringLiteral("^name: \"sam2sim_nut\"\n")));
    QVERIFY(field(QStringLiteral("\nplatform: \"pytorch_libtorch\"\n")));
    QVERIFY(field(QStringLiteral("\nmax_batch_size: 16\n")));
    QVERIFY(field(QStringLiteral("input \\[\\s*\\{\\s*name: \"INPUT__0\"\\s*data_type: "
                                 "TYPE_FP32\\s*dims: \\[ 3, 288, 288 \\]\\s*\\}\\s*\\]")));
    QVERIFY(field(QStringLiteral(
        "output \\[\\s*\\{\\s*name: \"OUTPUT__0\"\\s*data_type: TYPE_FP32\\s*dims: \\[ 1 \\]\\s*"
        "reshape: \\{ shape: \\[ \\] \\}\\s*\\},\\s*\\{\\s*name: \"OUTPUT__1\"\\s*"
        "data_type: TYPE_FP32\\s*dims: \\[ 288, 288 \\]\\s*\\}\\s*\\]")));
    QVERIFY(field(QStringLiteral("\ndynamic_batching \\{ \\}\n")));
    // Balanced braces and brackets: the file parses as protobuf text as far as structure goes.
    QCOMPARE(text.count(QLatin1Char('{')), text.count(QLatin1Char('}')));
    QCOMPARE(text.count(QLatin1Char('[')), text.count(QLatin1Char(']')));

    // The repository root and the model folder both resolve to the model, which scores like the
    // run.
    QCOMPARE(s2s::resolveExportedModel(out), r.model);
    QCOMPARE(s2s::resolveExportedModel(out / "sam2sim_nut"), r.model);
    checkAgainstRun(m_mobile, r.model);
}

void TestExport::wideResNetRandomWeights()
{
    const TrainedRun wrn = trainRun(
        m_category, "wide_resnet50_2", {}, fs::path(m_dir.path().toStdString()) / "run_wrn");
    const fs::path out = fs::path(m_dir.path().toStdString()) / "ts_wrn";
    const s2s::ExportResult r = s2s::exportRun(wrn.dir, out, {});
    const nlohmann::json pre = nlohmann::json::parse(s2s::readFile(r.preprocess));
    QCOMPARE(pre["provenance"]["backbone"].get<std::string>(), std::string("wide_resnet50_2"));
    QCOMPARE(pre["provenance"]["backbone_pretrained"].get<bool>(), false);
    checkAgainstRun(wrn, r.model);
}

void TestExport::cliExportAndScore()
{
    const fs::path out = fs::path(m_dir.path().toStdString()) / "cli";
    const Result e = runCli({QStringLiteral("export"), QStringLiteral("--run"), q(m_mobile.dir),
        QStringLiteral("--out"), q(out), QStringLiteral("--format"), QStringLiteral("triton"),
        QStringLiteral("--max-batch"), QStringLiteral("4"), QStringLiteral("--quiet")});
    QVERIFY2(e.exitCode == 0, qPrintable(e.errLines.join(QLatin1Char('\n'))));
    QVERIFY(fs::is_regular_file(out / "sam2sim_nut" / "1" / "model.pt"));

    const s2s::RunSummary summary = s2s::loadRunSummary(m_mobile.dir);
    QStringList args {QStringLiteral("score"), QStringLiteral("--model"), q(out / "sam2sim_nut"),
        QStringLiteral("--batch"), QStringLiteral("3"), QStringLiteral("--images")};
    for (const auto &row : summary.scores)
        args << QString::fromStdString(row.path);
    const Result s = runCli(args);
    QVERIFY2(s.exitCode == 0, qPrintable(s.errLines.join(QLatin1Char('\n'))));
    // Same columns as scores.csv, same paths, defect types and labels; scores to 1e-4.
    const QStringList lines = s.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList runLines = QString::fromStdString(s2s::readFile(m_mobile.dir / "scores.csv"))
                                     .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), runLines.size());
    QCOMPARE(lines.front(), runLines.front());
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList a = lines[i].split(QLatin1Char(',')),
                          b = runLines[i].split(QLatin1Char(','));
        QCOMPARE(a.mid(0, 3), b.mid(0, 3));
        QVERIFY2(relativeError(a[3].toDouble(), b[3].toDouble()) <= 1e-4,
            qPrintable(lines[i] + QStringLiteral(" vs ") + runLines[i]));
    }
}

void TestExport::badInputIsOneLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const fs::path base = m_dir.path().toStdString();
    // A run folder whose heads are missing.
    const fs::path noHeads = base / "run_without_heads";
    fs::create_directories(noHeads);
    fs::copy_file(m_mobile.dir / "config.json", noHeads / "config.json",
        fs::copy_options::overwrite_existing);
    // An output "folder" below a regular file cannot be created, whoever runs the test.
    const fs::path blocker = base / "a_file";
    s2s::writeFileAtomically(blocker, "x");
    const QString run = q(m_mobile.dir);
    QTest::newRow("run without heads") << QStringList {QStringLiteral("export"),
        QStringLiteral("--run"), q(noHeads), QStringLiteral("--out"), q(base / "o1")}
                                       << QStringLiteral("heads.safetensors");
    QTest::newRow("unknown format") << QStringList {QStringLiteral("export"),
        QStringLiteral("--run"), run, QStringLiteral("--out"), q(base / "o2"),
        QStringLiteral("--format"), QStringLiteral("onnx")}
                                    << QStringLiteral("unknown format 'onnx'");
    QTest::newRow("unwritable out") << QStringList {QStringLiteral("export"),
        QStringLiteral("--run"), run, QStringLiteral("--out"), q(blocker / "export")}
                                    << q(blocker / "export");
    QTest::newRow("bad max batch") << QStringList {QStringLiteral("export"),
        QStringLiteral("--run"), run, QStringLiteral("--out"), q(base / "o3"),
        QStringLiteral("--max-batch"), QStringLiteral("0")}
                                   << QStringLiteral("max-batch");
    QTest::newRow("score: not a model") << QStringList {QStringLiteral("score"),
        QStringLiteral("--model"), q(blocker), QStringLiteral("--images"), q(blocker)}
                                        << QStringLiteral("not a TorchScript model");
    QTest::newRow("score: no model here") << QStringList {QStringLiteral("score"),
        QStringLiteral("--model"), q(noHeads), QStringLiteral("--images"), q(blocker)}
                                          << QStringLiteral("no model.pt");
}

void TestExport::badInputIsOneLine()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Result r = runCli(args);
    QVERIFY2(r.exitCode > 0, qPrintable(QString::number(r.exitCode)));
    QVERIFY2(r.errLines.size() == 1, qPrintable(r.errLines.join(QLatin1Char('|'))));
    QVERIFY2(r.errLines.front().contains(expected), qPrintable(r.errLines.front()));
    QVERIFY(r.out.isEmpty());
}

QTEST_APPLESS_MAIN(TestExport)
#include "tst_export.moc"
