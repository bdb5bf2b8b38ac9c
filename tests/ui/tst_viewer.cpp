// The studio's review loop, offscreen, on a small demo category: the heatmap viewer (selection in sync
// with the list and its filters, navigation keys wherever the focus is, fit/1:1, the colour bar,
// composites under pseudo-background maps), the feedback of a cancelled training (bar text, loss
// curves), empty and single-point charts, and the layouts at 1024x700.
#include "isolated_settings.h"
#include "engine/background/compositor.h"
#include "engine/data/synth_generator.h"
#include "engine/io/image_io.h"
#include "engine/pipeline/image_preparer.h"
#include "ui/panels/compositing_panel.h"
#include "ui/panels/dataset_browser.h"
#include "ui/panels/evaluation_panel.h"
#include "ui/viewer/heatmap_viewer.h"
#include "ui/common/image_utils.h"
#include "ui/app/main_window.h"
#include "ui/common/qcustomplot_include.h"
#include "ui/session/session_controller.h"
#include "ui/app/settings.h"
#include "ui/panels/training_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <filesystem>

namespace fs = std::filesystem;
using namespace s2s::ui;

class TestViewer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyChartsHaveNoLegendAndUnitAxes();
    void startShowsTheSelectedTopRow();
    void navigationKeysWorkFromTheViewAndTheList();
    void filtersKeepSelectionAndViewInSync();
    void fitAndOneToOne();
    void colourBarShowsTheMapScale();
    void everyVerdictHasItsRegionAndTheScoreItsMark();
    void sortingKeepsTheSelectedRowInView();
    void pseudoBackgroundMapsLieOverTheComposite();
    void cancelShowsCancellingThenCancelledAndKeepsTheCurves();
    void singlePointLossPlotHasASaneAxis();
    void oneCancelButtonOnTheTrainingTab();
    void layoutsFit1024x700();
    void compositingFolderHasBrowseAndPreviewKeepsItsSize();

private:
    QString statusOf(int testIndex) const;
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestViewer::initTestCase()
{
    s2s::test::isolateSettings(m_dir.path() + QStringLiteral("/settings"));
    qputenv("SAM2SIM_NO_DIALOGS", "1");
    Settings settings;
    settings.setBackbone(QStringLiteral("mobilenet_v2"));
    settings.setBackboneWeights(QString());
    s2s::SynthOptions o;
    o.out = fs::path(m_dir.path().toStdString()) / "demo";
    o.categories = {"nut"};
    o.size = 128;
    o.trainCount = 8;
    o.testGoodCount = 4;
    o.testDefectCount = 2;
    s2s::generateSynthDataset(o);
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1280, 800);
    m_window->show();
    QSignalSpy opened(m_window.get(), &MainWindow::datasetOpened);
    m_window->openDataset(QString::fromStdString(o.out.string()));
    QVERIFY(opened.wait(30000));
    QTRY_VERIFY(m_window->controller()->category() != nullptr);
}

void TestViewer::emptyChartsHaveNoLegendAndUnitAxes()
{
    // Before any training: no legend on the ROC plot (an empty box otherwise), the AUROC axis 0..1,
    // the ROC axes use the plot's width.
    auto *panel = m_window->evaluationPanel();
    panel->resize(700, 600);
    QVERIFY(!panel->rocLegendShown());
    QVERIFY(!panel->sigmaPlot()->legend->visible());
    QCOMPARE(panel->sigmaPlot()->yAxis->range().lower, 0.0);
    QVERIFY(panel->sigmaPlot()->yAxis->range().upper <= 1.02);
    QCOMPARE(m_window->viewer()->currentIndex(), -1);
    QVERIFY(!m_window->viewer()->showsHeatmap());

    // Train once for the rest of the tests.
    auto *controller = m_window->controller();
    QSignalSpy results(controller, &SessionController::resultsChanged);
    m_window->startTraining();
    QVERIFY(results.wait(400000));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QVERIFY(panel->rocLegendShown());
    QVERIFY(panel->rocPlot()->legend->itemCount() >= 2);
    QVERIFY(panel->sigmaPlot()->legend->visible());
}

