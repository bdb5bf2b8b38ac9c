// Dataset scanner: layouts, every bad case with its one-line message, the real hazelnut_toy.
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/io/image_io.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

class TestScanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void mvtecLayout();
    void singleCategoryFolder();
    void kinds_data();
    void kinds();
    void badCases_data();
    void badCases();
    void strictThrowsFirstProblem();
    void defectWithoutMaskIsImageLevel();
    void unusableMasks_data();
    void decodersMatchOpenCv();
    void unusableMasks();
    void notAFolder();
    void hazelnutToy();

private:
    fs::path root() const { return fs::path(m_dir->path().toStdString()); }
    void image(const fs::path &p, int w = 32, int h = 24, int channels = 3);
    void goodCategory(const fs::path &c);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestScanner::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

// Images are flat grey; single-channel ones are masks: black with a white block marked.
void TestScanner::image(const fs::path &p, int w, int h, int channels)
{
    cv::Mat m(h, w, channels == 1 ? CV_8UC1 : CV_8UC3, cv::Scalar::all(channels == 1 ? 0 : 90));
    if (channels == 1)
        m(cv::Rect(w / 4, h / 4, w / 2, h / 2)).setTo(255);
    s2s::writeImage(p, m);
}

void TestScanner::goodCategory(const fs::path &c)
{
    image(c / "train/good/000.png");
    image(c / "train/good/001.jpg");
    image(c / "test/good/000.bmp");
    image(c / "test/crack/000.png");
    image(c / "ground_truth/crack/000_mask.png", 32, 24, 1);
    image(c / "test/hole/007.tiff");
    image(c / "ground_truth/hole/007.png", 32, 24, 1); // mask named like the image
}

void TestScanner::mvtecLayout()
{
    goodCategory(root() / "bottle");
    goodCategory(root() / "carpet");
    s2s::writeFileAtomically(root() / "license.txt", "text");
    const auto d = s2s::scanDataset(root());
    QCOMPARE(d.categories.size(), std::size_t(2));
    QVERIFY(d.issues.empty());
    const auto *bottle = d.find("bottle");
    QVERIFY(bottle);
    QCOMPARE(bottle->train.size(), std::size_t(2));
    QCOMPARE(bottle->test.size(), std::size_t(3));
    QCOMPARE(bottle->defectTypes, (std::vector<std::string>{"crack", "hole"}));
    for (const auto &r : bottle->test) {
        QCOMPARE(r.label, r.defectType == "good" ? 0 : 1);
        QCOMPARE(r.mask.empty(), r.label == 0);
    }
    QCOMPARE(int(d.find("carpet")->kind), int(s2s::CategoryKind::Texture));
    QVERIFY(bottle->issues.empty());
}

void TestScanner::singleCategoryFolder()
{
    goodCategory(root() / "screw");
    const auto d = s2s::scanDataset(root() / "screw");
    QCOMPARE(d.categories.size(), std::size_t(1));
    QCOMPARE(d.categories.front().name, std::string("screw"));
}

void TestScanner::kinds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("known");
    QTest::newRow("carpet") << "carpet" << int(s2s::CategoryKind::Texture) << true;
    QTest::newRow("wood") << "wood" << int(s2s::CategoryKind::Texture) << true;
    QTest::newRow("transistor") << "transistor" << int(s2s::CategoryKind::Object) << true;
    QTest::newRow("metal_nut") << "metal_nut" << int(s2s::CategoryKind::Object) << true;
    QTest::newRow("unknown") << "widget" << int(s2s::CategoryKind::Object) << false;
}

void TestScanner::kinds()
{
    QFETCH(QString, name);
    QFETCH(int, kind);
    QFETCH(bool, known);
    bool k = !known;
    QCOMPARE(int(s2s::defaultCategoryKind(name.toStdString(), &k)), kind);
    QCOMPARE(k, known);
    goodCategory(root() / name.toStdString());
    const auto d = s2s::scanDataset(root());
    QCOMPARE(d.categories.front().keepsBackground, name == QLatin1String("transistor"));
    // category.json overrides the kind
    s2s::writeFileAtomically(root() / name.toStdString() / "category.json", R"({"kind": "texture"})");
    QCOMPARE(int(s2s::scanDataset(root()).categories.front().kind), int(s2s::CategoryKind::Texture));
}

void TestScanner::badCases_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing train/good") << "no-train" << "missing folder";
    QTest::newRow("mask size differs") << "mask-size" << "differs from its image";
    QTest::newRow("zero-byte image") << "zero-byte" << "empty file (0 bytes)";
    QTest::newRow("unreadable image") << "garbage" << "not a readable image";
    QTest::newRow("file where a folder should be") << "file-folder" << "is a file where a folder should be";
    QTest::newRow("empty category") << "empty" << "empty category";
    QTest::newRow("unsupported file") << "text-file" << "not an image file";
    QTest::newRow("bad category.json") << "bad-json" << "invalid category.json";
}

