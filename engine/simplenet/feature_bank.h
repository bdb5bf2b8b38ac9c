#pragma once

#include <ATen/ATen.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace s2s {

// Patch features of a set of images, kept in memory as [h*w, d] rows per image so retraining for a
// new noise sigma and rescoring need no backbone pass. Above a memory budget the rows are stored as
// fp16 (halving memory); rows() always returns fp32.
class FeatureBank
{
public:
    explicit FeatureBank(std::size_t budgetBytes = std::size_t(3) << 30);

    // features: [d, h, w] float32 (one image).
    void add(const at::Tensor &features);
    void clear();

    std::size_t size() const { return m_rows.size(); }
    std::int64_t height() const { return m_h; }
    std::int64_t width() const { return m_w; }
    std::int64_t dim() const { return m_d; }
    bool halfPrecision() const { return m_half; }
    // The scale of the features: the root mean over dimensions of each dimension's variance across
    // all rows added (sqrt(mean_d var_d)). Accumulated in double as images are added, so it costs no
    // extra pass. 0 when empty.
    double featureScale() const;
    std::size_t bytes() const;

    at::Tensor rows(std::size_t image) const;                       // [h*w, d] float32
    at::Tensor gather(const std::vector<std::int64_t> &images) const; // [n*h*w, d] float32
    // `rowsPerImage` random rows of each image (without replacement, drawn from `gen`):
    // [n*rowsPerImage, d] float32. rowsPerImage >= h*w is gather().
    at::Tensor sample(const std::vector<std::int64_t> &images, std::int64_t rowsPerImage, at::Generator &gen) const;

private:
    std::size_t m_budget;
    bool m_half = false;
    std::int64_t m_h = 0, m_w = 0, m_d = 0;
    std::vector<at::Tensor> m_rows;
    at::Tensor m_sum, m_sumSquares; // [d] float64, over every row added
    std::int64_t m_count = 0;
};

} // namespace s2s
