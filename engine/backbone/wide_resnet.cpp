// torchvision wide_resnet50_2 (ResNet-50 with bottleneck width x2), up to layer3, inference only.
#include "engine/backbone/backbones_internal.h"
#include "engine/backbone/weights.h"
#include "engine/io/checkpoint.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace s2s {

namespace {

constexpr int kBlocks[4] = {3, 4, 6, 3};
constexpr std::int64_t kPlanes[4] = {64, 128, 256, 512};
constexpr std::int64_t kWidthFactor = 2; // base_width 128 / 64
constexpr std::int64_t kExpansion = 4;

std::vector<ParamSpec> wideResNetSpec()
{
    std::vector<ParamSpec> s;
    s.push_back({"conv1.weight", {64, 3, 7, 7}});
    addBatchNorm(s, "bn1", 64);
    std::int64_t in = 64;
    for (int l = 0; l < 4; ++l) {
        const std::int64_t width = kPlanes[l] * kWidthFactor, out = kPlanes[l] * kExpansion;
        for (int b = 0; b < kBlocks[l]; ++b) {
            const std::string p = "layer" + std::to_string(l + 1) + "." + std::to_string(b) + ".";
            s.push_back({p + "conv1.weight", {width, in, 1, 1}});
            addBatchNorm(s, p + "bn1", width);
            s.push_back({p + "conv2.weight", {width, width, 3, 3}});
            addBatchNorm(s, p + "bn2", width);
            s.push_back({p + "conv3.weight", {out, width, 1, 1}});
            addBatchNorm(s, p + "bn3", out);
            if (b == 0) {
                s.push_back({p + "downsample.0.weight", {out, in, 1, 1}});
                addBatchNorm(s, p + "downsample.1", out);
            }
            in = out;
        }
    }
    s.push_back({"fc.weight", {1000, 2048}});
    s.push_back({"fc.bias", {1000}});
    return s;
}

struct ConvBn
{
    at::Tensor weight, bias;
    std::int64_t stride = 1, padding = 0;

    at::Tensor operator()(const at::Tensor &x) const
    {
        return at::conv2d(x, weight, bias, {stride, stride}, {padding, padding});
    }
};

struct Bottleneck
{
    ConvBn c1, c2, c3;
    bool hasDownsample = false;
    ConvBn down;

    at::Tensor operator()(const at::Tensor &x) const
    {
        at::Tensor y = at::relu(c1(x));
        y = at::relu(c2(y));
        y = c3(y);
        return at::relu(y + (hasDownsample ? down(x) : x));
    }
};

class WideResNet50 final : public Backbone
{
public:
    WideResNet50(const TensorMap &w, bool pretrained, std::string sha)
        : m_pretrained(pretrained)
        , m_sha(std::move(sha))
    {
        std::tie(m_stem.weight, m_stem.bias) = foldBatchNorm(w, "conv1", "bn1");
        m_stem.stride = 2;
        m_stem.padding = 3;
        // Only layer1..layer3 are computed; layer4 and fc are checked on load but never run.
        for (int l = 0; l < 3; ++l) {
            for (int b = 0; b < kBlocks[l]; ++b) {
                const std::string p = "layer" + std::to_string(l + 1) + "." + std::to_string(b) + ".";
                Bottleneck block;
                std::tie(block.c1.weight, block.c1.bias) = foldBatchNorm(w, p + "conv1", p + "bn1");
                std::tie(block.c2.weight, block.c2.bias) = foldBatchNorm(w, p + "conv2", p + "bn2");
                block.c2.padding = 1;
                block.c2.stride = (b == 0 && l > 0) ? 2 : 1;
                std::tie(block.c3.weight, block.c3.bias) = foldBatchNorm(w, p + "conv3", p + "bn3");
                if (b == 0) {
                    block.hasDownsample = true;
                    std::tie(block.down.weight, block.down.bias) = foldBatchNorm(w, p + "downsample.0", p + "downsample.1");
                    block.down.stride = l > 0 ? 2 : 1;
                }
                m_layers[l].push_back(std::move(block));
            }
        }
    }

    std::string name() const override { return "wide_resnet50_2"; }
    bool pretrained() const override { return m_pretrained; }
    std::string weightsSha256() const override { return m_sha; }
    std::vector<int> tapChannels() const override { return {512, 1024}; }

    std::vector<at::Tensor> forwardTaps(const at::Tensor &input) override
    {
        c10::InferenceMode guard;
        at::Tensor x = at::relu(m_stem(input));
        x = at::max_pool2d(x, {3, 3}, {2, 2}, {1, 1});
        std::vector<at::Tensor> taps;
        for (int l = 0; l < 3; ++l) {
            for (const auto &block : m_layers[l])
                x = block(x);
            if (l >= 1)
                taps.push_back(x);
        }
        return taps;
    }

    BackboneScript script() const override
    {
        BackboneScript s;
        const auto conv = [&s](const ConvBn &c, const std::string &name, const std::string &out, const std::string &in,
                               const std::string &activation) {
            return scriptConv(s, name, c.weight, c.bias, out, in, c.stride, c.padding, 1, activation);
        };
        s.source = "def taps(self, x: Tensor) -> Tuple[Tensor, Tensor]:\n";
        s.source += conv(m_stem, "stem", "x", "x", "relu");
        s.source += "    x = torch.max_pool2d(x, [3, 3], [2, 2], [1, 1], [1, 1], False)\n";
        for (int l = 0; l < 3; ++l) {
            for (std::size_t b = 0; b < m_layers[l].size(); ++b) {
                const Bottleneck &block = m_layers[l][b];
                const std::string p = "layer" + std::to_string(l + 1) + "_" + std::to_string(b) + "_";
                s.source += conv(block.c1, p + "c1", "y", "x", "relu");
                s.source += conv(block.c2, p + "c2", "y", "y", "relu");
                s.source += conv(block.c3, p + "c3", "y", "y", "");
                if (block.hasDownsample) {
                    s.source += conv(block.down, p + "down", "d", "x", "");
                    s.source += "    x = torch.relu(y + d)\n";
                } else {
                    s.source += "    x = torch.relu(y + x)\n";
                }
            }
            if (l == 1)
                s.source += "    t2 = x\n";
        }
        s.source += "    return t2, x\n";
        return s;
    }

private:
    ConvBn m_stem;
    std::vector<Bottleneck> m_layers[3];
    bool m_pretrained;
    std::string m_sha;
};

} // namespace

std::unique_ptr<Backbone> makeWideResNet50(const std::filesystem::path &weights, unsigned seed)
{
    const auto spec = wideResNetSpec();
    if (weights.empty())
        return std::make_unique<WideResNet50>(randomWeights(spec, seed), false, std::string());
    // Loaded (its structure checked) before hashed: a 4 GB file that is no checkpoint is refused at once.
    auto loaded = loadTorchvisionWeights(weights, spec, "wide_resnet50_2");
    return std::make_unique<WideResNet50>(std::move(loaded), true, sha256File(weights));
}

} // namespace s2s
