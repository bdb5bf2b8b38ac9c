#pragma once

#include <QSettings>
#include <QStandardPaths>
#include <QString>

namespace s2s::test {

// Every widget test process gets its own settings file in its own temporary folder. The studio remembers
// the user's choices (preset, epochs, last run...): shared between test programs, one test's "paper (160
// epochs)" made the next one's training take minutes.
inline void isolateSettings(const QString &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

} // namespace s2s::test
