// Bad input against the `sam2sim` binary ($SAM2SIM_CLI), one row per case found by trying careless and
// hostile input (issue 16): every case ends in a correct result or in one line of our own words and a
// non-zero exit, never in a hang, a library's message or a changed good file. The fixtures are a tiny
// synthetic dataset (written by `sam2sim synth`) and a run trained on it with a random MobileNetV2.
#include "tests/cli/cli_files.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <utility>

using namespace s2s::test::files;

class TestBadInput final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data; // tiny dataset, category "nut", with bad files in train/good
    QString m_run;  // a run trained on it
    QString m_goodPng;
    QStringList m_trainLog;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Replaces {data}, {run}, {tmp} and {png} in a row's arguments.
    QStringList expand(const QStringList &args) const
    {
        QStringList out;
        for (QString a : args) {
            a.replace(QStringLiteral("{data}"), m_data);
            a.replace(QStringLiteral("{run}"), m_run);
            a.replace(QStringLiteral("{tmp}"), m_dir.path());
            a.replace(QStringLiteral("{png}"), m_goodPng);
            out << a;
        }
        return out;
    }

    static QByteArray le32(quint32 v)
    {
        QByteArray b(4, '\0');
        for (int i = 0; i < 4; ++i)
            b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
        return b;
    }

    static QByteArray le64(quint64 v)
    {
        return le32(static_cast<quint32>(v & 0xffffffffu)) + le32(static_cast<quint32>(v >> 32));
    }

    static QString joined(const Result &r) { return r.errLines.join(QStringLiteral(" | ")); }

    // A safetensors file with every float32 value set to NaN (header unchanged).
    static QByteArray withNaNTensors(QByteArray file)
    {
        if (file.size() < 8)
            return {};
        quint64 headerSize = 0;
        for (int i = 7; i >= 0; --i)
            headerSize = (headerSize << 8) | static_cast<quint8>(file[i]);
        const QJsonObject header = QJsonDocument::fromJson(file.mid(8, static_cast<int>(headerSize))).object();
        int changed = 0;
        for (auto it = header.begin(); it != header.end(); ++it) {
            const QJsonObject tensor = it.value().toObject();
            if (tensor.value(QStringLiteral("dtype")).toString() != QLatin1String("F32"))
                continue;
            const QJsonArray range = tensor.value(QStringLiteral("data_offsets")).toArray();
            const qint64 begin = 8 + static_cast<qint64>(headerSize) + range.at(0).toInteger();
            const qint64 end = 8 + static_cast<qint64>(headerSize) + range.at(1).toInteger();
            for (qint64 at = begin; at + 4 <= end; at += 4)
                file.replace(at, 4, QByteArray("\x00\x00\xc0\x7f", 4));
            ++changed;
        }
        return changed > 0 ? file : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString cli = qEnvironmentVariable("SAM2SIM_CLI");
        if (cli.isEmpty() || !QFileInfo(cli).isExecutable())
            QSKIP("SAM2SIM_CLI does not name the sam2sim binary");
        QVERIFY(m_dir.isValid());
        m_data = path(QStringLiteral("data"));
        const Result s = runCli(synth(m_data));
        QVERIFY2(s.exitCode == 0, qPrintable(joined(s)));
        m_goodPng = path(QStringLiteral("good.png"));
        const QString train0 = m_data + QStringLiteral("/nut/train/good/000.png");
        QVERIFY(QFile::copy(train0, m_goodPng));
        const QByteArray good = readAll(m_goodPng);

        // Bad files the scanner must skip and name: each would once have been dropped without a word.
        QByteArray badCrc = good;
        badCrc[29] = static_cast<char>(badCrc[29] ^ 0xff); // IHDR CRC
        const QString bad = m_data + QStringLiteral("/nut/train/good/");
        writeAll(bad + QStringLiteral("100.png"), {});
        writeAll(bad + QStringLiteral("101.png"), good.left(good.size() / 2));
        writeAll(bad + QStringLiteral("102.png"), "this is text, not an image\n");
        writeAll(bad + QStringLiteral("103.png"), badCrc);
        writeAll(bad + QStringLiteral("104.png"), pngWithHeader(60000, 60000));
        // A defect image without a mask is an image-level label (kept, image metrics only); a mask of
        // another size is skipped and named.
        const QString test = m_data + QStringLiteral("/nut/test/");
        QVERIFY(QFile::copy(test + QStringLiteral("hole/000.png"), test + QStringLiteral("hole/009.png")));
        const QString big = path(QStringLiteral("big"));
        QStringList bigArgs = synth(big);
        bigArgs[bigArgs.indexOf(QStringLiteral("64"))] = QStringLiteral("128");
        QVERIFY(runCli(bigArgs).exitCode == 0);
        QVERIFY(QFile::copy(test + QStringLiteral("scratch/000.png"), test + QStringLiteral("scratch/008.png")));
        QVERIFY(QFile::copy(big + QStringLiteral("/nut/ground_truth/scratch/000_mask.png"),
                            m_data + QStringLiteral("/nut/ground_truth/scratch/008_mask.png")));
        QVERIFY(QDir(big).removeRecursively());
        // Masks that cannot label their image (issue 25): all zero, colour (the photo itself), and a mask
        // whose image is gone. Each is named; the first two images stay as image-level labels.
        QVERIFY(QFile::copy(test + QStringLiteral("scratch/000.png"), test + QStringLiteral("scratch/007.png")));
        writeAll(m_data + QStringLiteral("/nut/ground_truth/scratch/007_mask.png"), pngGrey(64, 64, '\0'));
        QVERIFY(QFile::copy(test + QStringLiteral("scratch/000.png"), test + QStringLiteral("scratch/006.png")));
        QVERIFY(QFile::copy(test + QStringLiteral("scratch/000.png"), m_data + QStringLiteral("/nut/ground_truth/scratch/006_mask.png")));
        QVERIFY(QFile::copy(m_data + QStringLiteral("/nut/ground_truth/scratch/000_mask.png"),
                            m_data + QStringLiteral("/nut/ground_truth/scratch/050_mask.png")));
        // A category whose train/good holds nothing usable.
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("data-empty/nut/train/good")));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("data-empty/nut/test/good")));
        writeAll(path(QStringLiteral("data-empty/nut/train/good/000.png")), {});
        QVERIFY(QFile::copy(m_goodPng, path(QStringLiteral("data-empty/nut/test/good/000.png"))));
        writeAll(path(QStringLiteral("badcrc.png")), badCrc);
        writeAll(path(QStringLiteral("truncated.png")), good.left(good.size() / 2));
        writeAll(path(QStringLiteral("text.png")), "hello\n");
        writeAll(path(QStringLiteral("huge.png")), pngWithHeader(20000, 20000));
        QVERIFY(::mkfifo(path(QStringLiteral("fifo")).toLocal8Bit().constData(), 0600) == 0);
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("folder")));
        writeAll(path(QStringLiteral("file")), "x");
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("userdocs")));
        writeAll(path(QStringLiteral("userdocs/thesis.txt")), "precious\n");

        m_run = path(QStringLiteral("run"));
        const Result t = runCli(train(m_data, m_run));
        QVERIFY2(t.exitCode == 0, qPrintable(joined(t)));
        m_trainLog = t.errLines;

        // Issue 25: hostile run folders (copies of the run, one part changed), user folders that a
        // --out may not replace, image data behind a .png name, a weights file nesting a million tuples.
        const QString deep = path(QStringLiteral("run-deep"));
        QVERIFY(copyTree(m_run, deep));
        QByteArray metrics = readAll(deep + QStringLiteral("/metrics.json"));
        metrics.insert(metrics.indexOf('{') + 1, "\"notes\": " + QByteArray(200000, '[') + QByteArray(200000, ']') + ",");
        writeAll(deep + QStringLiteral("/metrics.json"), metrics);
        const QString huge = path(QStringLiteral("run-huge"));
        QVERIFY(copyTree(m_run, huge));
        QJsonObject config = QJsonDocument::fromJson(readAll(huge + QStringLiteral("/config.json"))).object();
        config[QStringLiteral("resize")] = 20000;
        config[QStringLiteral("image_size")] = 20000;
        writeAll(huge + QStringLiteral("/config.json"), QJsonDocument(config).toJson());
        const QString typed = path(QStringLiteral("run-typed"));
        QVERIFY(copyTree(m_run, typed));
        QJsonObject typedMetrics = QJsonDocument::fromJson(readAll(typed + QStringLiteral("/metrics.json"))).object();
        typedMetrics[QStringLiteral("threshold")] = QJsonObject{{QStringLiteral("value"), QStringLiteral("0.5")},
                                                                {QStringLiteral("rule"), QStringLiteral("f1_max")}};
        writeAll(typed + QStringLiteral("/metrics.json"), QJsonDocument(typedMetrics).toJson());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("userconfig")));
        writeAll(path(QStringLiteral("userconfig/config.json")), "{\"theme\": \"dark\"}\n");
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("usernotes")));
        QVERIFY(QFile::copy(m_run + QStringLiteral("/config.json"), path(QStringLiteral("usernotes/config.json"))));
        QVERIFY(QFile::copy(m_run + QStringLiteral("/metrics.json"), path(QStringLiteral("usernotes/metrics.json"))));
        writeAll(path(QStringLiteral("usernotes/notes.txt")), "my notes on this run\n");
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("userreadme")));
        writeAll(path(QStringLiteral("userreadme/README.md")), "# my project\n");
        writeAll(path(QStringLiteral("pgm.png")), QByteArray("P5\n12000 12000\n255\n") + QByteArray(4096, '\x80'));
        writeAll(path(QStringLiteral("strip.png")), pngWithHeader(4000, 1));
        // Issue 25, parts of a run swapped or tampered with: heads from elsewhere (an embedding file),
        // a map replaced, the backbone weights emptied from config.json.
        const QString swapped = path(QStringLiteral("run-swapped"));
        QVERIFY(copyTree(m_run, swapped));
        const Result e = runCli({QStringLiteral("embed"), QStringLiteral("--image"), m_goodPng, QStringLiteral("--backbone"),
                                 QStringLiteral("mobilenet_v2"), QStringLiteral("--out"), path(QStringLiteral("emb.safetensors"))});
        QVERIFY2(e.exitCode == 0, qPrintable(joined(e)));
        QVERIFY(QFile::remove(swapped + QStringLiteral("/heads.safetensors")));
        QVERIFY(QFile::rename(path(QStringLiteral("emb.safetensors")), swapped + QStringLiteral("/heads.safetensors")));
        const QString tampered = path(QStringLiteral("run-map"));
        QVERIFY(copyTree(m_run, tampered));
        QVERIFY(QFileInfo::exists(tampered + QStringLiteral("/maps/0000.png")));
        writeAll(tampered + QStringLiteral("/maps/0000.png"), pngWithHeader(20000, 20000));
        const QString emptied = path(QStringLiteral("run-weights"));
        QVERIFY(copyTree(m_run, emptied));
        QJsonObject emptiedConfig = QJsonDocument::fromJson(readAll(emptied + QStringLiteral("/config.json"))).object();
        emptiedConfig[QStringLiteral("backbone_weights")] = QString();
        emptiedConfig[QStringLiteral("backbone_weights_sha256")] = QStringLiteral("ab12cd34ef56ab12cd34ef56ab12cd34");
        writeAll(emptied + QStringLiteral("/config.json"), QJsonDocument(emptiedConfig).toJson());
        // A run whose heads hold NaN (its metrics.json updated to match): scores would be NaN, which once
        // left the metrics "undefined" without naming an image.
        const QString nan = path(QStringLiteral("run-nan"));
        QVERIFY(copyTree(m_run, nan));
        writeAll(nan + QStringLiteral("/heads.safetensors"), withNaNTensors(readAll(nan + QStringLiteral("/heads.safetensors"))));
        QJsonObject nanMetrics = QJsonDocument::fromJson(readAll(nan + QStringLiteral("/metrics.json"))).object();
        QJsonObject nanFiles = nanMetrics.value(QStringLiteral("files")).toObject();
        QVERIFY(nanFiles.contains(QStringLiteral("heads.safetensors")));
        nanFiles[QStringLiteral("heads.safetensors")] = QString::fromLatin1(
            QCryptographicHash::hash(readAll(nan + QStringLiteral("/heads.safetensors")), QCryptographicHash::Sha256).toHex());
        nanMetrics[QStringLiteral("files")] = nanFiles;
        writeAll(nan + QStringLiteral("/metrics.json"), QJsonDocument(nanMetrics).toJson());
        // Library lines: a JPEG whose data breaks off (libjpeg filled it with grey after a warning of its
        // own), a PNG whose compressed data is damaged (CRC fixed up), a PNG with a broken colour profile.
        const Result j = runCli({QStringLiteral("mask"), QStringLiteral("--classical"), QStringLiteral("--image"), m_goodPng,
                                 QStringLiteral("--out"), path(QStringLiteral("whole.jpg"))});
        QVERIFY2(j.exitCode == 0, qPrintable(joined(j)));
        const QByteArray jpeg = readAll(path(QStringLiteral("whole.jpg")));
        QVERIFY(QFile::remove(path(QStringLiteral("whole.jpg"))));
        writeAll(path(QStringLiteral("damaged.jpg")), jpeg.left(jpeg.size() * 2 / 3) + QByteArray("\xff\xd9", 2));
        QByteArray zlib = good;
        const int idat = zlib.indexOf("IDAT");
        const int idatLength = static_cast<int>((quint32(quint8(zlib[idat - 4])) << 24) | (quint32(quint8(zlib[idat - 3])) << 16)
                                                | (quint32(quint8(zlib[idat - 2])) << 8) | quint32(quint8(zlib[idat - 1])));
        for (int k = 2; k < 12 && k < idatLength; ++k)
            zlib[idat + 4 + k] = '\xff';
        zlib.replace(idat + 4 + idatLength, 4, be32(crc32(zlib.mid(idat, 4 + idatLength))));
        writeAll(path(QStringLiteral("zlib.png")), zlib);
        // A BMP cut short: OpenCV's imdecode printed "imdecode_(''): can't read data: ..." of its own.
        QByteArray bmp = QByteArray("BM") + le32(54 + 192 * 64) + le32(0) + le32(54) + le32(40) + le32(64) + le32(64)
                         + QByteArray("\x01\0\x18\0", 4) + le32(0) + le32(192 * 64) + QByteArray(16, '\0');
        writeAll(path(QStringLiteral("cut.bmp")), bmp + QByteArray(192 * 20, '\x80'));
        writeAll(path(QStringLiteral("iccp.png")), good.left(33) + pngChunk("iCCP", QByteArray("icc\0\0xyz", 8)) + good.mid(33));
        // Issue 25, second probe: bytes of a file quoted in a message (a chunk type, a tensor name) hold
        // control characters; a run whose metrics.json leaves a part out of its hashes; a category that is
        // a path.
        writeAll(path(QStringLiteral("ctl.png")), QByteArray("\x89PNG\r\n\x1a\n", 8) + be32(100000) + QByteArray("\x1b[2J", 4)
                                                      + QByteArray(16, 'x'));
        const QByteArray ctlHeader = "{\"a\\nb\\u001b[31m\": {\"dtype\": \"F8_E4M3\", \"shape\": [1], \"data_offsets\": [0, 1]}}";
        writeAll(path(QStringLiteral("ctl.safetensors")), le64(ctlHeader.size()) + ctlHeader + QByteArray(1, '\0'));
        writeAll(path(QStringLiteral("long.safetensors")), le64(quint64(1) << 62) + QByteArray("{}"));
        const QString unlisted = path(QStringLiteral("run-unlisted"));
        QVERIFY(copyTree(m_run, unlisted));
        QJsonObject unlistedMetrics = QJsonDocument::fromJson(readAll(unlisted + QStringLiteral("/metrics.json"))).object();
        QJsonObject unlistedFiles = unlistedMetrics.value(QStringLiteral("files")).toObject();
        QVERIFY(unlistedFiles.contains(QStringLiteral("heads.safetensors")));
        unlistedFiles.remove(QStringLiteral("heads.safetensors"));
        unlistedMetrics[QStringLiteral("files")] = unlistedFiles;
        writeAll(unlisted + QStringLiteral("/metrics.json"), QJsonDocument(unlistedMetrics).toJson());
        const QString pathCategory = path(QStringLiteral("run-category"));
        QVERIFY(copyTree(m_run, pathCategory));
        QJsonObject categoryConfig = QJsonDocument::fromJson(readAll(pathCategory + QStringLiteral("/config.json"))).object();
        categoryConfig[QStringLiteral("category")] = QStringLiteral("../nut");
        writeAll(pathCategory + QStringLiteral("/config.json"), QJsonDocument(categoryConfig).toJson());
        QByteArray nested("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.\x80\x02M\xe9\x03.\x80\x02N", 24);
        writeAll(path(QStringLiteral("nested.pth")), nested + QByteArray(1000000, '\x85') + QByteArray("."));
    }

    // Training names every skipped input (and why) and records them in metrics.json.
    void trainingNamesSkippedFiles()
    {
        for (const char *name : {"train/good/100.png", "train/good/101.png", "train/good/102.png", "train/good/103.png",
                                 "train/good/104.png", "ground_truth/scratch/008_mask.png",
                                 "ground_truth/scratch/007_mask.png", "ground_truth/scratch/006_mask.png",
                                 "ground_truth/scratch/050_mask.png"}) {
            const QString file = m_data + QStringLiteral("/nut/") + QLatin1String(name);
            bool named = false;
            for (const QString &line : std::as_const(m_trainLog))
                named = named || (line.startsWith(QStringLiteral("train: warning: skipped")) && line.contains(file));
            QVERIFY2(named, qPrintable(file + QStringLiteral(" not named in: ") + m_trainLog.join(QLatin1Char('|'))));
        }
        for (const QString &line : std::as_const(m_trainLog))
            QVERIFY2(!line.contains(QStringLiteral("libpng")), qPrintable(line));
        const QJsonObject metrics = QJsonDocument::fromJson(readAll(m_run + QStringLiteral("/metrics.json"))).object();
        QCOMPARE(metrics.value(QStringLiteral("skipped")).toArray().size(), 9);
        for (const auto &[name, reason] : {std::pair{"007_mask.png", "mask marks nothing (all zero)"},
                                           std::pair{"006_mask.png", "colour mask"},
                                           std::pair{"050_mask.png", "mask without an image in test/scratch/"}}) {
            bool named = false;
            for (const QString &line : std::as_const(m_trainLog))
                named = named || (line.contains(QLatin1String(name)) && line.contains(QLatin1String(reason)));
            QVERIFY2(named, qPrintable(QLatin1String(name) + QStringLiteral(": ") + m_trainLog.join(QLatin1Char('|'))));
        }
        for (const QString &line : std::as_const(m_trainLog))
            QVERIFY2(!line.contains(QStringLiteral("hole/009.png")), qPrintable(line));
        // hole/009 (no mask) and the three scratch images whose masks were refused (008, 007, 006).
        QCOMPARE(metrics.value(QStringLiteral("defects_without_masks")).toInt(), 4);
        const QString runId = metrics.value(QStringLiteral("run_id")).toString();
        QCOMPARE(runId.size(), 32);
        QCOMPARE(QJsonDocument::fromJson(readAll(m_run + QStringLiteral("/config.json"))).object().value(QStringLiteral("run_id")).toString(),
                 runId);
    }

    void cases_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error"); // regular expression the one error line must match
        const auto row = [](const char *name, const QStringList &args, const char *error) {
            QTest::newRow(name) << args << QString::fromUtf8(error);
        };
        const QStringList train = list({"train", "--data", "{data}", "--category", "nut", "--backbone", "mobilenet_v2",
                                        "--epochs", "1", "--quiet"});
        const QStringList trainOut = train + list({"--out", "{tmp}/newrun"});
        const QStringList mask = list({"mask", "--classical", "--out", "{tmp}/m.png"});
        const QStringList maskPng = mask + list({"--image", "{png}"});
        const QStringList report = list({"report", "--run", "{run}"});
        const QStringList composite = list({"composite", "--image", "{png}", "--mask", "{png}", "--background", "tiles",
                                            "--out", "{tmp}/c.png"});
        // Hangs and resources.
        row("weights-dev-zero", trainOut + list({"--backbone-weights", "/dev/zero"}),
            "/dev/zero: not a regular file.*\\(--backbone-weights\\)");
        row("weights-fifo", trainOut + list({"--backbone-weights", "{tmp}/fifo"}), "fifo: not a regular file");
        row("weights-folder", trainOut + list({"--backbone-weights", "{tmp}/folder"}), "folder: is a folder, not a file");
        row("weights-empty", trainOut + list({"--backbone-weights", "{data}/nut/train/good/100.png"}), "empty file");
        row("threads-negative", trainOut + list({"--threads", "-3"}), "--threads must be 0 \\(all cores\\) or positive");
        row("image-huge-header", mask + list({"--image", "{tmp}/huge.png"}),
            "huge.png: image is 20000x20000 \\(400 MP\\), above the limit of 100 MP");
        // Numbers out of range.
        row("sigma-overflow", trainOut + list({"--noise-sigma", "1e308"}), "noise sigma must be between 1e-06 and 1000");
        row("box-letters", maskPng + list({"--box", "a,b,c,d"}), "--box expects x0,y0,x1,y1 \\(numbers\\)");
        row("box-huge", maskPng + list({"--box", "0,0,1e30,50"}), "--box 0,0,1e30,50 is outside the 64x64 image");
        row("box-outside", maskPng + list({"--box", "10,10,70,70"}), "\\(x1 = 70, expected 0 to 64\\)");
        row("box-negative", maskPng + list({"--box", "-5,0,10,10"}), "\\(x0 = -5, expected 0 to 64\\)");
        row("point-outside", maskPng + list({"--point", "64,3"}), "--point 64,3 is outside the 64x64 image");
        row("embed-resize-huge",
            list({"embed", "--image", "{png}", "--backbone", "mobilenet_v2", "--out", "{tmp}/e.safetensors", "--resize", "100000"}),
            "--resize must be between 32 and 2048, got 100000");
        row("composite-feather-huge", composite + list({"--feather", "1e9"}), "--feather must be between 0 and 256, got 1e9");
        row("composite-feather-negative", composite + list({"--feather", "-1"}), "--feather must be between 0 and 256, got -1");
        row("eval-feather-nan", list({"eval", "--run", "{run}", "--background", "pseudo", "--feather", "nan"}),
            "--feather .*nan");
        // Messages in our words.
        row("image-bad-crc", mask + list({"--image", "{tmp}/badcrc.png"}),
            "badcrc.png: corrupt PNG \\(chunk IHDR fails its CRC check\\)");
        row("image-truncated", mask + list({"--image", "{tmp}/truncated.png"}), "truncated.png: truncated PNG");
        row("image-text", mask + list({"--image", "{tmp}/text.png"}), "text.png: not a readable image");
        row("backbone-unknown", list({"train", "--data", "{data}", "--category", "nut", "--out", "{tmp}/newrun", "--backbone", "resnet18"}),
            "unknown backbone 'resnet18'");
        row("strict-skip", trainOut + list({"--strict"}),
            "100.png: empty file \\(0 bytes\\) \\(--strict: 9 input files would be skipped\\)");
        row("empty-train-set", list({"train", "--data", "{tmp}/data-empty", "--category", "nut", "--out", "{tmp}/newrun"}),
            "data-empty/nut: empty category: no usable train/good images");
        // --out checked before any work; nothing of the user's replaced.
        row("out-is-file", train + list({"--out", "{tmp}/file"}), "file: exists and is not a folder");
        row("out-user-folder", train + list({"--out", "{tmp}/userdocs"}),
            "userdocs: holds thesis.txt, which is not part of a run folder; refusing to replace it");
        row("out-dot", train + list({"--out", "."}), "is the current folder or one above it");
        row("out-parent", train + list({"--out", ".."}), "is the current folder or one above it");
        row("out-root", train + list({"--out", "/"}), "is the current folder or one above it|name a folder");
        row("table1-out-is-file", list({"table1", "--data", "{data}", "--out", "{tmp}/file"}),
            "file: exists and is not a folder \\(--out\\)");
        row("report-csv-is-out", report + list({"--out", "{tmp}/same.pdf", "--csv", "{tmp}/same.pdf"}),
            "--csv and --out name the same file");
        row("report-csv-is-run-file", report + list({"--out", "{tmp}/r.pdf", "--csv", "{run}/scores.csv"}),
            "is the run's own scores.csv");
        row("report-out-is-folder", report + list({"--out", "{tmp}/folder"}),
            "folder: is a folder, expected a file name \\(--out\\)");
        row("report-out-under-file", report + list({"--out", "{tmp}/file/r.pdf"}), "file: is a file, not a folder \\(--out\\)");
        row("synth-non-empty", list({"synth", "--out", "{data}", "--size", "128"}),
            "data: exists and is not an empty folder \\(--force replaces an earlier synth dataset whole\\)");
        row("synth-force-user-folder", list({"synth", "--out", "{tmp}/userdocs", "--size", "64", "--force"}),
            "userdocs: holds thesis.txt, which is not a category of a sam2sim synth dataset");
        row("table1-out-is-data", list({"table1", "--data", "{data}", "--out", "{data}"}),
            "data: holds [a-z_.0-9]+, which is not part of a table1 output");
        // Issue 25, no recursion on untrusted data: nesting limits, numbers bounded, types named.
        row("metrics-nested-200k", list({"eval", "--run", "{tmp}/run-deep", "--quiet"}),
            "run-deep/metrics.json: nesting deeper than 64 levels");
        row("weights-nested-tuples",
            list({"embed", "--image", "{png}", "--backbone", "mobilenet_v2", "--backbone-weights", "{tmp}/nested.pth",
                  "--out", "{tmp}/e.safetensors"}),
            "nested.pth: nesting deeper than 64 levels");
        row("config-image-size-20000", list({"report", "--run", "{tmp}/run-huge", "--out", "{tmp}/h.pdf"}),
            "run-huge/config.json: resize must be an integer from 32 to 2048, got 20000");
        row("metrics-threshold-text", list({"report", "--run", "{tmp}/run-typed", "--out", "{tmp}/t.pdf"}),
            "run-typed/metrics.json: threshold.value must be a number, got \"0.5\"");
        // Never destroy a user's file.
        row("eval-scores-is-run-file", list({"eval", "--run", "{run}", "--scores", "{run}/scores.csv"}),
            "scores.csv: is the run's own scores.csv; choose another output file \\(--scores\\)");
        row("eval-scores-is-run-metrics", list({"eval", "--run", "{run}", "--scores", "{run}/metrics.json"}),
            "is the run's own metrics.json");
        row("out-folder-with-config", train + list({"--out", "{tmp}/userconfig"}),
            "userconfig: exists and is not a run folder; refusing to replace it");
        row("out-run-with-user-file", train + list({"--out", "{tmp}/usernotes"}),
            "usernotes: holds notes.txt, which is not part of a run folder; refusing to replace it");
        row("export-out-user-folder", list({"export", "--run", "{run}", "--out", "{tmp}/userreadme"}),
            "userreadme: exists and is not an export of sam2sim; refusing to replace it");
        row("export-out-user-files", list({"export", "--run", "{run}", "--out", "{tmp}/userdocs"}),
            "userdocs: holds thesis.txt, which is not part of an export");
        row("export-out-is-run", list({"export", "--run", "{run}", "--out", "{run}"}),
            "run: holds [a-z_.]+, which is not part of an export");
        row("metrics-part-unlisted", list({"eval", "--run", "{tmp}/run-unlisted", "--quiet"}),
            "run-unlisted/heads.safetensors: not listed in metrics.json \\(files\\)");
        row("config-category-path", list({"report", "--run", "{tmp}/run-category", "--out", "{tmp}/c.pdf"}),
            "run-category/config.json: category must be the name of one folder under data_root, got \"../nut\"");
        // An output that is one of the command's own inputs.
        row("mask-out-is-image", list({"mask", "--classical", "--image", "{png}", "--out", "{png}"}),
            "good.png: is the file given to --image; writing --out would destroy it");
        row("embed-out-is-image", list({"embed", "--image", "{png}", "--backbone", "mobilenet_v2", "--out", "{png}"}),
            "good.png: is the file given to --image; writing --out would destroy it");
        row("composite-out-is-image", list({"composite", "--image", "{png}", "--background", "tiles", "--out", "{png}"}),
            "good.png: is the file given to --image");
        row("inspect-report-is-image", list({"inspect", "--run", "{run}", "--out", "{tmp}/lot", "--images", "{png}", "--report", "{png}"}),
            "good.png: is an image given to --images; writing --report would destroy it");
        // Bytes of a file in a message: control characters written as \\xNN, the line whole.
        row("image-control-chunk", mask + list({"--image", "{tmp}/ctl.png"}),
            "ctl.png: truncated PNG \\(chunk \\\\x1b\\[2J runs past the end of the file\\)$");
        row("weights-control-name",
            list({"embed", "--image", "{png}", "--backbone", "mobilenet_v2", "--backbone-weights", "{tmp}/ctl.safetensors",
                  "--out", "{tmp}/e.safetensors"}),
            "ctl.safetensors: .*a\\\\x0ab\\\\x1b\\[31m");
        row("weights-header-too-long",
            list({"embed", "--image", "{png}", "--backbone", "mobilenet_v2", "--backbone-weights", "{tmp}/long.safetensors",
                  "--out", "{tmp}/e.safetensors"}),
            "long.safetensors: corrupt safetensors file \\(its header of 4611686018427387904 bytes is longer than the file");
        // Limits from the content, not the name.
        row("image-pgm-as-png", mask + list({"--image", "{tmp}/pgm.png"}),
            "pgm.png: Netpbm \\(PBM/PGM/PPM/PAM\\) data, not a supported image format");
        row("image-4000x1", mask + list({"--image", "{tmp}/strip.png"}), "strip.png: image is 4000x1, more elongated than 64:1");
        row("image-jpeg-damaged", mask + list({"--image", "{tmp}/damaged.jpg"}), "damaged.jpg: corrupt JPEG \\(");
        row("image-png-zlib", mask + list({"--image", "{tmp}/zlib.png"}), "zlib.png: corrupt PNG \\(");
        // Parts of a run that are not its own.
        row("export-swapped-heads", list({"export", "--run", "{tmp}/run-swapped", "--out", "{tmp}/exp"}),
            "run-swapped/heads.safetensors: does not belong to this run");
        row("eval-swapped-heads", list({"eval", "--run", "{tmp}/run-swapped", "--quiet"}),
            "run-swapped/heads.safetensors: does not belong to this run");
        row("report-tampered-map", list({"report", "--run", "{tmp}/run-map", "--out", "{tmp}/m.pdf"}),
            "run-map/maps/0000.png: does not belong to this run");
        row("image-bmp-truncated", mask + list({"--image", "{tmp}/cut.bmp"}),
            "cut.bmp: truncated BMP \\(3840 bytes of pixel data, 12288 expected\\)");
        row("eval-nan-heads", list({"eval", "--run", "{tmp}/run-nan", "--quiet"}),
            "nut/test/[a-z]+/0[0-9][0-9]\\.png: its anomaly score is NaN \\(the run's heads or the backbone weights hold values");
        row("config-weights-emptied", list({"eval", "--run", "{tmp}/run-weights", "--quiet"}),
            "run-weights/config.json: backbone_weights is empty, but the run was trained with pretrained weights");
        // Arguments a careless or hostile user gives: each one line and exit 1, never the last value or usage.
        row("option-twice", trainOut + list({"--category", "screw"}), "option --category given twice \\('nut' and 'screw'\\)");
        row("option-value-is-help", list({"train", "--data", "{data}", "--out", "{tmp}/newrun", "--category", "-h"}),
            "option --category needs a value, got the option -h");
        row("option-value-is-option", list({"train", "--data", "{data}", "--category", "nut", "--out", "--quiet"}),
            "option --out needs a value, got the option --quiet");
        row("option-single-dash", trainOut + list({"-x"}), "unknown option -x \\(options start with --");
        row("option-value-is-short-option", list({"train", "--data", "-q", "--category", "nut", "--out", "{tmp}/newrun"}),
            "option --data needs a value, got the option -q");
        row("flag-twice", list({"eval", "--run", "{run}", "--quiet", "--quiet"}), "option --quiet given twice; give it once");
        row("option-unknown", trainOut + list({"--colour", "red"}), "unknown option --colour");
        row("argument-extra", list({"embed", "--image", "{png}", "--out", "{tmp}/e.safetensors", "stray"}),
            "unexpected argument 'stray'");
        row("threads-huge", trainOut + list({"--threads", "99999999999"}), "--threads 99999999999 is out of range");
        row("threads-text", trainOut + list({"--threads", "many"}), "--threads expects an integer, got 'many'");
        row("threads-negative-export", list({"export", "--run", "{run}", "--out", "{tmp}/exp", "--threads", "-5"}),
            "--threads must be 0 \\(all cores\\) or positive, got -5");
        row("threads-negative-score", list({"score", "--model", "{tmp}/exp/model.pt", "--images", "{png}", "--threads", "-5"}),
            "--threads must be 0 \\(all cores\\) or positive, got -5");
    }

    // A colour profile libpng complains about is metadata: the image is read, and no library line
    // reaches the terminal (issue 25: "libpng warning: iCCP: ..." beside our output).
    void libraryLinesNeverReachTheTerminal()
    {
        const Result r = runCli(expand(list({"mask", "--classical", "--image", "{tmp}/iccp.png", "--out", "{tmp}/iccp-mask.png"})));
        QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        QVERIFY2(r.errLines.isEmpty(), qPrintable(joined(r)));
        QVERIFY(QFile::remove(path(QStringLiteral("iccp-mask.png"))));
    }

    // A SAM 2 file found automatically that does not load (issue 25: once a crash of train --foreground on,
    // then dropped without a word): the run removes the background with the classical segmenter and the
    // command names the file and why.
    void brokenSam2FileIsNamed()
    {
        const QString dir = path(QStringLiteral("sam2dir"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(path(QStringLiteral("nested.pth")), dir + QStringLiteral("/sam2.1_hiera_tiny.pt")));
        qputenv("SAM2SIM_WEIGHTS_DIR", dir.toLocal8Bit());
        const Result r = runCli(expand(list({"train", "--data", "{data}", "--category", "nut", "--backbone", "mobilenet_v2",
                                             "--epochs", "1", "--quiet", "--foreground", "on", "--segmenter", "auto",
                                             "--out", "{tmp}/run-sam2"})),
                                300000);
        qunsetenv("SAM2SIM_WEIGHTS_DIR");
        QVERIFY2(r.exitCode == 0, qPrintable(joined(r)));
        const QString expected = QStringLiteral("train: warning: SAM 2 weights unusable: ") + dir
                                 + QStringLiteral("/sam2.1_hiera_tiny.pt: nesting deeper than 64 levels");
        QVERIFY2(std::any_of(r.errLines.begin(), r.errLines.end(), [&](const QString &l) { return l.startsWith(expected); }),
                 qPrintable(joined(r)));
        QVERIFY(QDir(path(QStringLiteral("run-sam2"))).removeRecursively());
        QVERIFY(QDir(dir).removeRecursively());
    }

    // A failed allocation inside LibTorch ("DefaultCPUAllocator: can't allocate memory: you tried to
    // allocate ...") is one line of ours: an embedding at 2048 px under a 3 GB address-space limit.
    void outOfMemoryIsOurLine()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("built with AddressSanitizer: its shadow memory needs far more address space than the 3 GB limit "
              "this test sets, so the program cannot start under it");
#endif
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OPENBLAS_NUM_THREADS"), QStringLiteral("1"));
        env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
        process.setProcessEnvironment(env);
        process.setChildProcessModifier([] {
            const rlimit limit{rlim_t(3) << 30, rlim_t(3) << 30};
            ::setrlimit(RLIMIT_AS, &limit);
        });
        process.start(qEnvironmentVariable("SAM2SIM_CLI"),
                      expand(list({"embed", "--image", "{png}", "--backbone", "mobilenet_v2", "--backbone-weights", "none",
                                   "--resize", "2048", "--image-size", "2048", "--threads", "1", "--out", "{tmp}/oom.safetensors"})));
        QVERIFY(process.waitForFinished(120000));
        const QStringList lines = QString::fromUtf8(process.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(process.exitCode(), 1);
        QCOMPARE(lines.size(), 2); // the not-pretrained warning and ours
        QVERIFY2(lines.back().startsWith(QStringLiteral("sam2sim embed: out of memory (could not allocate ")), qPrintable(lines.join(QLatin1Char('|'))));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("oom.safetensors"))));
    }

    void cases()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        QFile::remove(path(QStringLiteral("same.pdf")));
        const QMap<QString, QByteArray> before = snapshot(m_dir.path());
        writeAll(path(QStringLiteral("same.pdf")), "an earlier report\n");
        const QMap<QString, QByteArray> withPdf = snapshot(m_dir.path());
        const Result r = runCli(expand(args), 60000);
        QVERIFY2(r.exitCode == 1, qPrintable(QString::number(r.exitCode) + QStringLiteral(": ") + joined(r)));
        // Exactly one line that is not a warning or note, and it is ours.
        QStringList failures;
        for (const QString &line : r.errLines)
            if (!line.contains(QStringLiteral(": warning: ")) && !line.contains(QStringLiteral(": note: ")))
                failures << line;
        QVERIFY2(failures.size() == 1, qPrintable(joined(r)));
        QVERIFY2(failures.front().startsWith(QStringLiteral("sam2sim ")), qPrintable(joined(r)));
        QVERIFY2(QRegularExpression(error).match(failures.front()).hasMatch(), qPrintable(joined(r)));
        // Nothing that was there changed, and nothing new is left beside it.
        QCOMPARE(snapshot(m_dir.path()), withPdf);
        QFile::remove(path(QStringLiteral("same.pdf")));
        QCOMPARE(snapshot(m_dir.path()), before);
    }
};

QTEST_APPLESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
