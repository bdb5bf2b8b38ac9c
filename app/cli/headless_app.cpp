#include "app/cli/headless_app.h"

#include <clocale>
#include <iostream>

namespace s2s::cli {

namespace {

std::string g_command = "report";

// Qt's own chatter (e.g. "XDG_RUNTIME_DIR not set" on servers) would break the CLI's promise of
// one line on stderr per failure; only critical messages get through.
void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::cerr << "sam2sim " << g_command << ": " << message.toStdString() << "\n";
}

} // namespace

std::unique_ptr<QGuiApplication> makeHeadlessApplication(const std::string &command)
{
    g_command = command;
    qInstallMessageHandler(&quietMessages);
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // QGuiApplication needs argc/argv that outlive it.
    static int argc = 1;
    static char name[] = "sam2sim";
    static char *argv[] = {name, nullptr};
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    // Qt sets the C locale from the environment; keep number parsing and printing locale-free.
    std::setlocale(LC_NUMERIC, "C");
    return app;
}

} // namespace s2s::cli
