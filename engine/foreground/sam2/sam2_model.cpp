// SAM 2.1 image path (Hiera trunk, FPN neck, prompt encoder, two-way-transformer mask decoder) as plain
// ATen calls on a name -> tensor map whose names are the official checkpoint keys.
#include "engine/foreground/sam2/sam2_model.h"

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace s2s::sam2 {

namespace {

constexpr std::int64_t kImageSize = 1024;
constexpr std::int64_t kEmbedGrid = 64;
constexpr std::int64_t kModelDim = 256;
constexpr std::int64_t kNumMaskTokens = 4;
constexpr int kDecoderHeads = 8;
constexpr double kHieraEps = 1e-6;
constexpr double kDecoderEps = 1e-5;
constexpr double kLn2dEps = 1e-6;
constexpr double kPi = 3.14159265358979323846;

const char *const kVideoPrefixes[] = {"memory_attention.", "memory_encoder.",  "obj_ptr_proj.",
                                      "obj_ptr_tpos_proj.", "mask_downsample.", "maskmem_tpos_enc",
                                      "no_mem_pos_enc",     "no_obj_ptr",       "no_obj_embed_spatial"};

void addLinear(std::vector<ParamShape> &spec, const std::string &p, std::int64_t in, std::int64_t out)
{
    spec.push_back({p + ".weight", {out, in}});
    spec.push_back({p + ".bias", {out}});
}

void addNorm(std::vector<ParamShape> &spec, const std::string &p, std::int64_t c)
{
    spec.push_back({p + ".weight", {c}});
    spec.push_back({p + ".bias", {c}});
}

void addConv(std::vector<ParamShape> &spec, const std::string &p, std::int64_t in, std::int64_t out, std::int64_t k,
             bool transposed = false)
{
    spec.push_back({p + ".weight", transposed ? std::vector<std::int64_t>{in, out, k, k}
                                               : std::vector<std::int64_t>{out, in, k, k}});
    spec.push_back({p + ".bias", {out}});
}

void addDecoderAttention(std::vector<ParamShape> &spec, const std::string &p, std::int64_t internal)
{
    addLinear(spec, p + ".q_proj", kModelDim, internal);
    addLinear(spec, p + ".k_proj", kModelDim, internal);
    addLinear(spec, p + ".v_proj", kModelDim, internal);
    addLinear(spec, p + ".out_proj", internal, kModelDim);
}

at::Tensor layerNorm2d(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    const at::Tensor u = x.mean({1}, true);
    const at::Tensor s = (x - u).pow(2).mean({1}, true);
    const at::Tensor n = (x - u) / at::sqrt(s + kLn2dEps);
    return weight.view({1, -1, 1, 1}) * n + bias.view({1, -1, 1, 1});
}

} // namespace

Sam2Config tinyConfig()
{
    return Sam2Config{};
}

std::vector<Sam2Config> allConfigs()
{
    Sam2Config tiny = tinyConfig();
    tiny.name = "sam2.1_hiera_tiny";
    Sam2Config small;
    small.name = "sam2.1_hiera_small";
    small.stages = {1, 2, 11, 2};
    small.globalBlocks = {7, 10, 13};
    Sam2Config basePlus;
    basePlus.name = "sam2.1_hiera_base_plus";
    basePlus.embedDim = 112;
    basePlus.numHeads = 2;
    basePlus.stages = {2, 3, 16, 3};
    basePlus.globalBlocks = {12, 16, 20};
    basePlus.posEmbedSize = 14;
    Sam2Config large;
    large.name = "sam2.1_hiera_large";
    large.embedDim = 144;
    large.numHeads = 2;
    large.stages = {2, 6, 36, 4};
    large.globalBlocks = {23, 33, 43};
    large.windowSpec = {8, 4, 16, 8};
    return {tiny, small, basePlus, large};
}

std::vector<int> stageEnds(const Sam2Config &cfg)
{
    std::vector<int> ends;
    int sum = 0;
    for (int s : cfg.stages) {
        sum += s;
        ends.push_back(sum - 1);
    }
    return ends;
}

std::vector<BlockGeometry> blockGeometry(const Sam2Config &cfg)
{
    const std::vector<int> ends = stageEnds(cfg);
    const int depth = ends.back() + 1;
    // Hiera pools q at the first block of stages 2..4 (q_pool = 3).
    std::set<int> poolBlocks;
    for (std::size_t i = 0; i + 1 < ends.size() && i < 3; ++i)
        poolBlocks.insert(ends[i] + 1);
    std::vector<BlockGeometry> blocks;
    std::int64_t dim = cfg.embedDim, heads = cfg.numHeads;
    std::size_t stage = 0;
    for (int i = 0; i < depth; ++i) {
        std::int64_t dimOut = dim;
        // The window is chosen before the stage advances: the first block of a stage keeps the
        // previous stage's window ("window lag").
        std::int64_t window = cfg.windowSpec[stage];
        if (std::find(cfg.globalBlocks.begin(), cfg.globalBlocks.end(), i) != cfg.globalBlocks.end())
            window = 0;
        if (std::find(ends.begin(), ends.end(), i - 1) != ends.end()) {
            dimOut = dim * 2;
            heads *= 2;
            ++stage;
        }
        blocks.push_back({dim, dimOut, heads, window, poolBlocks.count(i) > 0});
        dim = dimOut;
    }
    return blocks;
}

std::vector<ParamShape> imagePathSpec(const Sam2Config &cfg)
{
    std::vector<ParamShape> spec;
    const std::string t = "image_encoder.trunk.";
    const std::int64_t e = cfg.embedDim;
    spec.push_back({t + "pos_embed", {1, e, cfg.posEmbedSize, cfg.posEmbedSize}});
    spec.push_back({t + "pos_embed_window", {1, e, cfg.windowSpec[0], cfg.windowSpec[0]}});
    addConv(spec, t + "patch_embed.proj", 3, e, 7);
    const auto blocks = blockGeometry(cfg);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto &g = blocks[i];
        const std::string b = t + "blocks." + std::to_string(i) + ".";
        addNorm(spec, b + "norm1", g.dim);
        addLinear(spec, b + "attn.qkv", g.dim, 3 * g.dimOut);
        addLinear(spec, b + "attn.proj", g.dimOut, g.dimOut);
        addNorm(spec, b + "norm2", g.dimOut);
        addLinear(spec, b + "mlp.layers.0", g.dimOut, 4 * g.dimOut);
        addLinear(spec, b + "mlp.layers.1", 4 * g.dimOut, g.dimOut);
        if (g.dim != g.dimOut)
            addLinear(spec, b + "proj", g.dim, g.dimOut);
    }
    for (int i = 0; i < 4; ++i)
        addConv(spec, "image_encoder.neck.convs." + std::to_string(i) + ".conv", e << (3 - i), kModelDim, 1);

    const std::string p = "sam_prompt_encoder.";
    spec.push_back({p + "pe_layer.positional_encoding_gaussian_matrix", {2, kModelDim / 2}});
    for (int i = 0; i < 4; ++i)
        spec.push_back({p + "point_embeddings." + std::to_string(i) + ".weight", {1, kModelDim}});
    spec.push_back({p + "not_a_point_embed.weight", {1, kModelDim}});
    spec.push_back({p + "no_mask_embed.weight", {1, kModelDim}});
    addConv(spec, p + "mask_downscaling.0", 1, 4, 2);
    addNorm(spec, p + "mask_downscaling.1", 4);
    addConv(spec, p + "mask_downscaling.3", 4, 16, 2);
    addNorm(spec, p + "mask_downscaling.4", 16);
    addConv(spec, p + "mask_downscaling.6", 16, kModelDim, 1);

    const std::string d = "sam_mask_decoder.";
    for (int l = 0; l < 2; ++l) {
        const std::string L = d + "transformer.layers." + std::to_string(l) + ".";
        addDecoderAttention(spec, L + "self_attn", kModelDim);
        addNorm(spec, L + "norm1", kModelDim);
        addDecoderAttention(spec, L + "cross_attn_token_to_image", kModelDim / 2);
        addNorm(spec, L + "norm2", kModelDim);
        addLinear(spec, L + "mlp.layers.0", kModelDim, 2048);
        addLinear(spec, L + "mlp.layers.1", 2048, kModelDim);
        addNorm(spec, L + "norm3", kModelDim);
        addNorm(spec, L + "norm4", kModelDim);
        addDecoderAttention(spec, L + "cross_attn_image_to_token", kModelDim / 2);
    }
    addDecoderAttention(spec, d + "transformer.final_attn_token_to_image", kModelDim / 2);
    addNorm(spec, d + "transformer.norm_final_attn", kModelDim);
    spec.push_back({d + "iou_token.weight", {1, kModelDim}});
    spec.push_back({d + "mask_tokens.weight", {kNumMaskTokens, kModelDim}});
    spec.push_back({d + "obj_score_token.weight", {1, kModelDim}});
    addConv(spec, d + "output_upscaling.0", kModelDim, 64, 2, true);
    addNorm(spec, d + "output_upscaling.1", 64);
    addConv(spec, d + "output_upscaling.3", 64, 32, 2, true);
    addConv(spec, d + "conv_s0", kModelDim, 32, 1);
    addConv(spec, d + "conv_s1", kModelDim, 64, 1);
    for (int i = 0; i < kNumMaskTokens; ++i) {
        const std::string h = d + "output_hypernetworks_mlps." + std::to_string(i) + ".layers.";
        addLinear(spec, h + "0", kModelDim, kModelDim);
        addLinear(spec, h + "1", kModelDim, kModelDim);
        addLinear(spec, h + "2", kModelDim, 32);
    }
    addLinear(spec, d + "iou_prediction_head.layers.0", kModelDim, 256);
    addLinear(spec, d + "iou_prediction_head.layers.1", 256, 256);
    addLinear(spec, d + "iou_prediction_head.layers.2", 256, kNumMaskTokens);
    addLinear(spec, d + "pred_obj_score_head.layers.0", kModelDim, 256);
    addLinear(spec, d + "pred_obj_score_head.layers.1", 256, 256);
    addLinear(spec, d + "pred_obj_score_head.layers.2", 256, 1);
    spec.push_back({"no_mem_embed", {1, 1, kModelDim}});
    return spec;
}

