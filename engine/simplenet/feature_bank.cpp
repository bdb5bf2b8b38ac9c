#include "engine/simplenet/feature_bank.h"

#include "engine/core/error.h"

#include <cmath>

namespace s2s {

FeatureBank::FeatureBank(std::size_t budgetBytes)
    : m_budget(budgetBytes)
{
}

void FeatureBank::add(const at::Tensor &features)
{
    if (features.dim() != 3)
        throw Error("feature bank: expected [d, h, w] features");
    if (m_rows.empty()) {
        m_d = features.size(0);
        m_h = features.size(1);
        m_w = features.size(2);
    } else if (features.size(0) != m_d || features.size(1) != m_h || features.size(2) != m_w) {
        throw Error("feature bank: all images must have the same feature shape");
    }
    at::Tensor rows = features.reshape({m_d, m_h * m_w}).t().contiguous();
    const std::size_t perImage = static_cast<std::size_t>(rows.numel()) * sizeof(float);
    if (!m_half && (m_rows.size() + 1) * perImage > m_budget) {
        // Over budget: switch the whole bank to fp16 (features are O(1) in magnitude; fp16 keeps
        // ~3 significant digits, well below the Gaussian noise the discriminator is trained with).
        m_half = true;
        for (auto &r : m_rows)
            r = r.to(at::kHalf);
    }
    m_rows.push_back(m_half ? rows.to(at::kHalf) : rows);
    const at::Tensor r64 = rows.to(at::kDouble);
    if (!m_sum.defined()) {
        m_sum = at::zeros({m_d}, at::kDouble);
        m_sumSquares = at::zeros({m_d}, at::kDouble);
    }
    m_sum += r64.sum(0);
    m_sumSquares += r64.square().sum(0);
    m_count += rows.size(0);
}

double FeatureBank::featureScale() const
{
    if (m_count < 2)
        return 0.0;
    const double n = static_cast<double>(m_count);
    const at::Tensor mean = m_sum / n;
    const at::Tensor var = (m_sumSquares / n - mean.square()).clamp_min(0.0) * (n / (n - 1.0));
    return std::sqrt(var.mean().item<double>());
}

void FeatureBank::clear()
{
    m_rows.clear();
    m_half = false;
    m_sum = m_sumSquares = at::Tensor();
    m_count = 0;
}

std::size_t FeatureBank::bytes() const
{
    std::size_t total = 0;
    for (const auto &r : m_rows)
        total += static_cast<std::size_t>(r.numel() * r.element_size());
    return total;
}

at::Tensor FeatureBank::rows(std::size_t image) const
{
    const at::Tensor &r = m_rows.at(image);
    return m_half ? r.to(at::kFloat) : r;
}

at::Tensor FeatureBank::gather(const std::vector<std::int64_t> &images) const
{
    std::vector<at::Tensor> parts;
    parts.reserve(images.size());
    for (auto i : images)
        parts.push_back(m_rows.at(static_cast<std::size_t>(i)));
    at::Tensor out = at::cat(parts, 0);
    return m_half ? out.to(at::kFloat) : out;
}

at::Tensor FeatureBank::sample(const std::vector<std::int64_t> &images, std::int64_t rowsPerImage,
                              at::Generator &gen) const
{
    const std::int64_t perImage = m_h * m_w;
    if (rowsPerImage >= perImage)
        return gather(images);
    std::vector<at::Tensor> parts;
    parts.reserve(images.size());
    for (auto i : images) {
        const at::Tensor pick = at::randperm(perImage, gen, at::kLong).slice(0, 0, rowsPerImage);
        parts.push_back(m_rows.at(static_cast<std::size_t>(i)).index_select(0, pick));
    }
    at::Tensor out = at::cat(parts, 0);
    return m_half ? out.to(at::kFloat) : out;
}

} // namespace s2s
