// The progress line the user reads (issue 26): each phase named in the user's language, a time left per
// phase once it can be estimated (features included), phases that interleave timed on their own, and an
// overall time left for jobs of several parts. Times are given, not measured: nothing here waits.
#include "resources/app_resources.h"
#include "ui/session/progress_text.h"

#include <QCoreApplication>
#include <QTest>

using s2s::ProgressEvent;
using s2s::ui::ProgressText;
using Clock = ProgressText::Clock;

class TestProgressText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void phaseTimeLeft();
    void interleavedPhasesKeepTheirClocks();
    void overallTimeLeftOfAComparison();
    void koreanPhaseNames();
};

namespace {

ProgressEvent progressEvent(const std::string &stage, std::int64_t done, std::int64_t total, const std::string &message = {})
{
    return ProgressEvent{stage, done, total, message};
}

Clock::time_point at(const Clock::time_point t0, double seconds)
{
    return t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

} // namespace

void TestProgressText::phaseTimeLeft()
{
    ProgressText text;
    const auto t0 = Clock::now();
    QCOMPARE(text.line(progressEvent("features (train)", 0, 200), t0), QStringLiteral("features of the training images 0/200"));
    // Too early for an estimate.
    QCOMPARE(text.line(progressEvent("features (train)", 8, 200), at(t0, 1.0)), QStringLiteral("features of the training images 8/200"));
    // 40 images in 10 s: 160 more take 40 s.
    QCOMPARE(text.line(progressEvent("features (train)", 40, 200), at(t0, 10.0)),
             QStringLiteral("features of the training images 40/200 \u00b7 about 40 s left"));
    // Long phases in minutes.
    QCOMPARE(text.line(progressEvent("features (train)", 50, 200), at(t0, 100.0)),
             QStringLiteral("features of the training images 50/200 \u00b7 about 5 min left"));
    // Done: nothing left to estimate.
    QCOMPARE(text.line(progressEvent("features (train)", 200, 200), at(t0, 120.0)), QStringLiteral("features of the training images 200/200"));
    // The same phase again (the test set after the training set) starts a new clock.
    QCOMPARE(text.line(progressEvent("features (train)", 8, 200), at(t0, 121.0)), QStringLiteral("features of the training images 8/200"));
    QCOMPARE(text.line(progressEvent("features (train)", 108, 200), at(t0, 131.0)),
             QStringLiteral("features of the training images 108/200 \u00b7 about 10 s left"));
    // Unknown stages are shown as they are, with their message.
    QCOMPARE(text.line(progressEvent("warp", 1, 2, "x.png"), t0), QStringLiteral("warp 1/2: x.png"));
}

void TestProgressText::interleavedPhasesKeepTheirClocks()
{
    // Images are prepared in chunks of 32 and embedded in batches of 8: the phases alternate.
    ProgressText text;
    const auto t0 = Clock::now();
    double t = 0.0;
    QString features, segmentation;
    for (int chunk = 0; chunk < 3; ++chunk) {
        for (int i = 1; i <= 32; ++i)
            segmentation = text.line(progressEvent("segmentation", chunk * 32 + i, 128), at(t0, t += 0.1));
        for (int b = 8; b <= 32; b += 8)
            features = text.line(progressEvent("features (test)", chunk * 32 + b, 128), at(t0, t += 0.5));
    }
    // 96 of 128: each phase's own pace gives its time left (segmentation: 95 images in 13.5 s since
    // its first event, 32 more in 4.5 s; features: 88 in 11.9 s, 32 more in 4.3 s; both shown as 5 s).
    // One clock for both would have reset at every switch and never shown an estimate.
    QCOMPARE(segmentation, QStringLiteral("removing backgrounds 96/128 \u00b7 about 5 s left"));
    QCOMPARE(features, QStringLiteral("features of the test images 96/128 \u00b7 about 5 s left"));
}

void TestProgressText::overallTimeLeftOfAComparison()
{
    ProgressText text;
    const auto t0 = Clock::now();
    QCOMPARE(text.line(progressEvent("part", 0, 18, "bottle"), t0), QStringLiteral("comparison part 0/18"));
    QCOMPARE(text.line(progressEvent("training (SimpleNet)", 10, 64), at(t0, 30.0)), QStringLiteral("training SimpleNet 10/64"));
    // 3 parts in 60 s: 15 more take 300 s, shown after the phase's own estimate.
    QCOMPARE(text.line(progressEvent("part", 3, 18, "bottle"), at(t0, 60.0)),
             QStringLiteral("comparison part 3/18 \u00b7 overall about 5 min left"));
    QCOMPARE(text.line(progressEvent("score", 0, 83), at(t0, 61.0)),
             QStringLiteral("scoring 0/83 \u00b7 overall about 5 min left"));
    QCOMPARE(text.line(progressEvent("score", 40, 83), at(t0, 65.0)),
             QStringLiteral("scoring 40/83 \u00b7 about 5 s left \u00b7 overall about 5 min left"));
    // The last part done: no overall estimate.
    QCOMPARE(text.line(progressEvent("part", 18, 18), at(t0, 300.0)), QStringLiteral("comparison part 18/18"));
}

void TestProgressText::koreanPhaseNames()
{
    QCOMPARE(s2s::ui::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Korean)), QStringLiteral("ko"));
    ProgressText text;
    const auto t0 = Clock::now();
    text.line(progressEvent("features (train)", 0, 200), t0);
    const QString line = text.line(progressEvent("features (train)", 40, 200), at(t0, 10.0));
    // No English left in the line: the phase and the time left are Korean.
    QVERIFY2(!line.contains(QLatin1String("features")) && !line.contains(QLatin1String("left")) && !line.contains(QLatin1String("about")),
             qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("40/200")), qPrintable(line));
    QCOMPARE(ProgressText::phaseName("score"), QString::fromUtf8("점수 계산"));
}

QTEST_GUILESS_MAIN(TestProgressText)
#include "tst_progress_text.moc"