bool isVideoOnlyKey(const std::string &key)
{
    for (const char *prefix : kVideoPrefixes)
        if (key.rfind(prefix, 0) == 0)
            return true;
    return false;
}

at::Tensor windowPartition(const at::Tensor &x, std::int64_t window)
{
    const std::int64_t b = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
    const std::int64_t padH = (window - h % window) % window, padW = (window - w % window) % window;
    at::Tensor p = (padH || padW) ? at::constant_pad_nd(x, {0, 0, 0, padW, 0, padH}, 0.0) : x;
    const std::int64_t hp = h + padH, wp = w + padW;
    return p.view({b, hp / window, window, wp / window, window, c})
        .permute({0, 1, 3, 2, 4, 5})
        .reshape({-1, window, window, c});
}

at::Tensor windowUnpartition(const at::Tensor &windows, std::int64_t window, std::int64_t paddedH,
                             std::int64_t paddedW, std::int64_t h, std::int64_t w)
{
    const std::int64_t b = windows.size(0) / (paddedH * paddedW / window / window);
    at::Tensor x = windows.reshape({b, paddedH / window, paddedW / window, window, window, -1})
                       .permute({0, 1, 3, 2, 4, 5})
                       .reshape({b, paddedH, paddedW, -1});
    if (paddedH > h || paddedW > w)
        x = x.slice(1, 0, h).slice(2, 0, w).contiguous();
    return x;
}