QString TestViewer::statusOf(int testIndex) const
{
    const auto &r = m_window->controller()->results();
    const auto &img = r->evaluation.images.at(static_cast<std::size_t>(testIndex));
    const bool anomalous = img.score >= m_window->controller()->threshold();
    if (img.record.label)
        return anomalous ? QStringLiteral("TP") : QStringLiteral("FN");
    return anomalous ? QStringLiteral("FP") : QStringLiteral("TN");
}

void TestViewer::startShowsTheSelectedTopRow()
{
    HeatmapViewer *viewer = m_window->viewer();
    QTableWidget *list = viewer->list();
    QVERIFY(list->rowCount() > 2);
    // The image on screen is the selected row, and that row is the top one (highest score).
    QCOMPARE(list->currentRow(), 0);
    QCOMPARE(viewer->selectedTestIndex(), viewer->currentIndex());
    QVERIFY(viewer->showsHeatmap());
    const int top = viewer->currentIndex();
    viewer->next();
    QCOMPARE(list->currentRow(), 1); // → moves to the second row, not back to the top
    QVERIFY(viewer->currentIndex() != top);
    QCOMPARE(viewer->selectedTestIndex(), viewer->currentIndex());
    viewer->previous();
    QCOMPARE(viewer->currentIndex(), top);
}

void TestViewer::navigationKeysWorkFromTheViewAndTheList()
{
    HeatmapViewer *viewer = m_window->viewer();
    QTabWidget *tabs = m_window->findChild<QTabWidget *>();
    tabs->setCurrentWidget(viewer);
    QTableWidget *list = viewer->list();
    list->setCurrentCell(0, 0);
    // The zoomed view has focus: ← and → change the image, they do not pan.
    viewer->view()->scale(3, 3);
    viewer->view()->setFocus();
    QTest::keyClick(viewer->view(), Qt::Key_Right);
    QCOMPARE(list->currentRow(), 1);
    QCOMPARE(viewer->selectedTestIndex(), viewer->currentIndex());
    QTest::keyClick(viewer->view(), Qt::Key_N);
    QCOMPARE(list->currentRow(), 2);
    QTest::keyClick(viewer->view(), Qt::Key_Left);
    QCOMPARE(list->currentRow(), 1);
    QTest::keyClick(viewer->view(), Qt::Key_BracketLeft);
    QCOMPARE(list->currentRow(), 0);
    QTest::keyClick(viewer->view()->viewport(), Qt::Key_Right); // a click in the image focuses the viewport
    QCOMPARE(list->currentRow(), 1);
    // The list has focus: → and ← move between rows (not between columns).
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Right);
    QCOMPARE(list->currentRow(), 2);
    QTest::keyClick(list, Qt::Key_Left);
    QCOMPARE(list->currentRow(), 1);
    QCOMPARE(viewer->selectedTestIndex(), viewer->currentIndex());
}

void TestViewer::filtersKeepSelectionAndViewInSync()
{
    HeatmapViewer *viewer = m_window->viewer();
    auto *controller = m_window->controller();
    const auto &r = controller->results();
    // Every image flagged: normal images are FP, anomalous ones TP.
    float lowest = r->evaluation.images.front().score;
    for (const auto &img : r->evaluation.images)
        lowest = std::min(lowest, img.score);
    controller->setThreshold(lowest, QStringLiteral("manual"));
    viewer->setFilter(QStringLiteral("all"));
    int tp = -1;
    for (int i = 0; i < static_cast<int>(r->evaluation.images.size()); ++i)
        if (statusOf(i) == QLatin1String("TP"))
            tp = i;
    QVERIFY(tp >= 0);
    viewer->showImage(tp);
    QCOMPARE(viewer->currentIndex(), tp);
    QCOMPARE(viewer->selectedTestIndex(), tp);
    // "False positives": the TP image is not in the list, so it is not on screen either.
    viewer->setFilter(QStringLiteral("FP"));
    QVERIFY(viewer->list()->rowCount() > 0);
    QVERIFY(viewer->currentIndex() != tp);
    QCOMPARE(viewer->selectedTestIndex(), viewer->currentIndex());
    QCOMPARE(statusOf(viewer->currentIndex()), QStringLiteral("FP"));
    QCOMPARE(viewer->list()->currentRow(), 0);
    // A threshold above every score: no false positive left, nothing on screen.
    float highest = lowest;
    for (const auto &img : r->evaluation.images)
        highest = std::max(highest, img.score);
    controller->setThreshold(highest + 1.0, QStringLiteral("manual"));
    QCOMPARE(viewer->list()->rowCount(), 0);
    QCOMPARE(viewer->currentIndex(), -1);
    QVERIFY(!viewer->showsHeatmap());
    // Showing an image the filter hides brings the whole list back, with that image selected.
    viewer->showImage(tp);
    QCOMPARE(viewer->currentIndex(), tp);
    QCOMPARE(viewer->selectedTestIndex(), tp);
    QVERIFY(viewer->list()->rowCount() == static_cast<int>(r->evaluation.images.size()));
    controller->setThreshold(r->evaluation.metrics.f1Threshold, QStringLiteral("F1-max"));
    QCOMPARE(viewer->selectedTestIndex(), tp); // a threshold change keeps the image on screen
}

