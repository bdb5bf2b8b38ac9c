#pragma once

// Runs a program (the built `sam2sim`, $SAM2SIM_CLI, or a helper) for the tests: exit code, stdout,
// stderr lines.
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

inline CliResult runProcess(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess process;
    process.start(program, args);
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

inline CliResult runCli(const QStringList &args, int timeoutMs = 60000)
{
    return runProcess(qEnvironmentVariable("SAM2SIM_CLI"), args, timeoutMs);
}

} // namespace s2s::test
