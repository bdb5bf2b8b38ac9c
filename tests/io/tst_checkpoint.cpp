// Checkpoint reader: every torch.save format, safetensors round trip, hostile files.
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"
#include "engine/io/checkpoint_structure.h"

#include <ATen/ATen.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <utility>

namespace fs = std::filesystem;

class TestCheckpoint final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesTorchLoad_data();
    void matchesTorchLoad();
    void refusesCode();
    void badZipLayouts();
    void safetensorsRoundTrip();
    void hostileFiles_data();
    void hostileFiles();
    void truncatedEverywhere();
    void hugeSparseFilesRefusedFromTheirStructure();
    void sha256KnownVectors();

private:
    QTemporaryDir m_dir;
    bool m_havePython = false;
    QJsonObject m_refs;
    fs::path file(const char *name) const { return fs::path(m_dir.path().toStdString()) / name; }
};

void TestCheckpoint::initTestCase()
{
    const QString python = qEnvironmentVariable("SAM2SIM_PYTHON", QStringLiteral("/usr/bin/python3"));
    const QString script = qEnvironmentVariable("SAM2SIM_SOURCE_DIR") + QStringLiteral("/tests/io/make_checkpoints.py");
    QProcess p;
    p.start(python, {script, m_dir.path()});
    m_havePython = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!m_havePython) {
        qWarning("python3 with torch/torchvision not available (%s): torch.save fixtures skipped",
                 p.readAllStandardError().constData());
        return;
    }
    QFile refs(m_dir.filePath(QStringLiteral("refs.json")));
    QVERIFY(refs.open(QIODevice::ReadOnly));
    m_refs = QJsonDocument::fromJson(refs.readAll()).object();
}

void TestCheckpoint::matchesTorchLoad_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    for (const char *n : {"plain.pt", "resnet18.pth", "wrapped.pt", "mixed.pt", "cuda.pt", "simplenet_ckpt.pth"})
        QTest::newRow(n) << QString::fromLatin1(n) << int(s2s::CheckpointFormat::TorchZip);
    for (const char *n : {"legacy.pth", "legacy_views.pth"})
        QTest::newRow(n) << QString::fromLatin1(n) << int(s2s::CheckpointFormat::TorchLegacy);
}

void TestCheckpoint::matchesTorchLoad()
{
    if (!m_havePython)
        QSKIP("python3 with torch not available");
    QFETCH(QString, name);
    QFETCH(int, format);
    const auto ckpt = s2s::readCheckpoint(fs::path(m_dir.filePath(name).toStdString()));
    QCOMPARE(int(ckpt.format), format);
    const QJsonObject ref = m_refs.value(name).toObject();
    QCOMPARE(qsizetype(ckpt.tensors.size()), ref.size());
    int index = 0;
    for (const auto &[key, tensor] : ckpt.tensors) {
        const QJsonObject r = ref.value(QString::fromStdString(key)).toObject();
        QVERIFY2(!r.isEmpty(), key.c_str());
        QCOMPARE(ref.keys().size(), ref.size());
        std::vector<qint64> shape;
        for (const auto v : r.value(QStringLiteral("shape")).toArray())
            shape.push_back(v.toInteger());
        QCOMPARE(std::vector<qint64>(tensor.sizes().begin(), tensor.sizes().end()), shape);
        const double sum = tensor.to(at::kDouble).sum().item<double>();
        QVERIFY2(std::abs(sum - r.value(QStringLiteral("sum")).toDouble()) <= 1e-9 * (1 + std::abs(sum)), key.c_str());
        if (tensor.numel())
            QCOMPARE(tensor.reshape(-1)[0].to(at::kDouble).item<double>(), r.value(QStringLiteral("first")).toDouble());
        ++index;
    }
    if (name == QLatin1String("wrapped.pt"))
        QCOMPARE(ckpt.tensors.front().name, std::string("w")); // {"model": ...} unwrapped
    if (name == QLatin1String("simplenet_ckpt.pth"))
        QCOMPARE(ckpt.tensors.front().name, std::string("discriminator.body.block1.0.weight"));
    if (name == QLatin1String("mixed.pt")) {
        QCOMPARE(ckpt.tensors[0].tensor.scalar_type(), at::kHalf);
        QCOMPARE(ckpt.tensors[1].tensor.scalar_type(), at::kBFloat16);
        QVERIFY(at::equal(ckpt.tensors[3].tensor, ckpt.tensors[4].tensor.t()));
    }
}

