#include "engine/backbone/weights.h"

#include "engine/core/error.h"
#include "engine/io/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace s2s {

void addBatchNorm(std::vector<ParamSpec> &spec, const std::string &prefix, std::int64_t channels)
{
    spec.push_back({prefix + ".weight", {channels}});
    spec.push_back({prefix + ".bias", {channels}});
    spec.push_back({prefix + ".running_mean", {channels}});
    spec.push_back({prefix + ".running_var", {channels}});
    spec.push_back({prefix + ".num_batches_tracked", {}});
}

TensorMap loadTorchvisionWeights(const std::filesystem::path &file, const std::vector<ParamSpec> &spec,
                                 const std::string &modelName)
{
    const Checkpoint ckpt = readCheckpoint(file);
    TensorMap loaded;
    for (const auto &[name, tensor] : ckpt.tensors)
        loaded[name] = tensor;
    const std::string where = file.string() + ": not a " + modelName + " checkpoint: ";
    checkTensors(loaded, spec, where);
    TensorMap out;
    for (auto &[name, tensor] : loaded)
        out[name] = tensor.is_floating_point() ? tensor.to(at::kFloat).contiguous() : tensor;
    return out;
}

TensorMap randomWeights(const std::vector<ParamSpec> &spec, std::uint64_t seed)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    TensorMap out;
    for (const auto &p : spec) {
        const std::string &n = p.name;
        const auto ends = [&](const char *suffix) {
            const std::string s(suffix);
            return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0;
        };
        at::Tensor t;
        if (ends("num_batches_tracked"))
            t = at::zeros(p.shape, at::kLong);
        else if (ends("running_var"))
            t = at::ones(p.shape);
        else if (ends("running_mean"))
            t = at::zeros(p.shape);
        else if (p.shape.size() == 4) {
            // Kaiming normal, fan_out, ReLU gain, as torchvision initialises convolutions.
            const double fanOut = static_cast<double>(p.shape[0] * p.shape[2] * p.shape[3]);
            t = at::empty(p.shape).normal_(0.0, std::sqrt(2.0 / fanOut), gen);
        } else if (p.shape.size() == 2) {
            t = at::empty(p.shape).normal_(0.0, 0.01, gen);
        } else if (ends(".weight")) {
            t = at::ones(p.shape); // batch-norm scale
        } else {
            t = at::zeros(p.shape);
        }
        out[n] = t;
    }
    return out;
}

std::pair<at::Tensor, at::Tensor> foldBatchNorm(const TensorMap &w, const std::string &conv, const std::string &bn)
{
    const at::Tensor scale = w.at(bn + ".weight") / at::sqrt(w.at(bn + ".running_var") + 1e-5);
    const at::Tensor weight = w.at(conv + ".weight") * scale.reshape({-1, 1, 1, 1});
    const at::Tensor bias = w.at(bn + ".bias") - w.at(bn + ".running_mean") * scale;
    return {weight.contiguous(), bias.contiguous()};
}

} // namespace s2s
