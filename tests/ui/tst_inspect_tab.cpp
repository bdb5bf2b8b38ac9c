// The studio's Inspect tab as the user sees it, offscreen: a run trained in the studio inspects a lot of
// new images; the table shows the engine's scores (and eval's scores.csv scores for test images), verdicts
// follow the threshold field at once, the counters say what the rows say, a corrupt file is a skipped row
// with its reason, and the saved lot folder says what the table says.
#include "isolated_settings.h"
#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/json_file.h"
#include "engine/data/synth_generator.h"
#include "engine/inspect/inspector.h"
#include "engine/pipeline/run_folder.h"
#include "ui/app/main_window.h"
#include "ui/app/settings.h"
#include "ui/inspect/inspect_image_view.h"
#include "ui/inspect/inspect_panel.h"
#include "ui/inspect/lot_table.h"
#include "ui/session/session_controller.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTimer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using s2s::ui::InspectPanel;

class TestInspectTab final : public QObject
{
    Q_OBJECT

public:
    TestInspectTab() { qputenv("QTEST_FUNCTION_TIMEOUT", "900000"); }

private Q_SLOTS:
    void initTestCase();
    void tableShowsTheEngineScores();
    void verdictsFollowTheThresholdField();
    void selectedRowShowsItsHeatmap();
    void savedLotMatchesTheTable();
    void watchedFolderRowsAppear();
    void anotherRunAppliesToTheNextLot();
    void cleanupTestCase();

private:
    struct TableRow
    {
        QString path;
        QString verdict;
        double score = 0.0;
        QString note;
    };
    std::vector<TableRow> tableRows() const; // in lot order, whatever the sort on screen
    InspectPanel *panel() const { return m_window->inspectPanel(); }

    QTemporaryDir m_dir;
    std::unique_ptr<s2s::ui::MainWindow> m_window;
    QString m_run;
    QString m_corrupt;
    QStringList m_lot;
};

void TestInspectTab::initTestCase()
{
    QVERIFY(m_dir.isValid());
    s2s::test::isolateSettings(m_dir.path() + QStringLiteral("/settings"));
    qputenv("SAM2SIM_NO_DIALOGS", "1");
    QApplication::setQuitOnLastWindowClosed(false);
    {
        s2s::ui::Settings settings;
        settings.setBackbone(QStringLiteral("mobilenet_v2"));
        settings.setBackboneWeights(QString());
        settings.setNoiseSigma(QString());
        settings.setLastRun(QString());
    }
    // A synthetic category (no shared data needed): small images, a short training.
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "demo";
    o.categories = {"nut"};
    o.size = 128;
    o.trainCount = 8;
    o.testGoodCount = 6;
    o.testDefectCount = 2;
    s2s::generateSynthDataset(o);
    m_window = std::make_unique<s2s::ui::MainWindow>();
    m_window->controller()->setAutosaveRoot(m_dir.filePath(QStringLiteral("kept")));
    m_window->show();
    QSignalSpy opened(m_window.get(), &s2s::ui::MainWindow::datasetOpened);
    m_window->openDataset(QString::fromStdString(o.out.string()));
    QVERIFY(opened.wait(30000));
    QTRY_VERIFY(m_window->controller()->category() != nullptr);

    auto *controller = m_window->controller();
    QSignalSpy shown(controller, &s2s::ui::SessionController::runShown);
    s2s::RunConfig c = controller->config();
    c.metaEpochs = 2;
    c.minSteps = 0;
    controller->train(c);
    QVERIFY(shown.wait(600000));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    // The run on screen is the one the Inspect tab works with.
    m_run = panel()->runFolder();
    QVERIFY(!m_run.isEmpty());
    QCOMPARE(m_run, controller->results()->runFolder);

    // The lot: the run's test images (their scores are in scores.csv) and one corrupt PNG.
    const s2s::RunSummary run = s2s::loadRunSummary(m_run.toStdString());
    QVERIFY(run.scores.size() >= 4);
    for (const auto &row : run.scores)
        m_lot << QString::fromStdString(row.path);
    m_corrupt = m_dir.filePath(QStringLiteral("broken.png"));
    QFile broken(m_corrupt);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("\x89PNG\r\n\x1a\nthis is no image at all");
    broken.close();
    m_lot << m_corrupt;

    m_window->tabs()->setCurrentWidget(panel());
    QSignalSpy finished(panel(), &InspectPanel::lotFinished);
    panel()->inspectPaths(m_lot);
    QVERIFY(finished.wait(300000));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->busy(), 30000);
}