at::Tensor poolChannelsLast(const at::Tensor &x)
{
    return at::max_pool2d(x.permute({0, 3, 1, 2}), {2, 2}, {2, 2}).permute({0, 2, 3, 1});
}

at::Tensor hieraPosEmbed(const at::Tensor &posEmbed, const at::Tensor &windowEmbed, std::int64_t h, std::int64_t w)
{
    at::Tensor pe = at::upsample_bicubic2d(posEmbed, {h, w}, false);
    pe = pe + windowEmbed.repeat({1, 1, h / windowEmbed.size(2), w / windowEmbed.size(3)});
    return pe.permute({0, 2, 3, 1});
}

at::Tensor attention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v)
{
    const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
    const at::Tensor kt = k.transpose(-2, -1);
    // Chunk long query sequences so the score matrix of global attention stays small.
    constexpr std::int64_t kChunk = 1024;
    const std::int64_t n = q.size(-2);
    if (n <= 2 * kChunk)
        return at::matmul(at::softmax(at::matmul(q * scale, kt), -1), v);
    std::vector<at::Tensor> parts;
    for (std::int64_t s = 0; s < n; s += kChunk) {
        const at::Tensor qs = q.slice(-2, s, std::min(n, s + kChunk));
        parts.push_back(at::matmul(at::softmax(at::matmul(qs * scale, kt), -1), v));
    }
    return at::cat(parts, -2);
}

