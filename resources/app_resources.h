#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace s2s::ui {

// Resources embedded in the binaries (library sam2sim_resources): the application icon and the
// compiled translations under ":/i18n".

// Qt resource path of the SVG application icon.
QString appIconPath();

// Installs the translator for `locale` (":/i18n/sam2sim_<lang>.qm") on `app`, plus Qt's own strings
// when the system has them. Returns the language actually loaded ("de", "ko"), or an empty string
// for English (no file needed). The translators are children of `app`.
QString installTranslations(QCoreApplication &app, const QLocale &locale);

} // namespace s2s::ui
