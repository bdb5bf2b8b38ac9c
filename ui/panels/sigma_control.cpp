#include "ui/panels/sigma_control.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>

#include <cmath>

namespace s2s::ui {

namespace {

constexpr int kTicks = 300; // 0.001 .. 2 over 300 logarithmic ticks (~2.6% per tick)

double sigmaFromSlider(int v)
{
    return SigmaControl::kMin * std::pow(SigmaControl::kMax / SigmaControl::kMin, static_cast<double>(v) / kTicks);
}

int sliderFromSigma(double s)
{
    const double t = std::log(std::clamp(s, SigmaControl::kMin, SigmaControl::kMax) / SigmaControl::kMin)
                     / std::log(SigmaControl::kMax / SigmaControl::kMin);
    return static_cast<int>(std::lround(kTicks * t));
}

} // namespace

SigmaControl::SigmaControl(QWidget *parent)
    : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_auto = new QCheckBox(tr("auto"), this);
    m_auto->setToolTip(tr("%1 x the scale of the training features, measured to suit every backbone")
                           .arg(NoiseSigma::kAutoFactor));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kTicks);
    m_slider->setMinimumWidth(120);
    m_spin = new QDoubleSpinBox(this);
    m_spin->setDecimals(4);
    m_spin->setRange(kMin, kMax);
    m_spin->setSingleStep(0.001);
    m_spin->setKeyboardTracking(false);
    m_spin->setToolTip(tr("Absolute noise sigma in feature units (the paper's 0.015 was tuned for WRN-50)"));
    m_relative = new QLabel(this);
    m_relative->setMinimumWidth(m_relative->fontMetrics().horizontalAdvance(QStringLiteral("= 0.000x scale 0.000")));
    row->addWidget(m_auto);
    row->addWidget(m_slider, 1);
    row->addWidget(m_spin);
    row->addWidget(m_relative);
    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(400);

    connect(m_auto, &QCheckBox::toggled, this, [this](bool on) {
        m_slider->setEnabled(!on);
        m_spin->setEnabled(!on);
        if (!on && m_scale > 0.0) {
            // Leaving auto starts from the value auto stood for.
            const QSignalBlocker b1(m_slider), b2(m_spin);
            const double abs = NoiseSigma::automatic().absoluteFor(m_scale);
            m_spin->setValue(abs);
            m_slider->setValue(sliderFromSigma(abs));
        }
        userChanged();
    });
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        const QSignalBlocker block(m_spin);
        m_spin->setValue(sigmaFromSlider(v));
        userChanged();
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double s) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(sliderFromSigma(s));
        userChanged();
    });
    connect(m_settle, &QTimer::timeout, this, [this] {
        const NoiseSigma v = value();
        if (m_hasSettled && v == m_lastSettled)
            return; // e.g. Enter after typing, or a drag back to where it started
        m_lastSettled = v;
        m_hasSettled = true;
        Q_EMIT settled(v);
    });
    setValue(NoiseSigma::automatic());
}

NoiseSigma SigmaControl::value() const
{
    return m_auto->isChecked() ? NoiseSigma::automatic() : NoiseSigma::absolute(m_spin->value());
}

void SigmaControl::setValue(const NoiseSigma &sigma)
{
    showValue(sigma);
    m_lastSettled = value();
    m_hasSettled = true;
    m_settle->stop();
}

void SigmaControl::showValue(const NoiseSigma &sigma)
{
    const QSignalBlocker b0(m_auto), b1(m_slider), b2(m_spin);
    const bool isAuto = sigma.kind == NoiseSigma::Kind::Auto;
    m_auto->setChecked(isAuto);
    m_slider->setEnabled(!isAuto);
    m_spin->setEnabled(!isAuto);
    double abs = sigma.kind == NoiseSigma::Kind::Absolute ? sigma.value : 0.0;
    if (sigma.kind != NoiseSigma::Kind::Absolute)
        abs = m_scale > 0.0 ? sigma.absoluteFor(m_scale) : m_spin->value();
    m_spin->setValue(abs);
    m_slider->setValue(sliderFromSigma(abs));
    updateLabel();
}

void SigmaControl::setFeatureScale(double scale)
{
    m_scale = scale;
    if (m_auto->isChecked())
        showValue(NoiseSigma::automatic());
    updateLabel();
}

QString SigmaControl::relativeText() const
{
    return m_relative->text();
}

void SigmaControl::userChanged()
{
    updateLabel();
    Q_EMIT valueChanged(value());
    m_settle->start();
}

void SigmaControl::updateLabel()
{
    // Auto before the features are measured has no absolute value yet: a dash, not the box's minimum.
    const bool unknown = m_scale <= 0.0 && m_auto->isChecked();
    m_spin->setSpecialValueText(unknown ? QStringLiteral("\u2014") : QString());
    if (unknown && m_spin->value() != m_spin->minimum()) {
        const QSignalBlocker block(m_spin);
        m_spin->setValue(m_spin->minimum());
    }
    if (m_scale <= 0.0) {
        m_relative->setText(m_auto->isChecked() ? tr("= %1x scale").arg(NoiseSigma::kAutoFactor) : QString());
        m_relative->setToolTip(tr("The feature scale is measured when the features are first extracted."));
        return;
    }
    const double rel = value().relativeFor(m_scale);
    m_relative->setText(tr("= %1x scale %2").arg(QString::number(rel, 'f', 2), QString::number(m_scale, 'f', 3)));
    // Outside the measured working range: said before any training, in red, with the reason.
    const QString warning = QString::fromStdString(NoiseSigma::rangeWarning(value().absoluteFor(m_scale), m_scale));
    m_relative->setStyleSheet(warning.isEmpty() ? QString() : QStringLiteral("QLabel { color: #a00000; }"));
    m_relative->setToolTip(warning.isEmpty() ? tr("Relative to the scale of the training features (root mean per-dimension "
                                                  "standard deviation, %1)").arg(m_scale, 0, 'f', 4)
                                             : tr("Warning: %1.").arg(warning));
}

} // namespace s2s::ui
