#pragma once

#include "engine/io/checkpoint.h"

// Internal to s2s_foreground (LibTorch types): never include from UI-facing headers.
#include <ATen/ATen.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace s2s::sam2 {

// Numbers that distinguish the SAM 2.1 Hiera sizes (the YAML configs); everything else is shared.
struct Sam2Config
{
    std::string name;               // "sam2.1_hiera_tiny", ...
    std::int64_t embedDim = 96;
    std::int64_t numHeads = 1;
    std::vector<int> stages{1, 2, 7, 2};
    std::vector<int> globalBlocks{5, 7, 9};
    std::vector<std::int64_t> windowSpec{8, 4, 14, 7};
    std::int64_t posEmbedSize = 7;  // window_pos_embed_bkg_spatial_size
};

Sam2Config tinyConfig();
std::vector<Sam2Config> allConfigs(); // tiny, small, base_plus, large

using ParamShape = TensorSpec;

// The image-path tensors of SAM2Base for a config (name and shape); the video-only keys are excluded.
std::vector<ParamShape> imagePathSpec(const Sam2Config &cfg);
// True for keys that only the video path uses (memory attention/encoder, object pointers, ...).
bool isVideoOnlyKey(const std::string &key);

using Weights = std::map<std::string, at::Tensor>;

// Hiera block geometry derived from the config, as Hiera.__init__ derives it.
struct BlockGeometry
{
    std::int64_t dim, dimOut, heads, window; // window 0 = global attention
    bool qPool;
};
std::vector<BlockGeometry> blockGeometry(const Sam2Config &cfg);
std::vector<int> stageEnds(const Sam2Config &cfg);

// Building blocks, exposed for the unit tests. x is channels-last [B,H,W,C].
at::Tensor windowPartition(const at::Tensor &x, std::int64_t window);                     // [B*nW,w,w,C]
at::Tensor windowUnpartition(const at::Tensor &windows, std::int64_t window, std::int64_t paddedH,
                             std::int64_t paddedW, std::int64_t h, std::int64_t w);
at::Tensor poolChannelsLast(const at::Tensor &x);                                           // 2x2 max pool
at::Tensor hieraPosEmbed(const at::Tensor &posEmbed, const at::Tensor &windowEmbed, std::int64_t h,
                         std::int64_t w);                                                   // [1,h,w,C]

struct ImageFeatures
{
    at::Tensor imageEmbed; // [1,256,64,64] (no_mem_embed added)
    at::Tensor highRes0;   // [1,32,256,256]
    at::Tensor highRes1;   // [1,64,128,128]
    std::int64_t origH = 0, origW = 0;
};

struct DecoderOutput
{
    at::Tensor lowResLogits; // [1,C,256,256], unclamped (the predictor upsamples these)
    at::Tensor iou;          // [1,C]
    at::Tensor objectLogit;  // [1,1]
};

// SAM 2.1 image path (SAM2ImagePredictor semantics) on loaded weights.
class Sam2Model
{
public:
    // Reads the checkpoint, detects the size from its shapes and checks every image-path key and shape.
    static Sam2Model load(const std::filesystem::path &file);
    Sam2Model(Sam2Config cfg, Weights weights);

    const Sam2Config &config() const { return m_cfg; }
    // The normalised 1024x1024 input tensor [1,3,1024,1024] of an RGB uint8 image.
    static at::Tensor preprocess(const std::uint8_t *rgb, std::int64_t h, std::int64_t w, std::size_t step);
    ImageFeatures encode(const at::Tensor &input, std::int64_t origH, std::int64_t origW) const;
    // Trunk outputs at the stage ends, channels-first (for parity tests).
    std::vector<at::Tensor> trunk(const at::Tensor &input) const;
    // Neck + high-res convs + no_mem_embed on trunk outputs (encode = trunk + this).
    ImageFeatures neck(const std::vector<at::Tensor> &stages, std::int64_t origH, std::int64_t origW) const;
    // Points in original pixel coordinates, labels 1/0 (box corners are passed via `box`).
    DecoderOutput decode(const ImageFeatures &f, const std::vector<float> &box,
                         const std::vector<std::array<float, 2>> &points, const std::vector<int> &labels,
                         bool multimask) const;

private:
    const at::Tensor &w(const std::string &key) const;
    at::Tensor linear(const at::Tensor &x, const std::string &prefix) const;
    at::Tensor layerNorm(const at::Tensor &x, const std::string &prefix, double eps) const;
    at::Tensor mlp(const at::Tensor &x, const std::string &prefix, int layers, bool gelu, bool sigmoid) const;
    at::Tensor hieraBlock(const at::Tensor &x, int index, const BlockGeometry &g) const;
    at::Tensor decoderAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v,
                                const std::string &prefix) const;
    at::Tensor denseImagePe() const;
    at::Tensor peEncode(const at::Tensor &coords01) const;

    Sam2Config m_cfg;
    Weights m_w;
    std::vector<BlockGeometry> m_blocks;
};

// Hand-written attention (LibTorch 1.13 has no public SDPA): q,k,v [B,heads,N,d].
at::Tensor attention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v);

} // namespace s2s::sam2