namespace {

// conv_transpose2d with a 2x2 kernel and stride 2: the output blocks do not overlap, so it is one matrix
// product [H*W, C] x [C, O*4] and a pixel shuffle. LibTorch 1.13's CPU kernel (col2im) is ~3x slower.
at::Tensor upsample2x2(const at::Tensor &x, const at::Tensor &weight, const at::Tensor &bias)
{
    const std::int64_t n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), o = weight.size(1);
    const at::Tensor y = at::matmul(x.flatten(2).transpose(1, 2), weight.reshape({c, o * 4}));
    return y.view({n, h, wd, o, 2, 2}).permute({0, 3, 1, 4, 2, 5}).reshape({n, o, 2 * h, 2 * wd})
        + bias.view({1, o, 1, 1});
}

} // namespace

Sam2Model::Sam2Model(Sam2Config cfg, Weights weights)
    : m_cfg(std::move(cfg))
    , m_w(std::move(weights))
    , m_blocks(blockGeometry(m_cfg))
{
}

Sam2Model Sam2Model::load(const std::filesystem::path &file)
{
    const Checkpoint ckpt = readCheckpoint(file);
    Weights loaded;
    for (const auto &[name, tensor] : ckpt.tensors)
        loaded[name] = tensor;
    const std::string where = file.string() + ": not a SAM 2.1 checkpoint: ";
    const auto patch = loaded.find("image_encoder.trunk.patch_embed.proj.weight");
    if (patch == loaded.end())
        throw Error(where + "missing key image_encoder.trunk.patch_embed.proj.weight");
    int depth = 0;
    const std::string blocksPrefix = "image_encoder.trunk.blocks.";
    for (const auto &[name, tensor] : loaded)
        if (name.rfind(blocksPrefix, 0) == 0)
            depth = std::max(depth, std::atoi(name.c_str() + blocksPrefix.size()) + 1);
    const std::int64_t embed = patch->second.dim() == 4 ? patch->second.size(0) : -1;
    const auto configs = allConfigs();
    const auto cfg = std::find_if(configs.begin(), configs.end(), [&](const Sam2Config &c) {
        return c.embedDim == embed && std::accumulate(c.stages.begin(), c.stages.end(), 0) == depth;
    });
    if (cfg == configs.end())
        throw Error(where + "no Hiera size has embed dim " + std::to_string(embed) + " and " + std::to_string(depth)
                    + " blocks");
    const auto spec = imagePathSpec(*cfg);
    checkTensors(loaded, spec, where, &isVideoOnlyKey); // the video path's tensors are not used here
    Weights weights;
    for (const auto &p : spec)
        weights[p.name] = loaded.at(p.name).to(at::kFloat).contiguous();
    return Sam2Model(*cfg, std::move(weights));
}

const at::Tensor &Sam2Model::w(const std::string &key) const
{
    const auto it = m_w.find(key);
    if (it == m_w.end())
        throw Error("sam2: internal error: no weight " + key);
    return it->second;
}

at::Tensor Sam2Model::linear(const at::Tensor &x, const std::string &prefix) const
{
    return at::linear(x, w(prefix + ".weight"), w(prefix + ".bias"));
}

at::Tensor Sam2Model::layerNorm(const at::Tensor &x, const std::string &prefix, double eps) const
{
    return at::layer_norm(x, {x.size(-1)}, w(prefix + ".weight"), w(prefix + ".bias"), eps);
}

at::Tensor Sam2Model::mlp(const at::Tensor &x, const std::string &prefix, int layers, bool gelu, bool sigmoid) const
{
    at::Tensor y = x;
    for (int i = 0; i < layers; ++i) {
        y = linear(y, prefix + ".layers." + std::to_string(i));
        if (i + 1 < layers)
            y = gelu ? at::gelu(y) : at::relu(y);
    }
    return sigmoid ? at::sigmoid(y) : y;
}

