#include "ui/app/studio_app.h"

#include "engine/core/threads.h"
#include "resources/app_resources.h"
#include "ui/app/main_window.h"
#include "ui/session/session_controller.h"
#include "ui/app/settings.h"
#include "ui/panels/training_panel.h"

#include <clocale>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTabWidget>
#include <QThread>
#include <QTimer>

namespace s2s::ui {

namespace {

// Saves a PNG of every tab (for the README and for checking the UI by eye), then quits.
void grabAllTabs(MainWindow &window, const QString &dir)
{
    QDir().mkpath(dir);
    const QString names[] = {QStringLiteral("training"), QStringLiteral("heatmaps"), QStringLiteral("evaluation"),
                             QStringLiteral("foreground"), QStringLiteral("compositing")};
    for (int i = 0; i < window.tabs()->count() && i < 5; ++i) {
        window.tabs()->setCurrentIndex(i);
        QApplication::processEvents();
        QThread::msleep(i >= 3 ? 1500 : 200); // the foreground and composite previews compute off-thread
        QApplication::processEvents();
        window.grab().save(dir + QLatin1Char('/') + names[i] + QStringLiteral(".png"));
    }
}

} // namespace

namespace {

// The studio's command line; built twice when asked for --help or --version (see runStudio).
struct StudioCommandLine
{
    QCommandLineParser parser;
    const QCommandLineOption trainOption{QStringLiteral("train"),
                                         QApplication::translate("main", "Train the first category once the dataset is open.")};
    const QCommandLineOption shotsOption{QStringLiteral("screenshots"),
                                         QApplication::translate("main", "After training, save a PNG of every panel to <dir> and quit."),
                                         QStringLiteral("dir")};
    const QCommandLineOption backboneOption{QStringLiteral("backbone"), QApplication::translate("main", "Backbone name."),
                                            QStringLiteral("name")};
    const QCommandLineOption weightsOption{QStringLiteral("backbone-weights"),
                                           QApplication::translate("main", "Backbone weights file."), QStringLiteral("file")};
    const QCommandLineOption runOption{QStringLiteral("run"),
                                       QApplication::translate("main", "Open a saved run folder (written by the studio or `sam2sim train`)."),
                                       QStringLiteral("dir")};
    const QCommandLineOption epochsOption{QStringLiteral("epochs"), QApplication::translate("main", "Training epochs."),
                                          QStringLiteral("n")};

    StudioCommandLine()
    {
        parser.setApplicationDescription(QApplication::translate("main", "Sam2Sim Studio: unsupervised visual inspection"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("dataset"),
                                     QApplication::translate("main", "Dataset or category folder to open."));
        parser.addOptions({trainOption, shotsOption, runOption, backboneOption, weightsOption, epochsOption});
    }
};

} // namespace

int runStudio(int argc, char **argv)
{
    // --help and --version need no display: answer them before a QApplication connects to one.
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h" || a == "--help-all" || a == "--version" || a == "-v") {
            QCoreApplication core(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("Sam2Sim Studio"));
            QCoreApplication::setApplicationVersion(QStringLiteral(SAM2SIM_VERSION));
            StudioCommandLine cli;
            cli.parser.process(core); // prints and exits
            return 0;
        }
    }
    QApplication app(argc, argv);
    // QApplication adopts the user's locale for the C library; the engine's number parsing and the
    // JSON/CSV writers expect '.' decimals whatever the UI language.
    std::setlocale(LC_NUMERIC, "C");
    QApplication::setApplicationName(QStringLiteral("Sam2Sim Studio"));
    QApplication::setOrganizationName(QStringLiteral("Sam2Sim"));
    QApplication::setApplicationVersion(QStringLiteral(SAM2SIM_VERSION));
    QApplication::setWindowIcon(QIcon(appIconPath()));
    const QString language = Settings().language();
    installTranslations(app, language.isEmpty() ? QLocale::system() : QLocale(language));
    configureThreads(0);

    StudioCommandLine cli;
    QCommandLineParser &parser = cli.parser;
    parser.process(app);

    if (parser.isSet(cli.backboneOption))
        Settings().setBackbone(parser.value(cli.backboneOption));
    if (parser.isSet(cli.weightsOption))
        Settings().setBackboneWeights(QFileInfo(parser.value(cli.weightsOption)).absoluteFilePath());

    MainWindow window;
    if (parser.isSet(cli.epochsOption))
        window.trainingPanel()->setEpochs(parser.value(cli.epochsOption).toInt());
    window.show();

    QString dataset = parser.positionalArguments().value(0);
    // A run named on the command line, else (no dataset named) the run shown last comes back.
    QString run = parser.isSet(cli.runOption) ? QFileInfo(parser.value(cli.runOption)).absoluteFilePath() : QString();
    if (run.isEmpty() && dataset.isEmpty() && !parser.isSet(cli.trainOption) && !parser.isSet(cli.shotsOption)) {
        const QString last = Settings().lastRun();
        if (!last.isEmpty() && QFileInfo(last + QStringLiteral("/config.json")).isFile())
            run = last;
    }
    if (dataset.isEmpty())
        dataset = Settings().recentDatasets().value(0);
    if (!run.isEmpty() && window.openRun(run)) {
        // The run's dataset and category open with it.
    } else if (!dataset.isEmpty() && QFileInfo(dataset).isDir()) {
        window.openDataset(QFileInfo(dataset).absoluteFilePath());
    } else {
        // First start: the built-in demo dataset, generated once into the app's data folder.
        const QString demo = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo-data");
        if (QFileInfo(demo).isDir())
            window.openDataset(demo);
        else
            window.generateDemoDataset(demo);
    }
    if (parser.isSet(cli.trainOption) || parser.isSet(cli.shotsOption)) {
        const QString shots = parser.value(cli.shotsOption);
        QObject::connect(&window, &MainWindow::datasetOpened, &window, [&window] {
            QTimer::singleShot(100, &window, [&window] { window.startTraining(); });
        }, Qt::SingleShotConnection);
        if (!shots.isEmpty())
            QObject::connect(window.controller(), &SessionController::resultsChanged, &window, [&window, shots] {
                if (!window.controller()->results())
                    return;
                QTimer::singleShot(500, &window, [&window, shots] {
                    grabAllTabs(window, shots);
                    QApplication::quit();
                });
            });
    }
    return app.exec();
}

} // namespace s2s::ui