std::vector<TestInspectTab::TableRow> TestInspectTab::tableRows() const
{
    QTableWidget *table = panel()->table();
    std::vector<TableRow> rows(static_cast<std::size_t>(table->rowCount()));
    for (int r = 0; r < table->rowCount(); ++r) {
        const int index = table->item(r, 0)->data(s2s::ui::LotTable::kLotRole).toInt();
        TableRow &row = rows.at(static_cast<std::size_t>(index));
        row.path = table->item(r, 0)->toolTip();
        row.score = table->item(r, 1)->data(s2s::ui::LotTable::kValueRole).toDouble();
        row.verdict = table->item(r, 2)->text();
        row.note = table->item(r, 4)->text();
    }
    return rows;
}

void TestInspectTab::tableShowsTheEngineScores()
{
    const std::vector<TableRow> rows = tableRows();
    QCOMPARE(rows.size(), static_cast<std::size_t>(m_lot.size()));

    // The engine, on its own, on the same images.
    s2s::Inspector inspector(m_run.toStdString());
    std::vector<fs::path> images;
    for (const QString &p : m_lot)
        images.push_back(p.toStdString());
    std::map<QString, s2s::InspectResult> engine;
    inspector.inspectLot(images, [&](s2s::InspectResult &&r) { engine[QString::fromStdString(r.path.string())] = std::move(r); });
    const s2s::RunSummary run = s2s::loadRunSummary(m_run.toStdString());
    std::map<QString, float> evalScores;
    for (const auto &row : run.scores)
        evalScores[QString::fromStdString(row.path)] = row.score;

    const double threshold = panel()->threshold().value;
    QCOMPARE(threshold, run.metrics.at("threshold").at("value").get<double>());
    int ok = 0, ng = 0, skipped = 0;
    for (const TableRow &row : rows) {
        const s2s::InspectResult &e = engine.at(row.path);
        if (!e.ok()) {
            ++skipped;
            QCOMPARE(row.path, m_corrupt);
            QCOMPARE(row.verdict, QStringLiteral("skipped"));
            QVERIFY2(row.note.contains(QStringLiteral("broken.png")) && !row.note.contains(QLatin1Char('\n')),
                     qPrintable(row.note));
            QCOMPARE(row.note, QString::fromStdString(e.error));
            continue;
        }
        QCOMPARE(row.score, static_cast<double>(e.score));
        const double expected = evalScores.at(row.path);
        QVERIFY2(std::abs(row.score - expected) <= 1e-4 * std::max(1e-6, std::abs(expected)),
                 qPrintable(QStringLiteral("%1: table %2, scores.csv %3").arg(row.path).arg(row.score).arg(expected)));
        const bool isNg = e.score >= threshold;
        QCOMPARE(row.verdict, isNg ? QStringLiteral("NG") : QStringLiteral("OK"));
        (isNg ? ng : ok) += 1;
    }
    QCOMPARE(skipped, 1);
    const QString counts = panel()->countsLabel()->text();
    QVERIFY2(counts.contains(QStringLiteral("OK %1 ").arg(ok)) && counts.contains(QStringLiteral("NG %1 ").arg(ng))
                 && counts.contains(QStringLiteral("skipped %1").arg(skipped)),
             qPrintable(counts));
}

void TestInspectTab::verdictsFollowTheThresholdField()
{
    std::vector<double> scores;
    for (const TableRow &row : tableRows())
        if (row.verdict != QStringLiteral("skipped"))
            scores.push_back(row.score);
    std::sort(scores.begin(), scores.end());
    const auto check = [this](double threshold, int expectNg) {
        int ng = 0, ok = 0;
        for (const TableRow &row : tableRows()) {
            if (row.verdict == QStringLiteral("skipped"))
                continue;
            const bool isNg = row.score >= threshold;
            QCOMPARE(row.verdict, isNg ? QStringLiteral("NG") : QStringLiteral("OK"));
            (isNg ? ng : ok) += 1;
        }
        QCOMPARE(ng, expectNg);
        const QString counts = panel()->countsLabel()->text();
        QVERIFY2(counts.contains(QStringLiteral("OK %1 ").arg(ok)) && counts.contains(QStringLiteral("NG %1 ").arg(ng)),
                 qPrintable(counts));
    };
    QLineEdit *field = panel()->thresholdEdit();
    // Typed as a user types: every row flips at once, no job runs (no scoring again).
    const double middle = (scores[scores.size() / 2 - 1] + scores[scores.size() / 2]) / 2.0;
    field->selectAll();
    QTest::keyClicks(field, QString::number(middle, 'g', 12));
    QVERIFY(!panel()->busy());
    check(panel()->threshold().value, static_cast<int>(scores.size() - scores.size() / 2));
    QCOMPARE(panel()->threshold().rule, std::string("value"));
    field->setText(QString::number(scores.back() + 1.0, 'g', 12));
    check(scores.back() + 1.0, 0);
    field->setText(QString::number(scores.front() - 1.0, 'g', 12));
    check(scores.front() - 1.0, static_cast<int>(scores.size()));
    field->setText(QString::number(middle, 'g', 17));
    QCOMPARE(panel()->threshold().value, middle);
}

