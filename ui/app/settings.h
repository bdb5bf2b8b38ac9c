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

    // The run folder shown last (reopened on start) and the run kept for each dataset category.
    QString lastRun() const;
    void setLastRun(const QString &dir);
    QString runFor(const QString &datasetPath, const QString &category) const;
    void setRunFor(const QString &datasetPath, const QString &category, const QString &dir);

    // The noise sigma as NoiseSigma::text() spells it ("" = the preset's).
    QString noiseSigma() const;
    void setNoiseSigma(const QString &text);
    // Other choices of the panels that survive a restart (key e.g. "training/preset", "browser/split");
    // an invalid QVariant when never set.
    QVariant choice(const QString &key) const;
    void setChoice(const QString &key, const QVariant &value);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray &geometry, const QByteArray &state);

private:
    mutable QSettings m_settings;
};

} // namespace s2s::ui
