// The built-in demo dataset: layout, determinism, masks that cover exactly the defects.
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/data/synth_generator.h"
#include "engine/io/image_io.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace fs = std::filesystem;

class TestSynth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void layoutScansCleanly();
    void deterministicBySeed();
    void masksCoverExactlyTheDefects();
    void badOptions();

private:
    QTemporaryDir m_dir;
    fs::path m_a, m_b, m_c;
};

void TestSynth::initTestCase()
{
    s2s::SynthOptions o;
    o.size = 96;
    o.trainCount = 4;
    o.testGoodCount = 2;
    o.testDefectCount = 3;
    o.out = m_a = fs::path(m_dir.path().toStdString()) / "a";
    s2s::generateSynthDataset(o);
    o.out = m_b = fs::path(m_dir.path().toStdString()) / "b";
    s2s::generateSynthDataset(o);
    o.out = m_c = fs::path(m_dir.path().toStdString()) / "c";
    o.seed = 7;
    s2s::generateSynthDataset(o);
}

void TestSynth::layoutScansCleanly()
{
    const auto d = s2s::scanDataset(m_a, s2s::ScanMode::Strict);
    QCOMPARE(d.categories.size(), std::size_t(4));
    int objects = 0, textures = 0;
    for (const auto &c : d.categories) {
        QVERIFY(c.issues.empty());
        QVERIFY(c.kindKnown); // from category.json
        (c.kind == s2s::CategoryKind::Object ? objects : textures)++;
        QCOMPARE(c.train.size(), std::size_t(4));
        QVERIFY(c.defectTypes.size() >= 2);
        QCOMPARE(c.test.size(), 2 + 3 * c.defectTypes.size());
    }
    QCOMPARE(objects, 2);
    QCOMPARE(textures, 2);
}

void TestSynth::deterministicBySeed()
{
    for (const char *f : {"nut/train/good/000.png", "weave/test/scratch/002.png", "tablet/ground_truth/crack/001_mask.png"}) {
        QCOMPARE(s2s::readFile(m_a / f), s2s::readFile(m_b / f));
        QVERIFY(s2s::readFile(m_a / f) != s2s::readFile(m_c / f));
    }
}

void TestSynth::masksCoverExactlyTheDefects()
{
    const std::pair<const char *, const char *> cases[] = {{"nut", "hole"},        {"nut", "scratch"},
                                                           {"tablet", "crack"},    {"weave", "contamination"},
                                                           {"stone", "crack"},     {"tablet", "contamination"}};
    for (const auto &[category, defect] : cases)
        for (int i = 0; i < 3; ++i) {
            const auto s = s2s::renderSynthDefect(category, defect, 0, i, 128);
            cv::Mat diff;
            cv::absdiff(s.image, s.clean, diff);
            cv::Mat changed;
            cv::cvtColor(diff, changed, cv::COLOR_RGB2GRAY);
            changed = changed > 0;
            QVERIFY(cv::countNonZero(s.mask) >= 12);
            QCOMPARE(cv::countNonZero(changed != s.mask), 0); // changed pixels == mask, exactly
            // and the written dataset holds exactly this sample
            if (i == 0 && std::string(category) == "nut" && std::string(defect) == "hole") {
                const auto w = s2s::renderSynthDefect(category, defect, 0, 0, 96);
                QCOMPARE(cv::norm(w.image, s2s::readImageRgb(m_a / "nut/test/hole/000.png"), cv::NORM_INF), 0.0);
            }
        }
}

void TestSynth::badOptions()
{
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "bad";
    o.categories = {"unicorn"};
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::generateSynthDataset(o));
    o.categories = {};
    o.size = 10;
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::generateSynthDataset(o));
}

QTEST_APPLESS_MAIN(TestSynth)
#include "tst_synth.moc"
