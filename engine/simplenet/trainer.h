#pragma once

#include "engine/core/progress.h"
#include "engine/simplenet/feature_bank.h"
#include "engine/simplenet/simplenet_heads.h"
#include "engine/simplenet/train_progress.h"

#include <cstdint>

namespace s2s {

struct TrainSettings
{
    int epochs = 160;
    int batchSize = 8; // images per step
    double noiseSigma = 0.015;
    double margin = 0.5;
    double adaptorLr = 1e-4;
    double adaptorWeightDecay = 0.01; // AdamW (decoupled), as the official code
    double dscLr = 2e-4;
    double dscWeightDecay = 1e-5;     // Adam (coupled L2)
    std::int64_t hidden = 1024;
    std::uint64_t seed = 0;
};

// The truncated L1 loss: mean(relu(m - D(true))) + mean(relu(D(fake) + m)).
at::Tensor truncatedL1(const at::Tensor &dTrue, const at::Tensor &dFake, double margin);

// Trains new heads on the bank's features: per step a batch of images, true = A(f),
// fake = A(f) + N(0, sigma^2) drawn fresh, D on [true; fake] as one batch (shared BN statistics),
// one backward pass, AdamW for A and Adam for D, constant learning rates, final model returned.
// Deterministic for a seed. Throws s2s::Cancelled when cancelled.
SimpleNetHeads trainHeads(const FeatureBank &train, const TrainSettings &settings,
                          const TrainProgressFn &progress, const CancelToken &cancel);

} // namespace s2s
