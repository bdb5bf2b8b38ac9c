#pragma once

#include "engine/io/checkpoint.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace s2s {

// The expected parameters of a torchvision model: name and shape, in torchvision's order.
using ParamSpec = TensorSpec;

using TensorMap = std::map<std::string, at::Tensor>;

// Loads a torchvision state dict and checks every key and shape against the spec; the first
// mismatch (missing, unexpected, wrong shape) is named in a one-line s2s::Error.
TensorMap loadTorchvisionWeights(const std::filesystem::path &file, const std::vector<ParamSpec> &spec,
                                 const std::string &modelName);

// torchvision-style random initialisation (Kaiming normal, fan_out, for convs; identity batch norm),
// deterministic in the seed.
TensorMap randomWeights(const std::vector<ParamSpec> &spec, std::uint64_t seed);

// Folds eval-mode batch norm `bn` into the preceding convolution's weight; returns {weight, bias}.
std::pair<at::Tensor, at::Tensor> foldBatchNorm(const TensorMap &w, const std::string &conv, const std::string &bn);

// Appends the 5 entries of a BatchNorm2d (weight, bias, running_mean, running_var, num_batches_tracked).
void addBatchNorm(std::vector<ParamSpec> &spec, const std::string &prefix, std::int64_t channels);

} // namespace s2s
