#include "resources/app_resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace s2s::ui {

QString appIconPath()
{
    return QStringLiteral(":/icons/sam2sim-studio.svg");
}

QString installTranslations(QCoreApplication &app, const QLocale &locale)
{
    auto *own = new QTranslator(&app);
    if (!own->load(locale, QStringLiteral("sam2sim"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        return {};
    }
    app.installTranslator(own);
    // Standard dialog buttons and the like come from Qt's catalogue (package qt6-translations-l10n).
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return own->language().section(QLatin1Char('_'), 0, 0);
}

} // namespace s2s::ui