void TestCheckpoint::refusesCode()
{
    if (!m_havePython)
        QSKIP("python3 with torch not available");
    try {
        s2s::readCheckpoint(file("evil.pt"));
        QFAIL("a pickle calling os.system was accepted");
    } catch (const s2s::Error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("refuses pickle global")), e.what());
    }
    QVERIFY(!fs::exists(file("pwned")));
}

void TestCheckpoint::badZipLayouts()
{
    if (!m_havePython)
        QSKIP("python3 with torch not available");
    const std::pair<const char *, const char *> cases[] = {
        {"bigver.pt", "malformed torch.save format version record"},
        {"newver.pt", "unsupported torch.save format version 99"},
        {"badver.pt", "malformed torch.save format version record"},
        {"nodir.pt", "top folder"},
        {"dupname.pt", "twice"},
        {"deflver.pt", "compressed version record"},
        {"bzip2.pt", "unsupported compression method"},
    };
    for (const auto &[name, expected] : cases) {
        try {
            s2s::readCheckpoint(file(name));
            QFAIL(name);
        } catch (const s2s::Error &e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(QString::fromLatin1(expected)) && msg.contains(QString::fromLatin1(name))
                         && !msg.contains(QLatin1Char('\n')),
                     e.what());
        }
    }
}

void TestCheckpoint::safetensorsRoundTrip()
{
    s2s::StateDict sd;
    sd.push_back({"f32", at::randn({3, 5})});
    sd.push_back({"f16", at::randn({4}).to(at::kHalf)});
    sd.push_back({"bf16", at::randn({2, 3}).to(at::kBFloat16)});
    sd.push_back({"u8", at::randint(0, 255, {9}, at::kByte)});
    sd.push_back({"i64", at::arange(7, at::kLong)});
    sd.push_back({"empty", at::empty({0, 3})});
    sd.push_back({"strided", at::randn({4, 6}).t()});
    s2s::writeSafetensors(file("rt.safetensors"), sd, {{"noise_sigma", "0.015"}});
    const auto back = s2s::readCheckpoint(file("rt.safetensors"));
    QCOMPARE(int(back.format), int(s2s::CheckpointFormat::Safetensors));
    QCOMPARE(back.metadata.at("noise_sigma"), std::string("0.015"));
    QCOMPARE(back.tensors.size(), sd.size());
    for (std::size_t i = 0; i < sd.size(); ++i) {
        QCOMPARE(back.tensors[i].name, sd[i].name);
        QVERIFY(at::equal(back.tensors[i].tensor, sd[i].tensor));
    }
    if (m_havePython) {
        // Cross-check the layout with an independent reader written in Python.
        QProcess p;
        p.start(qEnvironmentVariable("SAM2SIM_PYTHON", QStringLiteral("/usr/bin/python3")),
                {QStringLiteral("-c"),
                 QStringLiteral("import json,struct,sys\n"
                                "b=open(sys.argv[1],'rb').read(); n=struct.unpack('<Q',b[:8])[0]\n"
                                "h=json.loads(b[8:8+n]); assert (8+n)%8==0\n"
                                "import numpy as np\n"
                                "o=h['i64']['data_offsets']; print(int(np.frombuffer(b[8+n+o[0]:8+n+o[1]],'<i8').sum()))"),
                 QString::fromStdString(file("rt.safetensors").string())});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("21"));
    }
}

