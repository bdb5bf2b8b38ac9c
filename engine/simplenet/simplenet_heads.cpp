#include "engine/simplenet/simplenet_heads.h"

#include "engine/core/error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/init.h>

#include <cmath>
#include <map>

namespace s2s {

namespace {

// xavier_normal_ with an explicit generator, so initialisation is deterministic per seed.
void xavierNormal(at::Tensor &w, at::Generator &gen)
{
    const double fanIn = static_cast<double>(w.size(1)), fanOut = static_cast<double>(w.size(0));
    at::NoGradGuard noGrad;
    w.normal_(0.0, std::sqrt(2.0 / (fanIn + fanOut)), gen);
}

void uniformBias(at::Tensor &b, std::int64_t fanIn, at::Generator &gen)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
    at::NoGradGuard noGrad;
    b.uniform_(-bound, bound, gen);
}

} // namespace

SimpleNetHeadsImpl::SimpleNetHeadsImpl(std::int64_t dim, std::int64_t hiddenDim, std::uint64_t seed)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    adaptor = register_module("adaptor", torch::nn::Linear(dim, dim));
    hidden = register_module("hidden", torch::nn::Linear(dim, hiddenDim));
    norm = register_module("norm", torch::nn::BatchNorm1d(hiddenDim));
    tail = register_module("tail", torch::nn::Linear(torch::nn::LinearOptions(hiddenDim, 1).bias(false)));
    xavierNormal(adaptor->weight, gen);
    uniformBias(adaptor->bias, dim, gen);
    xavierNormal(hidden->weight, gen);
    uniformBias(hidden->bias, dim, gen);
    xavierNormal(tail->weight, gen);
}

at::Tensor SimpleNetHeadsImpl::adapt(const at::Tensor &features)
{
    return adaptor->forward(features);
}

at::Tensor SimpleNetHeadsImpl::discriminate(const at::Tensor &adapted)
{
    at::Tensor x = at::leaky_relu(norm->forward(hidden->forward(adapted)), 0.2);
    return tail->forward(x).squeeze(1);
}

StateDict SimpleNetHeadsImpl::stateDict() const
{
    const auto c = [](const at::Tensor &t) { return t.detach().clone(); };
    return {
        {"pre_projection.layers.0fc.weight", c(adaptor->weight)},
        {"pre_projection.layers.0fc.bias", c(adaptor->bias)},
        {"discriminator.body.block1.0.weight", c(hidden->weight)},
        {"discriminator.body.block1.0.bias", c(hidden->bias)},
        {"discriminator.body.block1.1.weight", c(norm->weight)},
        {"discriminator.body.block1.1.bias", c(norm->bias)},
        {"discriminator.body.block1.1.running_mean", c(norm->running_mean)},
        {"discriminator.body.block1.1.running_var", c(norm->running_var)},
        {"discriminator.body.block1.1.num_batches_tracked", c(norm->num_batches_tracked)},
        {"discriminator.tail.weight", c(tail->weight)},
    };
}

void SimpleNetHeadsImpl::loadStateDict(const StateDict &tensors, const std::string &where)
{
    std::map<std::string, at::Tensor> byName;
    for (const auto &[n, t] : tensors)
        byName[n] = t;
    at::NoGradGuard noGrad;
    for (auto &[name, target] : stateDict()) {
        const auto it = byName.find(name);
        if (it == byName.end())
            throw Error(where + ": not a SimpleNet head file: missing " + name);
        if (it->second.sizes() != target.sizes())
            throw Error(where + ": SimpleNet head " + name + " has the wrong shape");
    }
    adaptor->weight.copy_(byName.at("pre_projection.layers.0fc.weight"));
    adaptor->bias.copy_(byName.at("pre_projection.layers.0fc.bias"));
    hidden->weight.copy_(byName.at("discriminator.body.block1.0.weight"));
    hidden->bias.copy_(byName.at("discriminator.body.block1.0.bias"));
    norm->weight.copy_(byName.at("discriminator.body.block1.1.weight"));
    norm->bias.copy_(byName.at("discriminator.body.block1.1.bias"));
    norm->running_mean.copy_(byName.at("discriminator.body.block1.1.running_mean"));
    norm->running_var.copy_(byName.at("discriminator.body.block1.1.running_var"));
    norm->num_batches_tracked.copy_(byName.at("discriminator.body.block1.1.num_batches_tracked"));
    tail->weight.copy_(byName.at("discriminator.tail.weight"));
}

FusedHeads FusedHeads::fromHeads(SimpleNetHeads &heads)
{
    at::NoGradGuard noGrad;
    const double eps = heads->norm->options.eps();
    const at::Tensor scale = heads->norm->weight / at::sqrt(heads->norm->running_var + eps);
    const at::Tensor w1 = heads->hidden->weight, b1 = heads->hidden->bias;
    const at::Tensor wa = heads->adaptor->weight, ba = heads->adaptor->bias;
    FusedHeads f;
    // BN(W1 (Wa f + ba) + b1) = scale * (W1 Wa f + W1 ba + b1 - mean) + beta
    f.weight = (scale.unsqueeze(1) * at::matmul(w1, wa)).contiguous();
    f.bias = (scale * (at::matmul(w1, ba) + b1 - heads->norm->running_mean) + heads->norm->bias).contiguous();
    f.tail = heads->tail->weight.squeeze(0).contiguous().clone();
    return f;
}

at::Tensor FusedHeads::patchScores(const at::Tensor &features) const
{
    const at::Tensor h = at::leaky_relu(at::addmm(bias, features, weight.t()), 0.2);
    return -at::mv(h, tail);
}

} // namespace s2s