void TestViewer::fitAndOneToOne()
{
    HeatmapViewer *viewer = m_window->viewer();
    viewer->actualSize();
    QCOMPARE(viewer->view()->zoom(), 1.0);
    QVERIFY(!viewer->view()->fitsAll());
    viewer->fitToView();
    QVERIFY(viewer->view()->fitsAll());
    const QRectF shown = viewer->view()->mapToScene(viewer->view()->viewport()->rect()).boundingRect();
    QVERIFY(shown.contains(viewer->view()->sceneRect().adjusted(1, 1, -1, -1)));
    viewer->view()->setFocus();
    QTest::keyClick(viewer->view(), Qt::Key_1);
    QCOMPARE(viewer->view()->zoom(), 1.0);
    QTest::keyClick(viewer->view(), Qt::Key_F);
    QVERIFY(viewer->view()->fitsAll());
}

void TestViewer::colourBarShowsTheMapScale()
{
    HeatmapViewer *viewer = m_window->viewer();
    QVERIFY(viewer->colorBar()->isVisible());
    float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
    for (const auto &m : m_window->controller()->results()->maps)
        for (float v : m.values) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    QCOMPARE(viewer->colorBar()->low(), lo);
    QCOMPARE(viewer->colorBar()->high(), hi);
    const QImage ramp = colormapRamp(QStringLiteral("inferno"));
    QCOMPARE(ramp.height(), 256);
    QVERIFY(ramp.pixelColor(0, 0).lightness() > ramp.pixelColor(0, 255).lightness()); // high scores on top
}

void TestViewer::everyVerdictHasItsRegionAndTheScoreItsMark()
{
    // Issue 26: an image at exactly the threshold was "anomalous" with no region drawn, and a score
    // above the colour bar's range had no mark (the map is smoothed, the score is the patch maximum).
    HeatmapViewer *viewer = m_window->viewer();
    auto *controller = m_window->controller();
    const auto &images = controller->results()->evaluation.images;
    const double before = controller->threshold();
    const QString rule = controller->thresholdRule();
    const s2s::ui::ThresholdRule spec = controller->thresholdRuleSpec();
    for (std::size_t at = 0; at < images.size(); ++at) {
        controller->setThreshold(images[at].score, QStringLiteral("at image %1").arg(at));
        for (std::size_t i = 0; i < images.size(); ++i) {
            viewer->showImage(static_cast<int>(i));
            const bool anomalous = images[i].score >= images[at].score;
            QVERIFY2(viewer->predictedRegion().isEmpty() != anomalous,
                     qPrintable(QStringLiteral("image %1 (score %2) at threshold %3: region %4")
                                    .arg(i)
                                    .arg(images[i].score)
                                    .arg(images[at].score)
                                    .arg(viewer->predictedRegion().isEmpty() ? QStringLiteral("none") : QStringLiteral("drawn"))));
            const ColorBar *bar = viewer->colorBar();
            if (images[i].score > bar->high())
                QCOMPARE(bar->topNote(), QStringLiteral("\u25b2 %1").arg(images[i].score, 0, 'f', 3));
            else
                QCOMPARE(bar->topNote(), QStringLiteral("score"));
            // 128-px images, resized to 329 and cropped to 288: the frame outside the crop is marked.
            const QRectF frame = viewer->unscoredFrame().boundingRect();
            QCOMPARE(frame.size(), QSizeF(viewer->shownImage().size()));
            QVERIFY(!viewer->unscoredFrame().contains(QPointF(frame.center())));
        }
    }
    bool above = false;
    for (const auto &img : images)
        above = above || img.score > viewer->colorBar()->high();
    QVERIFY2(above, "no image scores above the smoothed maps' range: the top note was not exercised");
    controller->setThreshold(before, rule, spec);
}

