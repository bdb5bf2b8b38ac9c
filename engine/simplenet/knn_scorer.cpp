#include "engine/simplenet/knn_scorer.h"

#include "engine/core/error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <limits>

namespace s2s {

namespace {

constexpr int kMaxRadius = 64;
// Rows of the whole bank compared at once: [patches x chunk] distances stay near 100 MB at 36 x 36 patches.
constexpr std::int64_t kChunkRows = 16384;

} // namespace

KnnScorer::KnnScorer(int radius)
    : m_radius(std::clamp(radius, -1, kMaxRadius))
{
}

at::Tensor KnnScorer::localFeatures(const at::Tensor &f2, const at::Tensor &f3)
{
    c10::InferenceMode guard;
    // Zero padding counted in the mean: patches at the frame's edge, where a turned image has its filled
    // corners, weigh less (measured: counting only the pixels inside gave screw 0.82 instead of 0.95).
    const at::Tensor a = at::avg_pool2d(f2.to(at::kFloat), {3, 3}, {1, 1}, {1, 1}, false, true);
    at::Tensor b = at::avg_pool2d(f3.to(at::kFloat), {3, 3}, {1, 1}, {1, 1}, false, true);
    b = at::upsample_bilinear2d(b, {f2.size(2), f2.size(3)}, false);
    return at::cat({a, b}, 1).contiguous();
}

void KnnScorer::add(const at::Tensor &f2, const at::Tensor &f3)
{
    m_parts.push_back(localFeatures(f2, f3).to(at::kHalf));
    m_bank = at::Tensor();
}

void KnnScorer::build()
{
    c10::InferenceMode guard;
    if (!m_parts.empty()) {
        m_bank = at::cat(m_parts, 0).to(at::kFloat).contiguous();
        m_parts.clear();
    }
    if (!m_bank.defined() || m_bank.size(0) == 0)
        throw Error("kNN scorer: no training patches");
    if (m_radius < 0) {
        m_rows = m_bank.permute({0, 2, 3, 1}).reshape({-1, m_bank.size(1)}).contiguous();
        m_norms = m_rows.pow(2).sum(1);
    } else {
        m_rows = m_bank.permute({2, 3, 1, 0}).contiguous(); // [h,w,C,N]
        m_norms = m_rows.pow(2).sum(2);                      // [h,w,N]
    }
}

std::size_t KnnScorer::images() const
{
    std::size_t n = m_bank.defined() ? static_cast<std::size_t>(m_bank.size(0)) : 0;
    for (const auto &p : m_parts)
        n += static_cast<std::size_t>(p.size(0));
    return n;
}

std::size_t KnnScorer::bytes() const
{
    std::size_t n = 0;
    for (const at::Tensor *t : {&m_bank, &m_rows, &m_norms})
        if (t->defined())
            n += static_cast<std::size_t>(t->nbytes());
    for (const auto &p : m_parts)
        n += static_cast<std::size_t>(p.nbytes());
    return n;
}

at::Tensor KnnScorer::score(const at::Tensor &f2, const at::Tensor &f3) const
{
    c10::InferenceMode guard;
    if (!built())
        throw Error("kNN scorer: the bank is not built");
    const at::Tensor q = localFeatures(f2, f3);
    if (q.size(1) != m_bank.size(1) || q.size(2) != m_bank.size(2) || q.size(3) != m_bank.size(3))
        throw Error("kNN scorer: test features [" + std::to_string(q.size(1)) + "," + std::to_string(q.size(2)) + ","
                    + std::to_string(q.size(3)) + "] do not match the bank's [" + std::to_string(m_bank.size(1)) + ","
                    + std::to_string(m_bank.size(2)) + "," + std::to_string(m_bank.size(3)) + "]");
    std::vector<at::Tensor> grids;
    for (std::int64_t i = 0; i < q.size(0); ++i)
        grids.push_back(m_radius < 0 ? scoreAll(q[i]) : scoreLocal(q[i]));
    return at::stack(grids);
}

at::Tensor KnnScorer::scoreAll(const at::Tensor &query) const
{
    const std::int64_t c = query.size(0), h = query.size(1), w = query.size(2);
    const at::Tensor rows = query.reshape({c, h * w}).t().contiguous(); // [P,C]
    at::Tensor best = at::full({h * w}, std::numeric_limits<float>::infinity());
    for (std::int64_t first = 0; first < m_rows.size(0); first += kChunkRows) {
        const std::int64_t n = std::min(kChunkRows, m_rows.size(0) - first);
        // |b|^2 - 2 q.b, |q|^2 added at the end.
        const at::Tensor d = at::addmm(m_norms.narrow(0, first, n).unsqueeze(0), rows, m_rows.narrow(0, first, n).t(), 1.0, -2.0);
        best = at::minimum(best, std::get<0>(d.min(1)));
    }
    best = (best + rows.pow(2).sum(1)).clamp_min(0.0).sqrt();
    return best.reshape({h, w});
}

at::Tensor KnnScorer::scoreLocal(const at::Tensor &query) const
{
    const std::int64_t h = query.size(1), w = query.size(2);
    const at::Tensor q = query.permute({1, 2, 0}).contiguous(); // [h,w,C]
    at::Tensor best = at::full({h, w}, std::numeric_limits<float>::infinity());
    const std::int64_t r = m_radius;
    for (std::int64_t y = 0; y < h; ++y) {
        const at::Tensor qy = q[y].unsqueeze(1); // [w,1,C]
        at::Tensor rowBest = best[y];
        for (std::int64_t dy = -r; dy <= r; ++dy) {
            const std::int64_t by = y + dy;
            if (by < 0 || by >= h)
                continue;
            for (std::int64_t dx = -r; dx <= r; ++dx) {
                // Test patches x0..x1-1 meet training patches x0+dx..x1-1+dx of row by.
                const std::int64_t x0 = std::max<std::int64_t>(0, -dx), x1 = std::min(w, w - dx);
                if (x1 <= x0)
                    continue;
                const at::Tensor b = m_rows[by].narrow(0, x0 + dx, x1 - x0);       // [n,C,N]
                const at::Tensor bn = m_norms[by].narrow(0, x0 + dx, x1 - x0);     // [n,N]
                const at::Tensor dot = at::bmm(qy.narrow(0, x0, x1 - x0), b).squeeze(1); // [n,N]
                const at::Tensor d = std::get<0>((bn - 2.0 * dot).min(1));
                at::Tensor slot = rowBest.narrow(0, x0, x1 - x0);
                slot.copy_(at::minimum(slot, d));
            }
        }
    }
    return (best + q.pow(2).sum(2)).clamp_min(0.0).sqrt();
}

void KnnScorer::checkGeometry(const std::filesystem::path &file, std::int64_t channels, std::int64_t grid) const
{
    if (!built())
        throw Error(file.string() + ": the kNN bank is not built");
    if (m_bank.size(1) != channels || m_bank.size(2) != grid || m_bank.size(3) != grid)
        throw Error(file.string() + ": the bank holds " + std::to_string(m_bank.size(1)) + " numbers a patch on a "
                    + std::to_string(m_bank.size(2)) + "x" + std::to_string(m_bank.size(3))
                    + " grid, but the run's config.json makes " + std::to_string(channels) + " on " + std::to_string(grid)
                    + "x" + std::to_string(grid) + "; the folder mixes two runs, train it again");
}

KnnScorer KnnScorer::loadForRun(const std::filesystem::path &path, const std::vector<int> &tapChannels, int imageSize)
{
    KnnScorer scorer = load(path);
    std::int64_t channels = 0;
    for (int c : tapChannels)
        channels += c;
    // Three stride-2 stages from the input to the stride-8 tap.
    scorer.checkGeometry(path, channels, (imageSize + 7) / 8);
    return scorer;
}

void KnnScorer::save(const std::filesystem::path &path, const std::string &backbone) const
{
    if (!built())
        throw Error(path.string() + ": the kNN bank is not built");
    writeSafetensors(path, {{"bank", m_bank.to(at::kHalf).contiguous()}},
                     {{"radius", std::to_string(m_radius)}, {"backbone", backbone}});
}

KnnScorer KnnScorer::load(const std::filesystem::path &path)
{
    const Checkpoint ckpt = readCheckpoint(path);
    const auto it = std::find_if(ckpt.tensors.begin(), ckpt.tensors.end(), [](const NamedTensor &t) { return t.name == "bank"; });
    if (it == ckpt.tensors.end() || ckpt.tensors.size() != 1)
        throw Error(path.string() + ": not a kNN bank (it must hold one tensor, \"bank\")");
    const at::Tensor &bank = it->tensor;
    if (bank.dim() != 4 || bank.size(0) < 1 || bank.size(1) < 1 || bank.size(2) < 1 || bank.size(3) < 1)
        throw Error(path.string() + ": \"bank\" must be [images, channels, height, width], got " + shapeText(bank.sizes()));
    int radius = -1;
    if (const auto r = ckpt.metadata.find("radius"); r != ckpt.metadata.end()) {
        try {
            std::size_t used = 0;
            radius = std::stoi(r->second, &used);
            if (used != r->second.size() || radius < -1 || radius > kMaxRadius)
                throw std::invalid_argument("range");
        } catch (const std::exception &) {
            throw Error(path.string() + ": radius must be an integer from -1 to " + std::to_string(kMaxRadius) + ", got '"
                        + r->second + "'");
        }
    }
    KnnScorer scorer(radius);
    scorer.m_bank = bank.to(at::kFloat).contiguous();
    if (!at::isfinite(scorer.m_bank).all().item<bool>())
        throw Error(path.string() + ": \"bank\" holds values that are not finite");
    scorer.build();
    return scorer;
}

} // namespace s2s
