#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace s2s::ui {

// Every persistent preference of the studio, behind typed getters (one QSettings in one place).
class Settings
{
public:
    Settings();

    QStringList recentDatasets() const;
    void addRecentDataset(const QString &path);

    QString backbone() const;
    void setBackbone(const QString &name);
    QString backboneWeights() const;
    void setBackboneWeights(const QString &path);
    QString sam2Weights() const;
    void setSam2Weights(const QString &path);
    QString language() const; // "" = system locale
    void setLanguage(const QString &code);
    QString categoryKind(const QString &datasetPath, const QString &category) const; // "" = default
    void setCategoryKind(const QString &datasetPath, const QString &category, const QString &kind);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray &geometry, const QByteArray &state);

private:
    mutable QSettings m_settings;
};

} // namespace s2s::ui
