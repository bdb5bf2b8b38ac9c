#pragma once

#include "engine/core/progress.h"
#include "engine/simplenet/feature_bank.h"
#include "engine/simplenet/simplenet_heads.h"
#include "engine/simplenet/train_progress.h"

#include <cstdint>
#include <memory>
#include <vector>

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
    // Fraction of each image's patch rows used per step (a fresh random subset every step). The loss
    // is a mean over rows, so the gradient stays unbiased; 1 is the official training.
    double patchFraction = 1.0;
    int maxSteps = 0; // > 0: stop after this many steps (a warm-start refit needs only a few)
};

// How the last epoch went (means over its steps), and whether the discriminator learnt anything.
struct TrainSummary
{
    double loss = 0.0;
    double pTrue = 0.0;
    double pFake = 0.0;
    int steps = 0; // total optimisation steps
    // The discriminator cannot tell true from fake features: the loss stays near its stationary
    // value (2 margins = 1) and few rows clear the margins. For identical inputs p_true + p_fake <= 1
    // (the two events are disjoint for one score); a learning discriminator drives both towards 1.
    // Typical cause: a noise sigma far below the feature scale. Maps are then noise.
    bool notLearning() const { return loss >= 0.9 && pTrue + pFake < 0.5; }
};

// The optimisers' state at the end of a training (Adam/AdamW step count and first and second moments
// per parameter, adaptor parameters then discriminator parameters), so that a warm-start refit
// continues the same optimisation. A fresh Adam moves every weight by a full learning rate on its
// first step (m/sqrt(v) = sign(g)); from trained heads that kick undoes much of a short refit.
struct OptimizerMoments
{
    std::vector<std::int64_t> steps;
    std::vector<at::Tensor> expAvg, expAvgSq;
};

struct TrainedHeads
{
    SimpleNetHeads heads{nullptr};
    TrainSummary summary;
    std::shared_ptr<const OptimizerMoments> moments;
};

// The truncated L1 loss: mean(relu(m - D(true))) + mean(relu(D(fake) + m)).
at::Tensor truncatedL1(const at::Tensor &dTrue, const at::Tensor &dFake, double margin);

// Trains new heads on the bank's features: per step a batch of images, true = A(f),
// fake = A(f) + N(0, sigma^2) drawn fresh, D on [true; fake] as one batch (shared BN statistics),
// one backward pass, AdamW for A and Adam for D, constant learning rates, final model returned.
// Deterministic for a seed. Throws s2s::Cancelled when cancelled. With `warmStart`, training starts
// from a copy of those heads (fresh optimiser state) instead of a new initialisation.
TrainedHeads trainHeads(const FeatureBank &train, const TrainSettings &settings, const TrainProgressFn &progress,
                        const CancelToken &cancel, const SimpleNetHeads *warmStart = nullptr,
                        const OptimizerMoments *moments = nullptr);

} // namespace s2s