void TestCheckpoint::hostileFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero bytes") << QByteArray() << QStringLiteral("0 bytes");
    QTest::newRow("wrong magic") << QByteArray("GIF89a not a checkpoint at all") << QStringLiteral("not a checkpoint");
    QTest::newRow("zip without directory") << QByteArray("PK\x03\x04garbage", 11) << QStringLiteral("zip");
    QByteArray huge("\x80\x02\x8a\x0a", 4);
    huge += QByteArray("\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 11);
    huge += QByteArray("\x80\x02M\xe9\x03.", 6);
    huge += QByteArray("\x80\x02}.", 4);
    huge += QByteArray("\x80\x02X\xff\xff\xff\x7f", 8); // a string longer than the file
    QTest::newRow("legacy huge string") << huge << QStringLiteral("truncated");
    const QByteArray head = QByteArray(R"({"t":{"dtype":"F32","shape":[1000000000],"data_offsets":[0,4000000000]}})")
                                .leftJustified(80, ' ');
    QByteArray st(8, '\0');
    st[0] = char(head.size());
    st += head;
    QTest::newRow("safetensors bad offsets") << st << QStringLiteral("offsets outside");
    QByteArray badOp("\x80\x02\x8a\x0a", 4);
    badOp += QByteArray("\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 11);
    badOp += QByteArray("\x80\x02\xff", 3);
    QTest::newRow("unknown opcode") << badOp << QStringLiteral("opcode 0xff");

    // Issue 25: nesting that once overflowed the stack (building or destroying the tree recursed once per
    // level), a cycle, and shapes whose product wraps around.
    QByteArray legacyHead("\x80\x02\x8a\x0a", 4);
    legacyHead += QByteArray("\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 11);
    legacyHead += QByteArray("\x80\x02M\xe9\x03.", 6);
    QTest::newRow("legacy million nested tuples")
        << QByteArray(legacyHead + QByteArray("\x80\x02N", 3) + QByteArray(1000000, '\x85') + QByteArray("."))
        << QStringLiteral("nesting deeper than 64 levels");
    QTest::newRow("legacy nested lists") << QByteArray(legacyHead + QByteArray("\x80\x02", 2) + QByteArray(100000, ']')
                                                           + QByteArray(99999, 'a') + QByteArray("."))
                                         << QStringLiteral("nesting deeper than 64 levels");
    QTest::newRow("list holding itself") << QByteArray(legacyHead + QByteArray("\x80\x02]q\x00h\x00" "a.", 9))
                                         << QStringLiteral("self-referencing pickle structure");
    const auto safetensors = [](const QByteArray &json, const QByteArray &data) {
        const QByteArray head = json.leftJustified((json.size() + 7) / 8 * 8, ' ');
        QByteArray out(8, '\0');
        for (int k = 0; k < 8; ++k)
            out[k] = char((quint64(head.size()) >> (8 * k)) & 0xff);
        return QByteArray(out + head + data); // not a QStringBuilder of these locals
    };
    const QByteArray tensor(R"("t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]})");
    QTest::newRow("safetensors deep metadata")
        << safetensors(QByteArray("{\"__metadata__\":{\"a\":" + QByteArray(200000, '[') + QByteArray(200000, ']') + "},"
                                  + tensor + "}"),
                       QByteArray(4, '\0'))
        << QStringLiteral("nesting deeper than 64 levels");
    QTest::newRow("safetensors shape wraps")
        << safetensors(R"({"t":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}})", {})
        << QStringLiteral("tensor t is too large");
    QTest::newRow("safetensors shape as text")
        << safetensors(R"({"t":{"dtype":"F32","shape":["1"],"data_offsets":[0,4]}})", QByteArray(4, '\0'))
        << QStringLiteral("tensor t has an invalid shape");
    QTest::newRow("safetensors offsets as text")
        << safetensors(R"({"t":{"dtype":"F32","shape":[1],"data_offsets":"0-4"}})", QByteArray(4, '\0'))
        << QStringLiteral("tensor t has malformed data_offsets");
}

