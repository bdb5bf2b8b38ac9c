// Engine core: atomic writes, cancellation, image I/O errors.
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/progress.h"
#include "engine/io/image_io.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

class TestCore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void atomicWriteReplacesWholeFile();
    void atomicWriteFailureKeepsOldFile();
    void cancelTokenIsShared();
    void imageErrors_data();
    void imageErrors();
    void imageRoundTrip();
};

void TestCore::atomicWriteReplacesWholeFile()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "sub" / "a.txt";
    s2s::writeFileAtomically(target, "first");
    s2s::writeFileAtomically(target, "second");
    QCOMPARE(QString::fromStdString(s2s::readFile(target)), QStringLiteral("second"));
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(target.parent_path()))
        ++entries;
    QCOMPARE(entries, 1); // no temporary left behind
}

void TestCore::atomicWriteFailureKeepsOldFile()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "keep.txt";
    s2s::writeFileAtomically(target, "precious");
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::writeFileAtomically(target, [](const fs::path &tmp) {
        std::ofstream(tmp) << "half";
        throw s2s::Error("writer failed");
    }));
    QCOMPARE(QString::fromStdString(s2s::readFile(target)), QStringLiteral("precious"));
    int entries = 0;
    for ([[maybe_unused]] const auto &e : fs::directory_iterator(target.parent_path()))
        ++entries;
    QCOMPARE(entries, 1);
}

void TestCore::cancelTokenIsShared()
{
    s2s::CancelToken token;
    const s2s::CancelToken copy = token;
    QVERIFY(!copy.isCancelled());
    token.cancel();
    QVERIFY(copy.isCancelled());
    QVERIFY_THROWS_EXCEPTION(s2s::Cancelled, copy.throwIfCancelled());
}

void TestCore::imageErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero bytes") << QByteArray() << QStringLiteral("empty file (0 bytes)");
    QTest::newRow("garbage") << QByteArray("not an image at all") << QStringLiteral("not a readable image");
    QTest::newRow("truncated png") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10)
                                   << QStringLiteral("not a readable image");
}

void TestCore::imageErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "bad.png";
    std::ofstream(file, std::ios::binary).write(content.constData(), content.size());
    try {
        s2s::readImageRgb(file);
        QFAIL("no error for a bad image");
    } catch (const s2s::Error &e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith(QString::fromStdString(file.string())), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
    }
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::readImageRgb(fs::path(dir.path().toStdString()) / "missing.png"));
}

void TestCore::imageRoundTrip()
{
    QTemporaryDir dir;
    cv::Mat rgb(7, 5, CV_8UC3);
    cv::randu(rgb, 0, 255);
    const fs::path file = fs::path(dir.path().toStdString()) / "odd.png";
    s2s::writeImage(file, rgb);
    const cv::Mat back = s2s::readImageRgb(file);
    QCOMPARE(back.size(), rgb.size());
    QCOMPARE(cv::norm(back, rgb, cv::NORM_INF), 0.0);

    cv::Mat grey(4, 6, CV_8UC1, cv::Scalar(200));
    s2s::writeImage(fs::path(dir.path().toStdString()) / "grey.png", grey);
    const cv::Mat expanded = s2s::readImageRgb(fs::path(dir.path().toStdString()) / "grey.png");
    QCOMPARE(expanded.channels(), 3);
    const cv::Mat mask = s2s::readMask(fs::path(dir.path().toStdString()) / "grey.png");
    QCOMPARE(mask.at<uchar>(0, 0), uchar(255));
}

QTEST_APPLESS_MAIN(TestCore)
#include "tst_core.moc"
