#pragma once

#include "engine/io/checkpoint.h"

#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/linear.h>

#include <cstdint>

namespace s2s {

// SimpleNet's learned part: the feature adaptor A = Linear(d, d) and the discriminator
// D = Linear(d, h) -> BatchNorm1d -> LeakyReLU(0.2) -> Linear(h, 1, no bias). Key names follow the
// official ckpt.pth ("pre_projection.layers.0fc.*", "discriminator.body.block1.{0,1}.*",
// "discriminator.tail.weight").
class SimpleNetHeadsImpl : public torch::nn::Module
{
public:
    SimpleNetHeadsImpl(std::int64_t dim, std::int64_t hidden, std::uint64_t seed);

    at::Tensor adapt(const at::Tensor &features);          // [N, d] -> [N, d]
    at::Tensor discriminate(const at::Tensor &adapted);    // [N, d] -> [N] (D score, higher = normal)

    StateDict stateDict() const;
    void loadStateDict(const StateDict &tensors, const std::string &where);

    torch::nn::Linear adaptor{nullptr};
    torch::nn::Linear hidden{nullptr};
    torch::nn::BatchNorm1d norm{nullptr};
    torch::nn::Linear tail{nullptr};
};
TORCH_MODULE(SimpleNetHeads);

// Inference form of the heads: A, the first Linear and eval-mode batch norm are all affine, so they
// fold into one [h, d] matrix and bias; then LeakyReLU and the tail. Patch score = -D.
struct FusedHeads
{
    at::Tensor weight; // [h, d]
    at::Tensor bias;   // [h]
    at::Tensor tail;   // [h]

    static FusedHeads fromHeads(SimpleNetHeads &heads);
    at::Tensor patchScores(const at::Tensor &features) const; // [N, d] -> [N], = -D(A f)
};

} // namespace s2s