void TestViewer::sortingKeepsTheSelectedRowInView()
{
    // Issue 26: after sorting, the selected row had scrolled out of view.
    HeatmapViewer *viewer = m_window->viewer();
    QTableWidget *list = viewer->list();
    // The fixture's six rows all fit a full-height list: two rows' height makes the sort move them out.
    const int minimum = list->minimumHeight(), maximum = list->maximumHeight();
    list->setFixedHeight(list->horizontalHeader()->height() + 2 * list->verticalHeader()->defaultSectionSize() + 4);
    QTRY_VERIFY(list->viewport()->height() < 3 * list->verticalHeader()->defaultSectionSize());
    const auto inView = [list] {
        const QRect rect = list->visualItemRect(list->currentItem());
        return list->viewport()->rect().contains(rect.center());
    };
    for (const int column : {3, 0, 3, 1}) { // score, index, score, image
        for (int order = 0; order < 2; ++order) {
            viewer->showImage(static_cast<int>(m_window->controller()->results()->evaluation.images.size()) - 1);
            QVERIFY(list->currentItem());
            list->horizontalHeader()->setSortIndicator(column, order ? Qt::DescendingOrder : Qt::AscendingOrder);
            QTRY_VERIFY2(inView(), qPrintable(QStringLiteral("column %1, order %2: row %3 not in view")
                                                  .arg(column)
                                                  .arg(order)
                                                  .arg(list->currentRow())));
        }
    }
    list->setMinimumHeight(minimum);
    list->setMaximumHeight(maximum);
}

void TestViewer::pseudoBackgroundMapsLieOverTheComposite()
{
    HeatmapViewer *viewer = m_window->viewer();
    auto *controller = m_window->controller();
    const QString family = QString::fromStdString(s2s::proceduralFamilies().front());
    auto *compositing = m_window->findChild<CompositingPanel *>();
    compositing->setSource(family);
    QSignalSpy pseudo(controller, &SessionController::pseudoResultsChanged);
    Q_EMIT compositing->evaluateRequested();
    QVERIFY(pseudo.wait(400000));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), 60000);
    QVERIFY(controller->pseudoResults().has_value());
    // The outcome shows where it was asked for, with a link to the details.
    const QString summary = compositing->evaluationSummary();
    QVERIFY2(summary.contains(QStringLiteral("image AUROC %1").arg(controller->pseudoResults()->evaluation.metrics.imageAuroc, 0, 'f', 3)),
             qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("href=\"#evaluation\"")), qPrintable(summary));
    // Four ROC entries on a plot as narrow as at 1024x700 (its minimum width): each is whole inside the
    // plot (the pseudo entries lost their digits there).
    QCustomPlot *roc = m_window->evaluationPanel()->rocPlot();
    auto *tabs = m_window->findChild<QTabWidget *>();
    QWidget *shownTab = tabs->currentWidget();
    tabs->setCurrentWidget(m_window->evaluationPanel()); // a hidden plot is not laid out again
    const int minWidth = roc->minimumWidth(), maxWidth = roc->maximumWidth();
    roc->setFixedWidth(minWidth);
    QTRY_COMPARE(roc->viewport().width(), minWidth);
    QTRY_COMPARE(roc->legend->itemCount(), 4);
    for (int pass = 0; pass < 2; ++pass) { // the legend settles its columns after a layout
        roc->replot();
        QCoreApplication::processEvents();
    }
    for (int i = 0; i < roc->legend->itemCount(); ++i) {
        const QRect item = roc->legend->item(i)->outerRect();
        auto *entry = qobject_cast<QCPPlottableLegendItem *>(roc->legend->item(i));
        QVERIFY2(item.right() < roc->viewport().width(),
                 qPrintable(QStringLiteral("%1: %2..%3 of %4").arg(entry ? entry->plottable()->name() : QString()).arg(item.left()).arg(item.right()).arg(roc->viewport().width())));
        QVERIFY(item.width() >= roc->legend->item(i)->minimumOuterSizeHint().width());
    }
    roc->setMinimumWidth(minWidth);
    roc->setMaximumWidth(maxWidth);
    tabs->setCurrentWidget(shownTab);
    const int index = viewer->currentIndex();
    const QImage original = viewer->shownImage();
    viewer->setPseudo(true);
    QCOMPARE(viewer->currentIndex(), index); // the same image, now as it was scored
    const QImage shown = viewer->shownImage().convertToFormat(QImage::Format_RGB888);
    QVERIFY(viewer->showsHeatmap());
    // The base image is the composite the evaluation scored, pixel for pixel, not the original file.
    const auto &p = *controller->pseudoResults();
    QVERIFY(p.preparation && p.preparation->composite);
    s2s::PreparationSpec spec = *p.preparation;
    spec.removeBackground = false;
    s2s::ImagePreparer preparer(spec, p.maskCacheDir);
    const QImage expected = toQImage(preparer.prepare(p.evaluation.images.at(static_cast<std::size_t>(index)).record))
                                .convertToFormat(QImage::Format_RGB888);
    QCOMPARE(shown.size(), expected.size());
    QVERIFY(shown == expected);
    QVERIFY(shown != original.convertToFormat(QImage::Format_RGB888));
    viewer->setPseudo(false);
    QVERIFY(viewer->shownImage().convertToFormat(QImage::Format_RGB888) == original.convertToFormat(QImage::Format_RGB888));
}

