// Engine core: atomic writes, folder transactions, CSV, cancellation, image I/O errors.
#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/folder_transaction.h"
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
    void csvRoundTrip();
    void folderTransactionReplacesOnlyOnCommit();
    void folderTransactionRefusesWhatItMayNotReplace();
    void folderLockIsExclusive();
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
    QTest::newRow("truncated png") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10) << QStringLiteral("truncated PNG");
    // IHDR of 60000 x 60000 with a correct CRC: refused from the header, never decoded.
    QTest::newRow("huge png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\xea\x60\0\0\xea\x60\x08\x02\0\0\0\x0f\xb0\xe2\x15"
                                            "\0\0\0\0IEND\xae\x42\x60\x82", 45)
                              << QStringLiteral("image is 60000x60000 (3600 MP), above the limit of 100 MP");
    QTest::newRow("bad crc png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0\0\0\0\0", 33)
                                 << QStringLiteral("chunk IHDR fails its CRC check");
    QTest::newRow("huge bmp") << (QByteArray("BM") + QByteArray(16, '\0') + QByteArray("\x20\x4e\0\0\x20\x4e\0\0", 8))
                              << QStringLiteral("image is 20000x20000");
    QTest::newRow("truncated jpeg") << QByteArray("\xff\xd8\xff\xc0\0\x11\x08\0\x10\0\x10\x03\x01\x22\0\x02\x11\x01\x03\x11\x01"
                                                  "\xff\xda\0\x0c\x03\x01\0\x02\x11\x03\x11\0\x3f\0\x12\x34", 37)
                                    << QStringLiteral("truncated JPEG (no end-of-image marker)");
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

void TestCore::csvRoundTrip()
{
    const std::vector<std::string> fields = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", ""};
    std::string text;
    for (int record = 0; record < 2; ++record) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            text += (i ? "," : "") + s2s::csvField(fields[i]);
        text += "\r\n";
    }
    const auto records = s2s::parseCsv(text, "t.csv");
    QCOMPARE(records.size(), std::size_t(2));
    for (const auto &r : records)
        QVERIFY(r == fields);
    QCOMPARE(s2s::csvField("plain"), std::string("plain"));
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::parseCsv("a,\"open\n", "t.csv"));
}

void TestCore::folderTransactionReplacesOnlyOnCommit()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "run";
    const auto any = [](const fs::path &) { return true; };
    {
        s2s::FolderTransaction t(target, any, "a test folder");
        s2s::writeFileAtomically(t.dir() / "a.txt", "first");
        QVERIFY(!fs::exists(target));
        t.commit();
    }
    QCOMPARE(s2s::readFile(target / "a.txt"), std::string("first"));
    {
        s2s::FolderTransaction t(target, any, "a test folder");
        s2s::writeFileAtomically(t.dir() / "b.txt", "second");
        // Not committed (an error or a cancel): the old folder stays as it was.
    }
    QVERIFY(fs::exists(target / "a.txt"));
    QVERIFY(!fs::exists(target / "b.txt"));
    {
        s2s::FolderTransaction t(target, any, "a test folder");
        s2s::writeFileAtomically(t.dir() / "b.txt", "second");
        t.commit();
    }
    QVERIFY(!fs::exists(target / "a.txt")); // replaced whole, nothing of the old run beside the new
    QCOMPARE(s2s::readFile(target / "b.txt"), std::string("second"));
    // No temporary, old or lock entries are left beside it.
    int entries = 0;
    for (const auto &e : fs::directory_iterator(dir.path().toStdString()))
        entries += e.path().filename() == "run" ? 0 : 1;
    QCOMPARE(entries, 0);
}

void TestCore::folderTransactionRefusesWhatItMayNotReplace()
{
    QTemporaryDir dir;
    const fs::path root(dir.path().toStdString());
    s2s::writeFileAtomically(root / "docs" / "thesis.txt", "precious");
    s2s::writeFileAtomically(root / "file", "x");
    const auto never = [](const fs::path &) { return false; };
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::FolderTransaction(root / "docs", never, "a run folder"));
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::FolderTransaction(root / "file", never, "a run folder"));
    QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::FolderTransaction(root / "file" / "sub", never, "a run folder"));
    QCOMPARE(s2s::readFile(root / "docs" / "thesis.txt"), std::string("precious"));
    fs::create_directory(root / "empty");
    s2s::FolderTransaction t(root / "empty", never, "a run folder"); // empty folders may be replaced
    t.commit();
}

void TestCore::folderLockIsExclusive()
{
    QTemporaryDir dir;
    const fs::path target = fs::path(dir.path().toStdString()) / "run";
    {
        const s2s::FolderLock lock(target);
        try {
            const s2s::FolderLock second(target);
            QFAIL("a second lock was granted");
        } catch (const s2s::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("in use by another sam2sim process")), e.what());
        }
    }
    const s2s::FolderLock again(target); // released with the first
}

QTEST_APPLESS_MAIN(TestCore)
#include "tst_core.moc"