void TestScanner::badCases()
{
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    const fs::path c = root() / "cat";
    goodCategory(root() / "other"); // keeps the dataset non-empty
    if (scenario == QLatin1String("no-train")) {
        image(c / "test/good/000.png");
    } else {
        goodCategory(c);
        if (scenario == QLatin1String("mask-size"))
            image(c / "ground_truth/crack/000_mask.png", 16, 16, 1);
        else if (scenario == QLatin1String("zero-byte"))
            std::ofstream(c / "train/good/002.png");
        else if (scenario == QLatin1String("garbage"))
            std::ofstream(c / "train/good/003.png") << "this is not a png";
        else if (scenario == QLatin1String("file-folder")) {
            fs::remove_all(c / "test/hole");
            std::ofstream(c / "test/hole") << "x";
        } else if (scenario == QLatin1String("empty")) {
            fs::remove_all(c / "train/good");
            fs::create_directories(c / "train/good");
        } else if (scenario == QLatin1String("text-file"))
            std::ofstream(c / "train/good/notes.doc") << "x";
        else if (scenario == QLatin1String("bad-json"))
            std::ofstream(c / "category.json") << "{kind: ";
    }
    const auto d = s2s::scanDataset(root());
    std::vector<s2s::ScanIssue> all = d.issues;
    for (const auto &cat : d.categories)
        all.insert(all.end(), cat.issues.begin(), cat.issues.end());
    bool found = false;
    for (const auto &i : all) {
        QVERIFY(i.message.find('\n') == std::string::npos);
        found = found || QString::fromStdString(i.message).contains(expected);
    }
    QVERIFY2(found, qPrintable(QStringLiteral("no issue containing '%1'").arg(expected)));
    QVERIFY(d.find("other")); // the good category is unaffected
}

void TestScanner::strictThrowsFirstProblem()
{
    goodCategory(root() / "cat");
    image(root() / "cat/ground_truth/crack/000_mask.png", 16, 16, 1);
    try {
        s2s::scanDataset(root(), s2s::ScanMode::Strict);
        QFAIL("strict scan accepted a mask whose size differs from its image");
    } catch (const s2s::Error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("000_mask.png: mask size")), e.what());
    }
}

// A defect image without a mask is an image-level label: kept, with no mask and no issue, also in
// strict mode (the common case of a line that collected NG parts but never drew masks).
void TestScanner::defectWithoutMaskIsImageLevel()
{
    goodCategory(root() / "cat");
    fs::remove(root() / "cat/ground_truth/crack/000_mask.png");
    const auto d = s2s::scanDataset(root(), s2s::ScanMode::Strict);
    const s2s::Category *c = d.find("cat");
    QVERIFY(c);
    QVERIFY(c->issues.empty());
    int withMask = 0, without = 0;
    for (const auto &r : c->test) {
        if (r.label != 1)
            continue;
        (r.mask.empty() ? without : withMask)++;
        if (r.mask.empty())
            QCOMPARE(QString::fromStdString(r.image.filename().string()), QStringLiteral("000.png"));
    }
    QCOMPARE(without, 1);
    QVERIFY(withMask > 0);
}

// A mask that cannot label its image (issue 25: such masks took pixel AUROC from 0.85 to 0.48 without a
// word) is named and skipped; its image stays, as an image-level label. So is a mask without an image.
void TestScanner::unusableMasks_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    QTest::newRow("colour") << "colour" << "colour mask";
    QTest::newRow("grey picture") << "grey" << "not a binary mask (100% of its pixels are grey";
    QTest::newRow("all zero") << "zero" << "mask marks nothing (all zero)";
    QTest::newRow("zero and one") << "one" << "mask marks nothing (no pixel above 127; its values go up to 1";
    QTest::newRow("zero and one, 16-bit") << "one16" << "mask marks nothing (no pixel above 127; its values go up to 1,";
    QTest::newRow("all 255") << "full" << "mask marks the whole image";
    QTest::newRow("empty file") << "empty" << "empty file (0 bytes)";
    QTest::newRow("other size") << "size" << "mask size 16x16 differs from its image 32x24";
    QTest::newRow("without image") << "orphan" << "mask without an image in test/crack/";
    QTest::newRow("without folder") << "orphan-folder" << "mask without an image (no folder test/dent/)";
    QTest::newRow("for a good image") << "orphan-good" << "mask in ground_truth/good/: test/good/ images are defect-free";
}

