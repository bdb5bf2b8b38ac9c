#pragma once

#include "engine/io/checkpoint.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace s2s {

// The radius for objects aligned to one pose: +-2 patches (+-16 px at 288) absorbs what alignment leaves.
// Measured on mvtec_screw_part (docs/results.md): the same AUROC as every patch, at a sixth of the work.
constexpr int kKnnAlignedRadius = 2;

// Nearest-neighbour patch scores (PatchCore-style, without a coreset) on the backbone's own taps: a
// patch's score is its distance to the closest training patch. The features are local, 3x3 means of the
// stride-8 and stride-16 taps (the latter brought to the stride-8 grid) side by side: 128 numbers a patch
// with MobileNetV2. Nothing is trained, so no noise sigma applies. With a radius, a patch is compared only
// with training patches within that many grid cells of its own position, for objects aligned to one pose
// (object_pose.h): cheaper, and a thread is then compared with threads, not with a head. Without one
// (radius < 0), with every training patch.
class KnnScorer
{
public:
    explicit KnnScorer(int radius = -1);

    // f2: [B,C2,h,w] stride-8 taps, f3: [B,C3,h3,w3] stride-16 taps -> [B,C2+C3,h,w].
    static at::Tensor localFeatures(const at::Tensor &f2, const at::Tensor &f3);

    // Adds the patches of a batch of training images (taps as above); build() when all are in.
    void add(const at::Tensor &f2, const at::Tensor &f3);
    void build();
    bool built() const { return m_bank.defined(); }
    // [B,h,w] distances of each patch of a batch of test images to its nearest training patch.
    at::Tensor score(const at::Tensor &f2, const at::Tensor &f3) const;

    int radius() const { return m_radius; }
    // Throws s2s::Error naming `file` when the bank is not of the features a run's config makes: `channels`
    // per patch (the two taps' widths) on a grid x grid patch grid.
    void checkGeometry(const std::filesystem::path &file, std::int64_t channels, std::int64_t grid) const;
    std::size_t images() const;
    std::size_t bytes() const;

    // knn_bank.safetensors: "bank" [N,C,h,w] f16 and the radius in the metadata; written atomically.
    void save(const std::filesystem::path &path, const std::string &backbone) const;
    // Throws s2s::Error naming the file when it is not a bank of this kind.
    static KnnScorer load(const std::filesystem::path &path);
    // load() and checkGeometry() for a run's backbone taps (their widths) and input size.
    static KnnScorer loadForRun(const std::filesystem::path &path, const std::vector<int> &tapChannels, int imageSize);

private:
    at::Tensor scoreAll(const at::Tensor &query) const;   // [C,h,w] -> [h,w]
    at::Tensor scoreLocal(const at::Tensor &query) const; // [C,h,w] -> [h,w]

    int m_radius = -1;
    std::vector<at::Tensor> m_parts; // [b,C,h,w] per add()
    at::Tensor m_bank;  // [N,C,h,w]
    at::Tensor m_rows;  // radius < 0: [N*h*w, C]; else [h,w,C,N]
    at::Tensor m_norms; // radius < 0: [N*h*w]; else [h,w,N]
};

} // namespace s2s
