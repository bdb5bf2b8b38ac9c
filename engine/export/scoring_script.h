#pragma once

// Internal to engine/export: includes LibTorch's jit headers, never seen by the UI.
#include "engine/backbone/backbone.h"
#include "engine/simplenet/simplenet_heads.h"

#include <torch/csrc/jit/api/module.h>

namespace s2s {

// The whole scoring chain as one TorchScript module, defined from C++: backbone taps, SimpleNet
// patch features, fused heads, image score (max patch score), bilinear upsampling to imageSize and
// the 33-tap sigma-4 Gaussian with scipy's 'reflect' border. forward(x [B,3,S,S]) -> (scores [B],
// maps [B,S,S]).
torch::jit::Module buildScoringModule(
    const Backbone &backbone, const FusedHeads &heads, int imageSize);

// The separable smoothing kernel as OpenCV's getGaussianKernel(33, 4.0, CV_32F) computes it.
at::Tensor gaussianKernel33();

} // namespace s2s