void TestScanner::unusableMasks()
{
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    const fs::path c = root() / "cat";
    goodCategory(c);
    fs::path mask = c / "ground_truth/crack/000_mask.png";
    cv::Mat m;
    if (scenario == QLatin1String("colour")) {
        m = cv::Mat(24, 32, CV_8UC3, cv::Scalar(0, 0, 0));
        m(cv::Rect(4, 4, 8, 8)).setTo(cv::Scalar(255, 0, 0));
    } else if (scenario == QLatin1String("grey")) {
        m = cv::Mat(24, 32, CV_8UC1, cv::Scalar(128));
    } else if (scenario == QLatin1String("zero")) {
        m = cv::Mat(24, 32, CV_8UC1, cv::Scalar(0));
    } else if (scenario == QLatin1String("one")) {
        m = cv::Mat(24, 32, CV_8UC1, cv::Scalar(0));
        m(cv::Rect(4, 4, 8, 8)).setTo(1);
    } else if (scenario == QLatin1String("one16")) {
        m = cv::Mat(24, 32, CV_16UC1, cv::Scalar(0));
        m(cv::Rect(4, 4, 8, 8)).setTo(1);
    } else if (scenario == QLatin1String("full")) {
        m = cv::Mat(24, 32, CV_8UC1, cv::Scalar(255));
    } else if (scenario == QLatin1String("empty")) {
        std::ofstream(mask, std::ios::trunc);
    } else if (scenario == QLatin1String("size")) {
        image(mask, 16, 16, 1);
    } else if (scenario == QLatin1String("orphan")) {
        mask = c / "ground_truth/crack/005_mask.png";
        image(mask, 32, 24, 1);
    } else if (scenario == QLatin1String("orphan-folder")) {
        mask = c / "ground_truth/dent/000_mask.png";
        image(mask, 32, 24, 1);
    } else if (scenario == QLatin1String("orphan-good")) {
        mask = c / "ground_truth/good/000_mask.png";
        image(mask, 32, 24, 1);
    }
    if (!m.empty())
        s2s::writeImage(mask, m);
    const auto d = s2s::scanDataset(root());
    const s2s::Category *cat = d.find("cat");
    QVERIFY(cat);
    QCOMPARE(cat->issues.size(), std::size_t(1));
    QCOMPARE(cat->issues.front().path, mask);
    QVERIFY2(QString::fromStdString(cat->issues.front().message).contains(expected), cat->issues.front().message.c_str());
    // The crack image is still there; only an orphan leaves its mask in use.
    const bool orphan = scenario.startsWith(QLatin1String("orphan"));
    int crack = 0;
    for (const auto &r : cat->test)
        if (r.defectType == "crack") {
            ++crack;
            QCOMPARE(r.mask.empty(), !orphan);
        }
    QCOMPARE(crack, 1);
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::scanDataset(root(), s2s::ScanMode::Strict));
}

// Our PNG/JPEG decoders (no library lines) give the pixels OpenCV gives, so features and caches stay
// the same: generated files of each kind, and the real hazelnut images when ../shared is there.
void TestScanner::decodersMatchOpenCv()
{
    cv::Mat rgb(24, 32, CV_8UC3), grey16(24, 32, CV_16UC1);
    cv::randu(rgb, 0, 255);
    cv::randu(grey16, 0, 65535);
    cv::Mat rgba;
    cv::cvtColor(rgb, rgba, cv::COLOR_BGR2BGRA);
    std::vector<fs::path> files;
    const auto put = [&](const std::string &name, const cv::Mat &m) {
        std::vector<uchar> bytes;
        QVERIFY(cv::imencode(fs::path(name).extension().string(), m, bytes));
        s2s::writeFileAtomically(root() / name, std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
        files.push_back(root() / name);
    };
    put("rgb.png", rgb);
    put("rgba.png", rgba);
    put("grey16.png", grey16);
    put("grey.png", rgb.reshape(1, 24).colRange(0, 32).clone());
    put("rgb.jpg", rgb);
    put("grey.jpg", rgb.reshape(1, 24).colRange(0, 32).clone());
    const fs::path toy = fs::path(qEnvironmentVariable("SAM2SIM_SHARED").toStdString()) / "data" / "hazelnut_toy";
    for (const char *name : {"train/good/00.jpg", "test/colour/00.jpg", "test/good/04.jpg", "ground_truth/colour/00.png"})
        if (fs::exists(toy / name))
            files.push_back(toy / name);
    for (const fs::path &f : files) {
        const cv::Mat ours = s2s::readImageUnchanged(f);
        const cv::Mat theirs = cv::imread(f.string(), cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
        QVERIFY2(ours.type() == theirs.type() && ours.size() == theirs.size(), f.c_str());
        QVERIFY2(cv::norm(ours, theirs, cv::NORM_INF) == 0.0, f.c_str());
    }
}

void TestScanner::notAFolder()
{
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::scanDataset(root() / "missing"));
    s2s::writeFileAtomically(root() / "file.txt", "x");
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::scanDataset(root() / "file.txt"));
}

void TestScanner::hazelnutToy()
{
    const fs::path toy = fs::path(qEnvironmentVariable("SAM2SIM_SHARED").toStdString()) / "data" / "hazelnut_toy";
    if (!fs::is_directory(toy))
        QSKIP("../shared/data/hazelnut_toy not found: real-data scan skipped");
    const auto d = s2s::scanDataset(toy, s2s::ScanMode::Strict);
    QCOMPARE(d.categories.size(), std::size_t(1));
    const auto &c = d.categories.front();
    QCOMPARE(c.train.size(), std::size_t(28));
    QCOMPARE(c.test.size(), std::size_t(23));
    QCOMPARE(c.defectTypes, std::vector<std::string>{"colour"});
    int masks = 0;
    for (const auto &r : c.test)
        masks += r.mask.empty() ? 0 : 1;
    QCOMPARE(masks, 17);
    QVERIFY(!c.kindKnown);
}

QTEST_APPLESS_MAIN(TestScanner)
#include "tst_scanner.moc"
