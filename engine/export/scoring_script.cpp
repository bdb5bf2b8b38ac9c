#include "engine/export/scoring_script.h"

#include "engine/core/error.h"

#include <ATen/ATen.h>
#include <cmath>

namespace s2s {

namespace {

constexpr int kTaps = 33;
constexpr int kRadius = 16;
constexpr double kSigma = 4.0;
constexpr std::int64_t kEmbedDim = 1536;

// The same ATen ops, in the same order, as FeatureExtractor::extract, FusedHeads::patchScores,
// imageScore and pixelMap (engine/backbone, engine/simplenet), batched over B. Every op is an ATen
// builtin (torch.<op>), so the module needs no Python and loads in any LibTorch or PyTorch 1.13+.
// torch's F.pad(mode='reflect') is BORDER_REFLECT_101 (edge not repeated); the engine blurs with
// BORDER_REFLECT (d c b a | a b c d), so the pad is built from flipped slices.
const char *kScoringSource = R"ts(
def patch_features(self, f2: Tensor, f3: Tensor) -> Tensor:
    b = f2.size(0)
    c2 = f2.size(1)
    h = f2.size(2)
    w = f2.size(3)
    c3 = f3.size(1)
    h3 = f3.size(2)
    w3 = f3.size(3)
    p2 = torch.im2col(f2, [3, 3], [1, 1], [1, 1], [1, 1]).reshape([b, c2, 3, 3, h * w]).permute([0, 4, 1, 2, 3])
    p3 = torch.im2col(f3, [3, 3], [1, 1], [1, 1], [1, 1]).reshape([b, c3, 3, 3, h3 * w3]).permute([0, 4, 1, 2, 3])
    p3 = p3.reshape([b, h3, w3, c3, 3, 3]).permute([0, 3, 4, 5, 1, 2])
    p3 = torch.upsample_bilinear2d(p3.reshape([-1, 1, h3, w3]), [h, w], False, None, None)
    p3 = p3.reshape([b, c3, 3, 3, h, w]).permute([0, 4, 5, 1, 2, 3]).reshape([b, h * w, c3, 3, 3])
    n = b * h * w
    e2 = torch.adaptive_avg_pool1d(p2.reshape([n, 1, c2 * 9]), [EMBED])
    e3 = torch.adaptive_avg_pool1d(p3.reshape([n, 1, c3 * 9]), [EMBED])
    joint = torch.stack([e2.squeeze(1), e3.squeeze(1)], 1)
    return torch.adaptive_avg_pool1d(joint.reshape([n, 1, 2 * EMBED]), [EMBED]).reshape([n, EMBED]).contiguous()

def smooth(self, m: Tensor) -> Tensor:
    m = torch.cat([torch.flip(m[:, :, :, 0:RADIUS], [3]), m, torch.flip(m[:, :, :, -RADIUS:], [3])], 3)
    m = torch.conv2d(m, self.gauss_row)
    m = torch.cat([torch.flip(m[:, :, 0:RADIUS, :], [2]), m, torch.flip(m[:, :, -RADIUS:, :], [2])], 2)
    return torch.conv2d(m, self.gauss_col)

def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
    assert x.dim() == 4 and x.size(1) == 3 and x.size(2) == SIZE and x.size(3) == SIZE, "expected a [B, 3, SIZE, SIZE] float32 batch (resized, cropped, ImageNet-normalised)"
    b = x.size(0)
    f2, f3 = self.taps(x)
    h = f2.size(2)
    w = f2.size(3)
    rows = self.patch_features(f2, f3)
    hidden = torch.leaky_relu(torch.addmm(self.head_bias, rows, self.head_weight.t()), 0.2)
    grid = torch.neg(torch.mv(hidden, self.head_tail)).reshape([b, 1, h, w])
    scores = torch.amax(grid.reshape([b, h * w]), [1])
    up = torch.upsample_bilinear2d(grid, [SIZE, SIZE], False, None, None)
    maps = self.smooth(up).reshape([b, SIZE, SIZE])
    return scores, maps
)ts";

std::string replaceAll(std::string text, const std::string &from, const std::string &to)
{
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

} // namespace

at::Tensor gaussianKernel33()
{
    // cv::getGaussianKernel: exp(-(i - r)^2 / (2 sigma^2)) in double, normalised, stored as float.
    std::vector<double> k(kTaps);
    double sum = 0.0;
    for (int i = 0; i < kTaps; ++i) {
        const double x = i - kRadius;
        k[i] = std::exp(-x * x / (2.0 * kSigma * kSigma));
        sum += k[i];
    }
    at::Tensor t = at::empty({kTaps}, at::kFloat);
    for (int i = 0; i < kTaps; ++i)
        t[i] = static_cast<float>(k[i] / sum);
    return t;
}

torch::jit::Module buildScoringModule(
    const Backbone &backbone, const FusedHeads &heads, int imageSize)
{
    if (imageSize < 2 * kRadius + 1)
        throw Error("export: image size " + std::to_string(imageSize)
            + " is too small for the 33-tap smoothing");
    torch::jit::Module module(c10::QualifiedName("__torch__.sam2sim.SimpleNetScorer"));
    const BackboneScript script = backbone.script();
    for (const auto &[name, tensor] : script.buffers)
        module.register_buffer(name, tensor.detach().contiguous().clone());
    module.register_buffer("head_weight", heads.weight.detach().contiguous().clone());
    module.register_buffer("head_bias", heads.bias.detach().contiguous().clone());
    module.register_buffer("head_tail", heads.tail.detach().contiguous().clone());
    const at::Tensor g = gaussianKernel33();
    module.register_buffer("gauss_row", g.reshape({1, 1, 1, kTaps}).contiguous());
    module.register_buffer("gauss_col", g.reshape({1, 1, kTaps, 1}).contiguous());

    std::string source = replaceAll(kScoringSource, "SIZE", std::to_string(imageSize));
    source = replaceAll(source, "RADIUS", std::to_string(kRadius));
    source = replaceAll(source, "EMBED", std::to_string(kEmbedDim));
    module.define(script.source + source);
    module.eval();
    return module;
}

} // namespace s2s
