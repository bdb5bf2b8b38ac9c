#pragma once

// Runs the built `sam2sim` ($SAM2SIM_CLI) for the CLI tests: exit code, stdout, stderr lines.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace s2s::test {

struct CliResult
{
    int exitCode = -1; // -1: crashed or timed out
    QString out;
    QStringList errLines;
};

inline CliResult runCli(const QStringList &args, int timeoutMs = 60000)
{
    QProcess process;
    process.start(qEnvironmentVariable("SAM2SIM_CLI"), args);
    CliResult r;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.errLines = QString::fromUtf8(process.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return r;
}

} // namespace s2s::test