at::Tensor Sam2Model::preprocess(const std::uint8_t *rgb, std::int64_t h, std::int64_t w, std::size_t step)
{
    at::Tensor bytes = at::from_blob(const_cast<std::uint8_t *>(rgb), {h, w, 3},
                                     {static_cast<std::int64_t>(step), 3, 1}, at::kByte);
    at::Tensor x = bytes.permute({2, 0, 1}).unsqueeze(0).to(at::kFloat).div(255.0).contiguous();
    // Squash to 1024x1024 with antialiasing, on the float image, before normalising (SAM2Transforms).
    x = at::_upsample_bilinear2d_aa(x, {kImageSize, kImageSize}, false);
    const at::Tensor mean = at::tensor({0.485f, 0.456f, 0.406f}).view({1, 3, 1, 1});
    const at::Tensor std = at::tensor({0.229f, 0.224f, 0.225f}).view({1, 3, 1, 1});
    return (x - mean) / std;
}

at::Tensor Sam2Model::hieraBlock(const at::Tensor &x, int index, const BlockGeometry &g) const
{
    const std::string b = "image_encoder.trunk.blocks." + std::to_string(index) + ".";
    at::Tensor shortcut = x;
    const at::Tensor xn = layerNorm(x, b + "norm1", kHieraEps);
    if (g.dim != g.dimOut)
        shortcut = poolChannelsLast(linear(xn, b + "proj"));
    std::int64_t h = xn.size(1), wd = xn.size(2);
    std::int64_t window = g.window;
    std::int64_t paddedH = h, paddedW = wd;
    at::Tensor y = xn;
    if (window > 0) {
        paddedH = h + (window - h % window) % window;
        paddedW = wd + (window - wd % window) % window;
        y = windowPartition(xn, window);
    }
    // Multi-scale attention.
    const std::int64_t bw = y.size(0), ah = y.size(1), aw = y.size(2);
    const at::Tensor qkv = linear(y, b + "attn.qkv").reshape({bw, ah * aw, 3, g.heads, -1});
    const auto parts = qkv.unbind(2);
    at::Tensor q = parts[0];
    if (g.qPool) {
        q = poolChannelsLast(q.reshape({bw, ah, aw, -1}));
        q = q.reshape({bw, q.size(1) * q.size(2), g.heads, -1});
    }
    const std::int64_t oh = g.qPool ? ah / 2 : ah, ow = g.qPool ? aw / 2 : aw;
    at::Tensor o = attention(q.transpose(1, 2), parts[1].transpose(1, 2), parts[2].transpose(1, 2));
    o = linear(o.transpose(1, 2).reshape({bw, oh, ow, -1}), b + "attn.proj");
    if (g.qPool) {
        window = g.window / 2;
        h = shortcut.size(1);
        wd = shortcut.size(2);
        if (window > 0) {
            paddedH = h + (window - h % window) % window;
            paddedW = wd + (window - wd % window) % window;
        }
    }
    if (g.window > 0)
        o = windowUnpartition(o, window, paddedH, paddedW, h, wd);
    at::Tensor out = shortcut + o;
    return out + mlp(layerNorm(out, b + "norm2", kHieraEps), b + "mlp", 2, true, false);
}

std::vector<at::Tensor> Sam2Model::trunk(const at::Tensor &input) const
{
    const std::string t = "image_encoder.trunk.";
    at::Tensor x = at::conv2d(input, w(t + "patch_embed.proj.weight"), w(t + "patch_embed.proj.bias"), {4, 4}, {3, 3})
                       .permute({0, 2, 3, 1});
    x = x + hieraPosEmbed(w(t + "pos_embed"), w(t + "pos_embed_window"), x.size(1), x.size(2));
    const std::vector<int> ends = stageEnds(m_cfg);
    std::vector<at::Tensor> outs;
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        x = hieraBlock(x, static_cast<int>(i), m_blocks[i]);
        if (std::find(ends.begin(), ends.end(), static_cast<int>(i)) != ends.end())
            outs.push_back(x.permute({0, 3, 1, 2}).contiguous());
    }
    return outs;
}

ImageFeatures Sam2Model::encode(const at::Tensor &input, std::int64_t origH, std::int64_t origW) const
{
    return neck(trunk(input), origH, origW);
}

