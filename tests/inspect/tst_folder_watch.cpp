// FolderWatch (engine/inspect/folder_watch.h): a complete image is handed out once, a half-written one
// only when complete, a corrupt one skipped after its size stayed unchanged, hidden and temporary names
// ignored, vanished files forgotten; the same with inotify and with the polling fallback.
#include "engine/core/progress.h"
#include "engine/inspect/folder_watch.h"

#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using s2s::FolderWatch;
using Kind = FolderWatch::Event::Kind;

namespace {

std::string pngBytes()
{
    cv::Mat image(120, 160, CV_8UC3);
    cv::randu(image, 0, 255); // incompressible: the file is large enough to cut in half
    std::vector<uchar> bytes;
    cv::imencode(".png", image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

void write(const fs::path &file, const std::string &bytes)
{
    std::ofstream(file, std::ios::binary) << bytes;
}

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

class TestFolderWatch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void watch_data()
    {
        QTest::addColumn<bool>("polling");
        QTest::newRow("inotify") << false;
        QTest::newRow("polling") << true;
    }

    void watch()
    {
        QFETCH(bool, polling);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const fs::path dir = tmp.path().toStdString();
        const std::string png = pngBytes();
        write(dir / "before.png", png); // present at the start: new to the watch
        FolderWatch::Options options;
        options.corruptAfterSeconds = 0.6;
        options.forcePolling = polling;
        FolderWatch watch(dir, options);
        QCOMPARE(watch.usesInotify(), !polling);
        const s2s::CancelToken cancel;

        FolderWatch::Event e = watch.next(cancel, 2.0);
        QCOMPARE(e.kind, Kind::Ready);
        QCOMPARE(QString::fromStdString(e.path.filename().string()), QStringLiteral("before.png"));
        QVERIFY(e.bytes == png);

        // Written in two halves with a pause longer than the corrupt limit's half: retried, then Ready.
        const auto start = std::chrono::steady_clock::now();
        std::thread writer([&] {
            std::ofstream out(dir / "half.png", std::ios::binary);
            out << png.substr(0, png.size() / 2);
            out.flush();
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            out << png.substr(png.size() / 2);
        });
        write(dir / ".hidden.png", png);
        write(dir / "x.png.tmp", png);
        write(dir / "y.png.part", png);
        write(dir / "z.png~", png);
        e = watch.next(cancel, 5.0);
        writer.join();
        QCOMPARE(e.kind, Kind::Ready);
        QCOMPARE(QString::fromStdString(e.path.filename().string()), QStringLiteral("half.png"));
        QVERIFY(e.bytes == png);
        QVERIFY(secondsSince(start) >= 0.35);

        // Not an image name: skipped once. A cut-short PNG that stays so: skipped after the limit.
        write(dir / "notes.txt", "hello");
        e = watch.next(cancel, 5.0);
        QCOMPARE(e.kind, Kind::Skipped);
        QVERIFY(e.error.find("notes.txt: not an image file name") != std::string::npos);
        write(dir / "cut.png", png.substr(0, png.size() / 3));
        const auto cutAt = std::chrono::steady_clock::now();
        e = watch.next(cancel, 5.0);
        QCOMPARE(e.kind, Kind::Skipped);
        QVERIFY2(e.error.find("cut.png: truncated PNG") != std::string::npos, e.error.c_str());
        QVERIFY(secondsSince(cutAt) >= 0.55);

        // A file that vanishes before it is complete is forgotten; one already done is never handed
        // out again, even when rewritten; the watch then goes idle.
        write(dir / "gone.png", png.substr(0, 100));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        fs::remove(dir / "gone.png");
        write(dir / "half.png", png);
        watch.markDone(dir / "later.png");
        write(dir / "later.png", png);
        e = watch.next(cancel, 1.0);
        QCOMPARE(e.kind, Kind::Idle);

        cancel.cancel();
        QCOMPARE(watch.next(cancel, 0.0).kind, Kind::Stopped);
    }

    void ignoredNames()
    {
        for (const char *name : {".a.png", "a.tmp", "a.part", "a.png~", "#12", "#a.png#", "~$a.png", "a.png.crdownload"})
            QVERIFY2(FolderWatch::ignoredName(name), name);
        for (const char *name : {"a.png", "a.jpg", "part.png", "lot#2.png", "a~b.png"})
            QVERIFY2(!FolderWatch::ignoredName(name), name);
    }
};

QTEST_APPLESS_MAIN(TestFolderWatch)
#include "tst_folder_watch.moc"
