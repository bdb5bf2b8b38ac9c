// torchvision mobilenet_v2, inference only. SimpleNet taps the last stride-8 block (features.6,
// 32 channels) and the last stride-16 block (features.13, 96 channels): the analogues of ResNet's
// layer2 and layer3 ends, at the same 36x36 / 18x18 grids for a 288 crop.
#include "engine/backbone/backbones_internal.h"
#include "engine/backbone/weights.h"
#include "engine/io/checkpoint.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace s2s {

namespace {

struct Setting
{
    std::int64_t t, c;
    int n;
    std::int64_t s;
};
constexpr Setting kSettings[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
                                 {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
constexpr int kLastTap = 13;

struct Conv
{
    at::Tensor weight, bias;
    std::int64_t stride = 1, padding = 0, groups = 1;
    bool relu6 = false;

    at::Tensor operator()(const at::Tensor &x) const
    {
        at::Tensor y = at::conv2d(x, weight, bias, {stride, stride}, {padding, padding}, {1, 1}, groups);
        return relu6 ? at::hardtanh(y, 0.0, 6.0) : y;
    }
};

struct Block
{
    std::vector<Conv> convs;
    bool residual = false;

    at::Tensor operator()(const at::Tensor &x) const
    {
        at::Tensor y = x;
        for (const auto &c : convs)
            y = c(y);
        return residual ? x + y : y;
    }
};

struct BlockShape
{
    std::int64_t in, out, hidden, stride, t;
};

std::vector<BlockShape> blockShapes()
{
    std::vector<BlockShape> b;
    std::int64_t in = 32;
    for (const auto &s : kSettings)
        for (int i = 0; i < s.n; ++i) {
            b.push_back({in, s.c, in * s.t, i == 0 ? s.s : 1, s.t});
            in = s.c;
        }
    return b;
}

std::vector<ParamSpec> mobileNetSpec()
{
    std::vector<ParamSpec> s;
    s.push_back({"features.0.0.weight", {32, 3, 3, 3}});
    addBatchNorm(s, "features.0.1", 32);
    int index = 1;
    for (const auto &b : blockShapes()) {
        const std::string p = "features." + std::to_string(index++) + ".conv.";
        int k = 0;
        if (b.t != 1) {
            s.push_back({p + "0.0.weight", {b.hidden, b.in, 1, 1}});
            addBatchNorm(s, p + "0.1", b.hidden);
            k = 1;
        }
        s.push_back({p + std::to_string(k) + ".0.weight", {b.hidden, 1, 3, 3}});
        addBatchNorm(s, p + std::to_string(k) + ".1", b.hidden);
        s.push_back({p + std::to_string(k + 1) + ".weight", {b.out, b.hidden, 1, 1}});
        addBatchNorm(s, p + std::to_string(k + 2), b.out);
    }
    s.push_back({"features.18.0.weight", {1280, 320, 1, 1}});
    addBatchNorm(s, "features.18.1", 1280);
    s.push_back({"classifier.1.weight", {1000, 1280}});
    s.push_back({"classifier.1.bias", {1000}});
    return s;
}

class MobileNetV2 final : public Backbone
{
public:
    MobileNetV2(const TensorMap &w, bool pretrained, std::string sha)
        : m_pretrained(pretrained)
        , m_sha(std::move(sha))
    {
        Conv stem;
        std::tie(stem.weight, stem.bias) = foldBatchNorm(w, "features.0.0", "features.0.1");
        stem.stride = 2;
        stem.padding = 1;
        stem.relu6 = true;
        m_stem = stem;
        int index = 1;
        for (const auto &b : blockShapes()) {
            if (index > kLastTap)
                break;
            const std::string p = "features." + std::to_string(index++) + ".conv.";
            Block block;
            block.residual = b.stride == 1 && b.in == b.out;
            int k = 0;
            if (b.t != 1) {
                Conv expand;
                std::tie(expand.weight, expand.bias) = foldBatchNorm(w, p + "0.0", p + "0.1");
                expand.relu6 = true;
                block.convs.push_back(expand);
                k = 1;
            }
            Conv depthwise;
            std::tie(depthwise.weight, depthwise.bias)
                = foldBatchNorm(w, p + std::to_string(k) + ".0", p + std::to_string(k) + ".1");
            depthwise.stride = b.stride;
            depthwise.padding = 1;
            depthwise.groups = b.hidden;
            depthwise.relu6 = true;
            block.convs.push_back(depthwise);
            Conv project;
            std::tie(project.weight, project.bias)
                = foldBatchNorm(w, p + std::to_string(k + 1), p + std::to_string(k + 2));
            block.convs.push_back(project);
            m_blocks.push_back(std::move(block));
        }
    }

    std::string name() const override { return "mobilenet_v2"; }
    bool pretrained() const override { return m_pretrained; }
    std::string weightsSha256() const override { return m_sha; }
    std::vector<int> tapChannels() const override { return {32, 96}; }

    std::vector<at::Tensor> forwardTaps(const at::Tensor &input) override
    {
        c10::InferenceMode guard;
        at::Tensor x = m_stem(input);
        std::vector<at::Tensor> taps;
        for (std::size_t i = 0; i < m_blocks.size(); ++i) {
            x = m_blocks[i](x);
            const int feature = static_cast<int>(i) + 1;
            if (feature == 6 || feature == kLastTap)
                taps.push_back(x);
        }
        return taps;
    }

    BackboneScript script() const override
    {
        BackboneScript s;
        const auto conv = [&s](const Conv &c, const std::string &name, const std::string &out, const std::string &in) {
            return scriptConv(s, name, c.weight, c.bias, out, in, c.stride, c.padding, c.groups, c.relu6 ? "relu6" : "");
        };
        s.source = "def taps(self, x: Tensor) -> Tuple[Tensor, Tensor]:\n";
        s.source += conv(m_stem, "stem", "x", "x");
        for (std::size_t i = 0; i < m_blocks.size(); ++i) {
            const int feature = static_cast<int>(i) + 1;
            const Block &block = m_blocks[i];
            for (std::size_t k = 0; k < block.convs.size(); ++k)
                s.source += conv(block.convs[k], "f" + std::to_string(feature) + "_" + std::to_string(k), "y",
                                 k == 0 ? "x" : "y");
            s.source += block.residual ? "    x = x + y\n" : "    x = y\n";
            if (feature == 6)
                s.source += "    t2 = x\n";
        }
        s.source += "    return t2, x\n";
        return s;
    }

private:
    Conv m_stem;
    std::vector<Block> m_blocks;
    bool m_pretrained;
    std::string m_sha;
};

} // namespace

std::unique_ptr<Backbone> makeMobileNetV2(const std::filesystem::path &weights, unsigned seed)
{
    const auto spec = mobileNetSpec();
    if (weights.empty())
        return std::make_unique<MobileNetV2>(randomWeights(spec, seed), false, std::string());
    // Loaded (its structure checked) before hashed: a 4 GB file that is no checkpoint is refused at once.
    auto loaded = loadTorchvisionWeights(weights, spec, "mobilenet_v2");
    return std::make_unique<MobileNetV2>(std::move(loaded), true, sha256File(weights));
}

} // namespace s2s