void TestViewer::cancelShowsCancellingThenCancelledAndKeepsTheCurves()
{
    auto *controller = m_window->controller();
    TrainingPanel *training = m_window->trainingPanel();
    QTabWidget *tabs = m_window->findChild<QTabWidget *>();
    tabs->setCurrentWidget(training);
    const int shownPoints = training->curvePointCount();
    QVERIFY(shownPoints > 0);
    s2s::RunConfig c = controller->config();
    c.metaEpochs = 500;
    c.minSteps = 0;
    QSignalSpy progress(controller, &SessionController::trainProgress);
    controller->train(c); // features cached: its points would be drawn over the curves on screen
    QVERIFY(progress.wait(240000));
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 60000);
    QPushButton *cancel = nullptr;
    for (auto *b : training->findChildren<QPushButton *>())
        if (b->text() == QLatin1String("Cancel"))
            cancel = b;
    QVERIFY(cancel && cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY2(training->progressText().startsWith(QStringLiteral("cancelling")), qPrintable(training->progressText()));
    // The job's end reaches the panel through queued signals after the future has stopped.
    QTRY_VERIFY2_WITH_TIMEOUT(training->progressText().startsWith(QStringLiteral("cancelled")), qPrintable(training->progressText()), 60000);
    QVERIFY(!training->progressText().contains(QStringLiteral("epoch")));
    // The curves are those of the results on screen again, without the cancelled run's points.
    QTRY_COMPARE(training->curvePointCount(), shownPoints);
}

void TestViewer::singlePointLossPlotHasASaneAxis()
{
    TrainingPanel *training = m_window->trainingPanel();
    training->resetCurves();
    QCOMPARE(training->lossPlot()->yAxis->range().lower, 0.0);
    QCOMPARE(training->lossPlot()->yAxis->range().upper, 1.0);
    s2s::TrainProgress p;
    p.epoch = p.epochs = 1;
    p.step = 1;
    p.steps = 64;
    p.done = 1;
    p.total = 64;
    p.loss = 0.7;
    training->addTrainProgress(p);
    const QCPRange x = training->lossPlot()->xAxis->range(), y = training->lossPlot()->yAxis->range();
    QCOMPARE(x.lower, 0.0);
    QCOMPARE(x.upper, 64.0);
    QVERIFY2(y.lower < 0.7 && y.upper > 0.7 && y.size() < 0.2, qPrintable(QStringLiteral("%1..%2").arg(y.lower).arg(y.upper)));
    training->setBusy(false); // a job that ended without results: the point goes
    QCOMPARE(training->curvePointCount(), 0);
}