ImageFeatures Sam2Model::neck(const std::vector<at::Tensor> &xs, std::int64_t origH, std::int64_t origW) const
{
    const auto conv = [&](const at::Tensor &x, const std::string &p) {
        return at::conv2d(x, w(p + ".weight"), w(p + ".bias"));
    };
    const std::string n = "image_encoder.neck.convs.";
    const at::Tensor top = conv(xs[3], n + "0.conv");
    const at::Tensor level2 = conv(xs[2], n + "1.conv") + at::upsample_nearest2d(top, {top.size(2) * 2, top.size(3) * 2});
    const at::Tensor level1 = conv(xs[1], n + "2.conv");
    const at::Tensor level0 = conv(xs[0], n + "3.conv");
    ImageFeatures f;
    f.highRes0 = conv(level0, "sam_mask_decoder.conv_s0");
    f.highRes1 = conv(level1, "sam_mask_decoder.conv_s1");
    f.imageEmbed = level2 + w("no_mem_embed").view({1, kModelDim, 1, 1});
    f.origH = origH;
    f.origW = origW;
    return f;
}

at::Tensor Sam2Model::peEncode(const at::Tensor &coords01) const
{
    at::Tensor c = at::matmul(coords01 * 2.0 - 1.0, w("sam_prompt_encoder.pe_layer.positional_encoding_gaussian_matrix"));
    c = c * (2.0 * kPi);
    return at::cat({at::sin(c), at::cos(c)}, -1);
}

at::Tensor Sam2Model::denseImagePe() const
{
    const at::Tensor centres = (at::arange(kEmbedGrid, at::kFloat) + 0.5) / static_cast<double>(kEmbedGrid);
    const at::Tensor ys = centres.view({kEmbedGrid, 1}).expand({kEmbedGrid, kEmbedGrid});
    const at::Tensor xs = centres.view({1, kEmbedGrid}).expand({kEmbedGrid, kEmbedGrid});
    return peEncode(at::stack({xs, ys}, -1)).permute({2, 0, 1}).unsqueeze(0);
}

at::Tensor Sam2Model::decoderAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v,
                                       const std::string &prefix) const
{
    const auto heads = [](const at::Tensor &x) {
        return x.reshape({x.size(0), x.size(1), kDecoderHeads, -1}).transpose(1, 2);
    };
    const at::Tensor o = attention(heads(linear(q, prefix + ".q_proj")), heads(linear(k, prefix + ".k_proj")),
                                   heads(linear(v, prefix + ".v_proj")));
    return linear(o.transpose(1, 2).reshape({q.size(0), q.size(1), -1}), prefix + ".out_proj");
}