void TestInspectTab::selectedRowShowsItsHeatmap()
{
    QTableWidget *table = panel()->table();
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 2)->text() == QStringLiteral("skipped"))
            continue;
        table->selectRow(r);
        QVERIFY(panel()->imageView()->showsHeatmap());
        const QString name = table->item(r, 0)->text();
        QVERIFY2(panel()->imageView()->infoText().contains(name), qPrintable(panel()->imageView()->infoText()));
        QVERIFY(panel()->imageView()->infoText().contains(table->item(r, 1)->text()));
        break;
    }
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 2)->text() != QStringLiteral("skipped"))
            continue;
        table->selectRow(r);
        QVERIFY(!panel()->imageView()->showsHeatmap());
        QVERIFY(panel()->imageView()->infoText().contains(QStringLiteral("broken.png")));
    }
}

void TestInspectTab::savedLotMatchesTheTable()
{
    // At a threshold typed by the user (rule "value"), between two scores of the lot.
    std::vector<double> scores;
    for (const TableRow &row : tableRows())
        if (row.verdict != QStringLiteral("skipped"))
            scores.push_back(row.score);
    std::sort(scores.begin(), scores.end());
    panel()->setThresholdValue((scores[scores.size() / 2 - 1] + scores[scores.size() / 2]) / 2.0);
    QCOMPARE(panel()->threshold().rule, std::string("value"));
    const QString out = m_dir.filePath(QStringLiteral("lot-a"));
    QSignalSpy saved(panel(), &InspectPanel::lotSaved);
    panel()->saveLot(out);
    QVERIFY(saved.wait(120000));
    QTRY_VERIFY(!panel()->busy());

    std::map<QString, TableRow> table;
    int ok = 0, ng = 0;
    for (const TableRow &row : tableRows()) {
        table[row.path] = row;
        ok += row.verdict == QStringLiteral("OK");
        ng += row.verdict == QStringLiteral("NG");
    }
    QFile csvFile(out + QStringLiteral("/verdicts.csv"));
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray text = csvFile.readAll();
    const auto records = s2s::parseCsv(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), "verdicts.csv");
    QVERIFY(!records.empty());
    QCOMPARE(records.front(), (std::vector<std::string>{"path", "score", "verdict", "threshold", "milliseconds",
                                                          "mask_source", "sha256"}));
    int rows = 0;
    for (std::size_t i = 1; i < records.size(); ++i) {
        const std::vector<std::string> &f = records[i];
        QCOMPARE(f.size(), std::size_t(7));
        const QString path = QString::fromStdString(f[0]);
        QVERIFY2(table.count(path) == 1, qPrintable(path));
        const TableRow &row = table.at(path);
        QCOMPARE(std::stof(f[1]), static_cast<float>(row.score)); // %.9g: the float exactly
        QCOMPARE(QString::fromStdString(f[2]), row.verdict);
        QCOMPARE(std::stod(f[3]), panel()->threshold().value);
        ++rows;
    }
    QCOMPARE(rows, ok + ng);
    const nlohmann::json lot = s2s::readJsonFile(fs::path(out.toStdString()) / "lot.json");
    QCOMPARE(lot.at("ok").get<int>(), ok);
    QCOMPARE(lot.at("ng").get<int>(), ng);
    QCOMPARE(lot.at("rule").get<std::string>(), std::string("value"));
    QCOMPARE(lot.at("skipped").size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(lot.at("skipped").at(0).at("path").get<std::string>()), m_corrupt);
    const QString counts = panel()->countsLabel()->text();
    QVERIFY2(counts.contains(QStringLiteral("NG %1 ").arg(ng)), qPrintable(counts));

    // The lot report, as `sam2sim inspect --report` writes it.
    const QString pdf = m_dir.filePath(QStringLiteral("lot-a.pdf"));
    QSignalSpy written(panel(), &InspectPanel::reportWritten);
    panel()->exportLotReport(pdf);
    QVERIFY(written.wait(120000));
    QTRY_VERIFY(!panel()->busy());
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
}

