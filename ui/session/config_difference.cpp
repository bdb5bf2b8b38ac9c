#include "ui/session/config_difference.h"

#include "engine/pipeline/routing.h"
#include "engine/weights/weights_catalog.h"

#include <cmath>
#include <system_error>

namespace s2s::ui {

namespace {

QString weightsText(const std::filesystem::path &file)
{
    if (file.empty())
        return ConfigDifference::tr("none (random weights)");
    try {
        return ConfigDifference::tr("%1 (SHA-256 %2...)")
            .arg(QString::fromStdString(file.string()), QString::fromStdString(verifiedSha256(file).substr(0, 8)));
    } catch (const std::exception &) {
        return QString::fromStdString(file.string());
    }
}

QString sigmaText(const NoiseSigma &sigma, double featureScale)
{
    const QString resolved = QString::number(sigma.absoluteFor(featureScale), 'g', 4);
    if (sigma.kind == NoiseSigma::Kind::Absolute)
        return QString::fromStdString(sigma.text());
    return featureScale > 0.0 ? ConfigDifference::tr("%1 (%2)").arg(QString::fromStdString(sigma.text()), resolved)
                              : QString::fromStdString(sigma.text());
}

QString epochsText(const RunConfig &c)
{
    const QString epochs = c.totalEpochs() == 1 ? ConfigDifference::tr("1 epoch")
                                                : ConfigDifference::tr("%1 epochs").arg(c.totalEpochs());
    return c.minSteps > 0 ? ConfigDifference::tr("%1, at least %2 steps").arg(epochs).arg(c.minSteps) : epochs;
}

QString onOff(bool on)
{
    return on ? ConfigDifference::tr("on") : ConfigDifference::tr("off");
}

QString kindText(const std::optional<CategoryKind> &kind)
{
    return kind ? QString::fromLatin1(toString(*kind).data()) : ConfigDifference::tr("as scanned");
}

} // namespace

bool sameWeights(const std::filesystem::path &a, const std::filesystem::path &b)
{
    if (a == b)
        return true;
    if (a.empty() || b.empty())
        return false;
    std::error_code error;
    if (std::filesystem::equivalent(a, b, error))
        return true;
    try {
        return verifiedSha256(a) == verifiedSha256(b); // cached per path, size and time
    } catch (const std::exception &) {
        return false; // unreadable or damaged: not known to be the same
    }
}

bool sameSigma(const NoiseSigma &a, const NoiseSigma &b, double featureScale)
{
    if (a == b)
        return true;
    if (!(featureScale > 0.0) && (a.kind != NoiseSigma::Kind::Absolute || b.kind != NoiseSigma::Kind::Absolute))
        return false;
    const double x = a.absoluteFor(featureScale), y = b.absoluteFor(featureScale);
    const double d = std::abs(x - y);
    return d <= 0.5e-4 && d <= 1e-3 * std::max(x, y);
}

ConfigDifference ConfigDifference::between(const RunConfig &r, const RunConfig &s, double featureScale)
{
    const auto differ = [](const QString &was, const QString &now) { return ConfigDifference{was, now}; };
    if (r.backbone != s.backbone)
        return differ(tr("backbone %1").arg(QString::fromStdString(r.backbone)),
                      tr("backbone %1").arg(QString::fromStdString(s.backbone)));
    if (!sameWeights(r.backboneWeights, s.backboneWeights))
        return differ(tr("backbone weights %1").arg(weightsText(r.backboneWeights)),
                      tr("backbone weights %1").arg(weightsText(s.backboneWeights)));
    if (!sameSigma(r.noiseSigma, s.noiseSigma, featureScale))
        return differ(tr("sigma %1").arg(sigmaText(r.noiseSigma, featureScale)),
                      tr("sigma %1").arg(sigmaText(s.noiseSigma, featureScale)));
    if (r.totalEpochs() != s.totalEpochs() || r.minSteps != s.minSteps)
        return differ(epochsText(r), epochsText(s));
    if (r.batchSize != s.batchSize)
        return differ(tr("batch size %1").arg(r.batchSize), tr("batch size %1").arg(s.batchSize));
    if (r.seed != s.seed)
        return differ(tr("seed %1").arg(r.seed), tr("seed %1").arg(s.seed));
    if (r.patchFraction != s.patchFraction)
        return differ(tr("patch fraction %1").arg(r.patchFraction), tr("patch fraction %1").arg(s.patchFraction));
    if (r.kindOverride != s.kindOverride)
        return differ(tr("category kind %1").arg(kindText(r.kindOverride)), tr("category kind %1").arg(kindText(s.kindOverride)));
    // "auto" stands for what it chooses on the category's training images: a difference only between two
    // explicit choices.
    if (r.scorer != s.scorer && r.scorer != "auto" && s.scorer != "auto")
        return differ(tr("scorer %1").arg(QString::fromStdString(r.scorer)), tr("scorer %1").arg(QString::fromStdString(s.scorer)));
    if (r.align != s.align && r.align != "auto" && s.align != "auto")
        return differ(tr("alignment %1").arg(QString::fromStdString(r.align)), tr("alignment %1").arg(QString::fromStdString(s.align)));
    if (r.foreground != s.foreground)
        return differ(tr("foreground extraction %1").arg(onOff(r.foreground)),
                      tr("foreground extraction %1").arg(onOff(s.foreground)));
    // The segmenter and the fill matter only where the background is removed.
    // What runs, not the name: "auto" without SAM 2 weights is the classical extractor (the CLI's default;
    // the studio's combo box shows the resolved choice).
    const auto runs = [](const RunConfig &c) {
        return usesSam2(c.segmenter, c.sam2Weights.string()) ? std::string("sam2") : c.segmenter == "border" ? c.segmenter : std::string("classical");
    };
    if (r.foreground && runs(r) != runs(s))
        return differ(tr("segmenter %1").arg(QString::fromStdString(r.segmenter)),
                      tr("segmenter %1").arg(QString::fromStdString(s.segmenter)));
    if (r.foreground && r.backgroundFill != s.backgroundFill)
        return differ(tr("background fill %1").arg(QString::fromStdString(r.backgroundFill)),
                      tr("background fill %1").arg(QString::fromStdString(s.backgroundFill)));
    return {};
}

} // namespace s2s::ui