void TestViewer::oneCancelButtonOnTheTrainingTab()
{
    auto *controller = m_window->controller();
    QTabWidget *tabs = m_window->findChild<QTabWidget *>();
    tabs->setCurrentWidget(m_window->trainingPanel());
    s2s::RunConfig c = controller->config();
    c.metaEpochs = 500;
    c.minSteps = 0;
    controller->train(c);
    QTRY_VERIFY_WITH_TIMEOUT(controller->busy(), 10000);
    const auto visibleCancels = [&] {
        int n = 0;
        for (auto *b : m_window->findChildren<QPushButton *>())
            if (b->text() == QLatin1String("Cancel") && b->isVisible())
                ++n;
        return n;
    };
    QCOMPARE(visibleCancels(), 1);
    tabs->setCurrentWidget(m_window->viewer()); // elsewhere the status bar offers it
    QCOMPARE(visibleCancels(), 1);
    QVERIFY(m_window->statusBar()->findChild<QProgressBar *>()->isVisible());
    controller->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(visibleCancels(), 0, 60000); // the end of the job arrives queued
}

void TestViewer::layoutsFit1024x700()
{
    QTabWidget *tabs = m_window->findChild<QTabWidget *>();
    m_window->resize(1024, 700);
    for (int t = 0; t < tabs->count(); ++t) {
        tabs->setCurrentIndex(t);
        QApplication::processEvents();
        const QSize min = m_window->minimumSizeHint();
        QVERIFY2(min.width() <= 1024 && min.height() <= 700,
                 qPrintable(QStringLiteral("%1: %2x%3").arg(tabs->tabText(t)).arg(min.width()).arg(min.height())));
        QTRY_COMPARE(m_window->width(), 1024);
    }
    // The viewer: every column readable (Verdict and Outcome inside the list), a usable opacity slider.
    tabs->setCurrentWidget(m_window->viewer());
    QApplication::processEvents();
    QTableWidget *list = m_window->viewer()->list();
    for (int c : {4, 5}) {
        const int right = list->horizontalHeader()->sectionViewportPosition(c) + list->horizontalHeader()->sectionSize(c);
        QVERIFY2(right <= list->viewport()->width(), qPrintable(QStringLiteral("column %1 ends at %2 of %3").arg(c).arg(right).arg(list->viewport()->width())));
        QVERIFY(list->horizontalHeader()->sectionSize(c) >= list->horizontalHeader()->sectionSizeHint(c));
    }
    QVERIFY(m_window->viewer()->findChild<QSlider *>()->width() >= 90);
    // The category table needs no sideways scroll.
    auto *categories = m_window->browser()->findChild<QTreeWidget *>();
    QVERIFY(categories->header()->length() <= categories->viewport()->width());
    m_window->resize(1280, 800);
}

void TestViewer::compositingFolderHasBrowseAndPreviewKeepsItsSize()
{
    auto *compositing = m_window->findChild<CompositingPanel *>();
    QTabWidget *tabs = m_window->findChild<QTabWidget *>();
    tabs->setCurrentWidget(compositing);
    compositing->setSource(QString::fromStdString(s2s::proceduralFamilies().front()));
    QVERIFY(!compositing->folderEdit()->isEnabled());
    QVERIFY(!compositing->browseButton()->isEnabled());
    compositing->setImage(QString::fromStdString(m_window->controller()->results()->evaluation.images.front().record.image.string()));
    QTRY_VERIFY_WITH_TIMEOUT(!compositing->preview()->pixmap().isNull(), 30000);
    const QSize before = compositing->preview()->size();
    for (const auto &family : s2s::proceduralFamilies()) {
        compositing->setSource(QString::fromStdString(family));
        QTest::qWait(300);
        QCOMPARE(compositing->preview()->size(), before);
    }
    compositing->setSource(m_dir.path()); // a folder: the field and its Browse button are enabled
    QVERIFY(compositing->folderEdit()->isEnabled());
    QVERIFY(compositing->browseButton()->isEnabled());
    QCOMPARE(compositing->source(), m_dir.path());
    QTest::qWait(300);
    QCOMPARE(compositing->preview()->size(), before);
}

QTEST_MAIN(TestViewer)
#include "tst_viewer.moc"