DecoderOutput Sam2Model::decode(const ImageFeatures &f, const std::vector<float> &box,
                                const std::vector<std::array<float, 2>> &points, const std::vector<int> &labels,
                                bool multimask) const
{
    // Prompt encoder: box corners (labels 2, 3) first, then clicks, then the padding point.
    std::vector<float> coords;
    std::vector<int> allLabels;
    const double sx = static_cast<double>(kImageSize) / f.origW, sy = static_cast<double>(kImageSize) / f.origH;
    const auto addPoint = [&](double x, double y, int label) {
        coords.push_back(static_cast<float>((x * sx + 0.5) / kImageSize));
        coords.push_back(static_cast<float>((y * sy + 0.5) / kImageSize));
        allLabels.push_back(label);
    };
    if (box.size() == 4) {
        addPoint(box[0], box[1], 2);
        addPoint(box[2], box[3], 3);
    }
    for (std::size_t i = 0; i < points.size(); ++i)
        addPoint(points[i][0], points[i][1], labels.at(i));
    coords.push_back(0.f);
    coords.push_back(0.f);
    allLabels.push_back(-1);
    const auto np = static_cast<std::int64_t>(allLabels.size());
    const at::Tensor c = at::from_blob(coords.data(), {1, np, 2}, at::kFloat).clone();
    at::Tensor sparse = peEncode(c);
    std::vector<at::Tensor> rows;
    const std::string p = "sam_prompt_encoder.";
    for (std::int64_t i = 0; i < np; ++i) {
        const int l = allLabels[static_cast<std::size_t>(i)];
        const at::Tensor pe = sparse.select(1, i).view({1, kModelDim});
        rows.push_back(l < 0 ? w(p + "not_a_point_embed.weight")
                             : pe + w(p + "point_embeddings." + std::to_string(l) + ".weight"));
    }
    sparse = at::stack(rows, 1).view({1, np, kModelDim});
    const at::Tensor dense = w(p + "no_mask_embed.weight").view({1, kModelDim, 1, 1});

    // Mask decoder: [obj_score, iou, 4 mask tokens] + sparse prompt tokens.
    const std::string d = "sam_mask_decoder.";
    const at::Tensor outputTokens =
        at::cat({w(d + "obj_score_token.weight"), w(d + "iou_token.weight"), w(d + "mask_tokens.weight")}, 0);
    const at::Tensor tokens = at::cat({outputTokens.unsqueeze(0), sparse}, 1);
    const at::Tensor src = f.imageEmbed + dense;
    const std::int64_t c0 = src.size(1), h = src.size(2), wd = src.size(3);
    const at::Tensor keyPe = denseImagePe().flatten(2).permute({0, 2, 1});
    at::Tensor keys = src.flatten(2).permute({0, 2, 1});
    at::Tensor queries = tokens;
    const std::string tr = d + "transformer.";
    for (int l = 0; l < 2; ++l) {
        const std::string L = tr + "layers." + std::to_string(l) + ".";
        if (l == 0) {
            queries = decoderAttention(queries, queries, queries, L + "self_attn");
        } else {
            const at::Tensor q = queries + tokens;
            queries = queries + decoderAttention(q, q, queries, L + "self_attn");
        }
        queries = layerNorm(queries, L + "norm1", kDecoderEps);
        queries = queries + decoderAttention(queries + tokens, keys + keyPe, keys, L + "cross_attn_token_to_image");
        queries = layerNorm(queries, L + "norm2", kDecoderEps);
        queries = layerNorm(queries + mlp(queries, L + "mlp", 2, false, false), L + "norm3", kDecoderEps);
        keys = keys + decoderAttention(keys + keyPe, queries + tokens, queries, L + "cross_attn_image_to_token");
        keys = layerNorm(keys, L + "norm4", kDecoderEps);
    }
    queries = queries + decoderAttention(queries + tokens, keys + keyPe, keys, tr + "final_attn_token_to_image");
    const at::Tensor hs = layerNorm(queries, tr + "norm_final_attn", kDecoderEps);

    const at::Tensor srcOut = keys.transpose(1, 2).reshape({1, c0, h, wd});
    const std::string u = d + "output_upscaling.";
    at::Tensor up = upsample2x2(srcOut, w(u + "0.weight"), w(u + "0.bias"));
    up = at::gelu(layerNorm2d(up + f.highRes1, w(u + "1.weight"), w(u + "1.bias")));
    up = at::gelu(upsample2x2(up, w(u + "3.weight"), w(u + "3.bias")) + f.highRes0);
    std::vector<at::Tensor> hyper;
    for (int i = 0; i < kNumMaskTokens; ++i)
        hyper.push_back(mlp(hs.select(1, 2 + i), d + "output_hypernetworks_mlps." + std::to_string(i), 3, false, false));
    const at::Tensor hyperIn = at::stack(hyper, 1); // [1,4,32]
    const std::int64_t uc = up.size(1), uh = up.size(2), uw = up.size(3);
    at::Tensor masks = at::matmul(hyperIn, up.view({1, uc, uh * uw})).view({1, kNumMaskTokens, uh, uw});
    at::Tensor iou = mlp(hs.select(1, 1), d + "iou_prediction_head", 3, false, true);
    DecoderOutput out;
    out.objectLogit = mlp(hs.select(1, 0), d + "pred_obj_score_head", 3, false, false);
    if (multimask) {
        masks = masks.slice(1, 1);
        iou = iou.slice(1, 1);
    } else {
        // Dynamic multimask via stability: keep token 0 when its mask is stable, else the best of 1..3.
        const at::Tensor single = masks.slice(1, 0, 1);
        const at::Tensor areaI = (single > 0.05).sum({-2, -1}).to(at::kFloat);
        const at::Tensor areaU = (single > -0.05).sum({-2, -1}).to(at::kFloat);
        const float stability = areaU.item<float>() > 0 ? (areaI / areaU).item<float>() : 1.f;
        if (stability >= 0.98f) {
            masks = single;
            iou = iou.slice(1, 0, 1);
        } else {
            const std::int64_t best = iou.slice(1, 1).argmax(1).item<std::int64_t>() + 1;
            masks = masks.slice(1, best, best + 1);
            iou = iou.slice(1, best, best + 1);
        }
    }
    out.lowResLogits = masks;
    out.iou = iou;
    return out;
}

} // namespace s2s::sam2
