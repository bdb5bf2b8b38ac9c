#include "ui/app/settings.h"

namespace s2s::ui {

Settings::Settings()
    : m_settings(QStringLiteral("Sam2Sim"), QStringLiteral("Sam2Sim Studio"))
{
}

QStringList Settings::recentDatasets() const
{
    return m_settings.value(QStringLiteral("recentDatasets")).toStringList();
}

void Settings::addRecentDataset(const QString &path)
{
    QStringList list = recentDatasets();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > 8)
        list.removeLast();
    m_settings.setValue(QStringLiteral("recentDatasets"), list);
}

QString Settings::backbone() const
{
    return m_settings.value(QStringLiteral("backbone"), QStringLiteral("wide_resnet50_2")).toString();
}

void Settings::setBackbone(const QString &name) { m_settings.setValue(QStringLiteral("backbone"), name); }

QString Settings::backboneWeights() const { return m_settings.value(QStringLiteral("backboneWeights")).toString(); }

void Settings::setBackboneWeights(const QString &path) { m_settings.setValue(QStringLiteral("backboneWeights"), path); }

QString Settings::sam2Weights() const { return m_settings.value(QStringLiteral("sam2Weights")).toString(); }

void Settings::setSam2Weights(const QString &path) { m_settings.setValue(QStringLiteral("sam2Weights"), path); }

QString Settings::language() const { return m_settings.value(QStringLiteral("language")).toString(); }

void Settings::setLanguage(const QString &code) { m_settings.setValue(QStringLiteral("language"), code); }

QString Settings::categoryKind(const QString &datasetPath, const QString &category) const
{
    return m_settings.value(QStringLiteral("kinds/") + datasetPath + QLatin1Char('|') + category).toString();
}

void Settings::setCategoryKind(const QString &datasetPath, const QString &category, const QString &kind)
{
    m_settings.setValue(QStringLiteral("kinds/") + datasetPath + QLatin1Char('|') + category, kind);
}

QString Settings::lastRun() const { return m_settings.value(QStringLiteral("lastRun")).toString(); }

void Settings::setLastRun(const QString &dir) { m_settings.setValue(QStringLiteral("lastRun"), dir); }

QString Settings::runFor(const QString &datasetPath, const QString &category) const
{
    return m_settings.value(QStringLiteral("runs/") + datasetPath + QLatin1Char('|') + category).toString();
}

void Settings::setRunFor(const QString &datasetPath, const QString &category, const QString &dir)
{
    m_settings.setValue(QStringLiteral("runs/") + datasetPath + QLatin1Char('|') + category, dir);
}

QString Settings::noiseSigma() const { return m_settings.value(QStringLiteral("noiseSigma")).toString(); }

void Settings::setNoiseSigma(const QString &text) { m_settings.setValue(QStringLiteral("noiseSigma"), text); }

QVariant Settings::choice(const QString &key) const { return m_settings.value(QStringLiteral("choices/") + key); }

void Settings::setChoice(const QString &key, const QVariant &value)
{
    m_settings.setValue(QStringLiteral("choices/") + key, value);
}

QByteArray Settings::windowGeometry() const { return m_settings.value(QStringLiteral("window/geometry")).toByteArray(); }

QByteArray Settings::windowState() const { return m_settings.value(QStringLiteral("window/state")).toByteArray(); }

void Settings::setWindow(const QByteArray &geometry, const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
    m_settings.setValue(QStringLiteral("window/state"), state);
}

} // namespace s2s::ui