void TestInspectTab::watchedFolderRowsAppear()
{
    const QString watched = m_dir.filePath(QStringLiteral("camera"));
    QVERIFY(QDir().mkpath(watched));
    QSignalSpy finished(panel(), &InspectPanel::lotFinished);
    panel()->startWatch(watched);
    QVERIFY(panel()->watching());
    QTRY_COMPARE(panel()->table()->rowCount(), 0);
    // Two test images arrive: one copied straight in (QFile::copy writes a "#NNN" temporary beside
    // its target and renames it: a temporary name the watch ignores), one written elsewhere and
    // renamed in; then a corrupt file.
    const s2s::RunSummary run = s2s::loadRunSummary(m_run.toStdString());
    const QString staging = m_dir.filePath(QStringLiteral("staging"));
    QVERIFY(QDir().mkpath(staging));
    std::map<QString, float> expected;
    for (std::size_t i = 0; i < 2; ++i) {
        const QString source = QString::fromStdString(run.scores[i].path);
        const QString name = QStringLiteral("arrival_%1.%2").arg(i).arg(QFileInfo(source).suffix());
        if (i == 0) {
            QVERIFY(QFile::copy(source, watched + QLatin1Char('/') + name));
        } else {
            QVERIFY(QFile::copy(source, staging + QLatin1Char('/') + name));
            QVERIFY(QFile::rename(staging + QLatin1Char('/') + name, watched + QLatin1Char('/') + name));
        }
        expected[watched + QLatin1Char('/') + name] = run.scores[i].score;
    }
    QTRY_COMPARE_WITH_TIMEOUT(panel()->table()->rowCount(), 2, 120000);
    QFile glitch(watched + QStringLiteral("/glitch.png"));
    QVERIFY(glitch.open(QIODevice::WriteOnly));
    glitch.write("\x89PNG\r\n\x1a\nhalf an image that never ends");
    glitch.close();
    // Unchanged for the watch's corrupt-after time and still no image: a skipped row, with its reason.
    QTRY_COMPARE_WITH_TIMEOUT(panel()->table()->rowCount(), 3, 60000);
    for (const TableRow &row : tableRows()) {
        if (row.path.endsWith(QStringLiteral("glitch.png"))) {
            QCOMPARE(row.verdict, QStringLiteral("skipped"));
            QVERIFY2(row.note.contains(QStringLiteral("glitch.png")), qPrintable(row.note));
            continue;
        }
        QVERIFY2(expected.count(row.path) == 1, qPrintable(row.path));
        const double want = expected.at(row.path);
        QVERIFY2(std::abs(row.score - want) <= 1e-4 * std::max(1e-6, std::abs(want)),
                 qPrintable(QStringLiteral("%1: watch %2, scores.csv %3").arg(row.path).arg(row.score).arg(want)));
        QCOMPARE(row.verdict, row.score >= panel()->threshold().value ? QStringLiteral("NG") : QStringLiteral("OK"));
    }
    QVERIFY2(panel()->countsLabel()->text().contains(QStringLiteral("skipped 1")), qPrintable(panel()->countsLabel()->text()));
    // Closing the window while the watch runs asks first; "Keep working" keeps window and watch.
    QString question;
    QTimer::singleShot(300, this, [&question] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        question = box->text();
        for (QAbstractButton *b : box->buttons())
            if (b->text() == QStringLiteral("Keep working"))
                b->click();
    });
    QVERIFY(!m_window->close());
    QVERIFY2(question.contains(QStringLiteral("being watched (inspected so far: 3)")), qPrintable(question));
    QVERIFY(panel()->watching());
    panel()->stopWatch();
    QVERIFY(finished.wait(30000));
    QTRY_VERIFY(!panel()->busy());
    QVERIFY(!panel()->watching());
    QCOMPARE(panel()->table()->rowCount(), 3);
}

void TestInspectTab::anotherRunAppliesToTheNextLot()
{
    // Another run arrives while a lot is on screen (a retraining, File > Open run): the lot keeps the
    // threshold of the run that scored it; the next lot is inspected with the new run at its threshold.
    const fs::path run2 = fs::path(m_dir.path().toStdString()) / "run2";
    fs::copy(m_run.toStdString(), run2, fs::copy_options::recursive);
    nlohmann::json metrics = s2s::readJsonFile(run2 / "metrics.json");
    const double shifted = metrics.at("threshold").at("value").get<double>() + 0.5;
    metrics["threshold"]["value"] = shifted;
    s2s::writeFileAtomically(run2 / "metrics.json", s2s::jsonText(metrics) + "\n");
    const std::vector<TableRow> before = tableRows();
    const double threshold = panel()->threshold().value;
    panel()->setRunFolder(QString::fromStdString(run2.string()));
    QCOMPARE(panel()->threshold().value, threshold);
    QCOMPARE(tableRows().size(), before.size());
    for (std::size_t i = 0; i < before.size(); ++i)
        QCOMPARE(tableRows()[i].verdict, before[i].verdict);
    QSignalSpy finished(panel(), &InspectPanel::lotFinished);
    panel()->inspectPaths({m_lot.front()});
    QVERIFY(finished.wait(120000));
    QCOMPARE(panel()->threshold().value, shifted);
    QCOMPARE(panel()->thresholdEdit()->text().toDouble(), QString::number(shifted, 'g', 7).toDouble());
    QCOMPARE(panel()->table()->rowCount(), 1);
}

void TestInspectTab::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(TestInspectTab)
#include "tst_inspect_tab.moc"