void TestCheckpoint::hostileFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const fs::path f = file("hostile.bin");
    s2s::writeFileAtomically(f, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    try {
        s2s::readCheckpoint(f);
        QFAIL("hostile file accepted");
    } catch (const s2s::Error &e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QVERIFY2(msg.startsWith(QString::fromStdString(f.string())), qPrintable(msg));
        QVERIFY(!msg.contains(QLatin1Char('\n')));
    }
}

void TestCheckpoint::truncatedEverywhere()
{
    if (!m_havePython)
        QSKIP("python3 with torch not available");
    for (const char *name : {"resnet18.pth", "legacy.pth", "wrapped.pt"}) {
        const std::string bytes = s2s::readFile(file(name));
        for (double frac : {0.001, 0.1, 0.5, 0.9, 0.999}) {
            const auto cut = static_cast<std::size_t>(static_cast<double>(bytes.size()) * frac);
            s2s::writeFileAtomically(file("cut.pt"), std::string_view(bytes.data(), cut));
            QVERIFY_THROWS_EXCEPTION(s2s::Error, s2s::readCheckpoint(file("cut.pt")));
        }
    }
}

// A 4 GB file (sparse: no disk used) whose head says torch zip or safetensors but whose structure does
// not hold: refused from the pages its structure lies on, without reading 4 GB into memory (issue 25: it
// once took 4.3 GB and 70 s before its one line).
void TestCheckpoint::hugeSparseFilesRefusedFromTheirStructure()
{
    constexpr qint64 kSize = qint64(4) << 30;
    const auto peakKb = [] {
        rusage usage{};
        ::getrusage(RUSAGE_SELF, &usage);
        return static_cast<qint64>(usage.ru_maxrss);
    };
    const std::string header = R"({"w":{"dtype":"F32","shape":[32,3,3,3],"data_offsets":[0,4294967000]}})";
    std::string safetensors(8, '\0');
    for (int k = 0; k < 8; ++k)
        safetensors[static_cast<std::size_t>(k)] = static_cast<char>((header.size() >> (8 * k)) & 0xff);
    const std::pair<const char *, std::string> heads[] = {
        {"sparse.pt", std::string("PK\x03\x04", 4)}, {"sparse.safetensors", safetensors + header}};
    const std::pair<const char *, const char *> expected[] = {
        {"sparse.pt", "not a valid zip archive (no end of central directory"},
        {"sparse.safetensors", "tensor w has 4294967000 bytes for its shape"}};
    for (int i = 0; i < 2; ++i) {
        const fs::path f = file(heads[i].first);
        {
            QFile out(QString::fromStdString(f.string()));
            QVERIFY(out.open(QIODevice::WriteOnly));
            QVERIFY(out.write(heads[i].second.data(), static_cast<qint64>(heads[i].second.size())) > 0);
            QVERIFY(out.resize(kSize - 1));
        }
        const qint64 before = peakKb();
        for (const bool whole : {false, true}) {
            try {
                whole ? (void)s2s::readCheckpoint(f) : s2s::checkCheckpointStructure(f);
                QFAIL("a sparse 4 GB file accepted");
            } catch (const s2s::Error &e) {
                QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String(expected[i].second)), e.what());
            }
        }
        // The peak resident size of this process grew by far less than the file (reading it whole: 4 GB).
        QVERIFY2(peakKb() - before < 512 * 1024, qPrintable(QString::number(peakKb() - before) + QStringLiteral(" KB")));
        fs::remove(f);
    }
}

void TestCheckpoint::sha256KnownVectors()
{
    s2s::writeFileAtomically(file("abc.txt"), "abc");
    QCOMPARE(s2s::sha256File(file("abc.txt")),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    s2s::writeFileAtomically(file("empty.txt"), "");
    QCOMPARE(s2s::sha256File(file("empty.txt")),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    const std::string million(1000000, 'a');
    s2s::writeFileAtomically(file("a.txt"), million);
    QCOMPARE(s2s::sha256File(file("a.txt")),
             std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

QTEST_APPLESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
