#include "engine/simplenet/trainer.h"

#include "engine/core/error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <cstdio>
#include <numeric>
#include <random>

namespace s2s {

at::Tensor truncatedL1(const at::Tensor &dTrue, const at::Tensor &dFake, double margin)
{
    return at::relu(margin - dTrue).mean() + at::relu(dFake + margin).mean();
}

namespace {

std::string stateKey(const at::Tensor &p)
{
    return c10::guts::to_string(p.unsafeGetTensorImpl()); // how LibTorch's optimisers key their state
}

template <typename State, typename Optimizer>
void restoreMoments(Optimizer &opt, const std::vector<at::Tensor> &params, const OptimizerMoments &m, std::size_t first)
{
    for (std::size_t i = 0; i < params.size(); ++i) {
        auto st = std::make_unique<State>();
        st->step(m.steps.at(first + i));
        st->exp_avg(m.expAvg.at(first + i).clone());
        st->exp_avg_sq(m.expAvgSq.at(first + i).clone());
        opt.state()[stateKey(params[i])] = std::move(st);
    }
}

template <typename State, typename Optimizer>
bool collectMoments(const Optimizer &opt, const std::vector<at::Tensor> &params, OptimizerMoments &m)
{
    for (const auto &p : params) {
        const auto it = opt.state().find(stateKey(p));
        if (it == opt.state().end())
            return false;
        const auto &st = static_cast<const State &>(*it->second);
        m.steps.push_back(st.step());
        m.expAvg.push_back(st.exp_avg().detach().clone());
        m.expAvgSq.push_back(st.exp_avg_sq().detach().clone());
    }
    return true;
}

} // namespace

TrainedHeads trainHeads(const FeatureBank &train, const TrainSettings &s, const TrainProgressFn &progress,
                        const CancelToken &cancel, const SimpleNetHeads *warmStart, const OptimizerMoments *moments)
{
    if (train.size() == 0)
        throw Error("training: no training features");
    if (s.epochs < 1 || s.batchSize < 1)
        throw Error("training: epochs and batch size must be at least 1");
    if (!(s.patchFraction > 0.0 && s.patchFraction <= 1.0))
        throw Error("training: the patch fraction must be in (0, 1]");
    SimpleNetHeads heads(train.dim(), s.hidden, s.seed);
    if (warmStart)
        heads->loadStateDict((*warmStart)->stateDict(), "warm start");
    heads->train();
    std::vector<at::Tensor> adaptorParams = heads->adaptor->parameters();
    std::vector<at::Tensor> dscParams = heads->hidden->parameters();
    for (const auto &p : heads->norm->parameters())
        dscParams.push_back(p);
    for (const auto &p : heads->tail->parameters())
        dscParams.push_back(p);
    torch::optim::AdamW adaptorOpt(adaptorParams,
                                   torch::optim::AdamWOptions(s.adaptorLr).weight_decay(s.adaptorWeightDecay));
    torch::optim::Adam dscOpt(dscParams, torch::optim::AdamOptions(s.dscLr).weight_decay(s.dscWeightDecay));
    if (warmStart && moments && moments->steps.size() == adaptorParams.size() + dscParams.size()) {
        restoreMoments<torch::optim::AdamWParamState>(adaptorOpt, adaptorParams, *moments, 0);
        restoreMoments<torch::optim::AdamParamState>(dscOpt, dscParams, *moments, adaptorParams.size());
    }

    auto noiseGen = at::make_generator<at::CPUGeneratorImpl>(s.seed * 2654435761ULL + 17);
    auto rowGen = at::make_generator<at::CPUGeneratorImpl>(s.seed * 40503ULL + 29);
    const std::int64_t perImage = train.height() * train.width();
    const std::int64_t rowsPerImage
        = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::llround(s.patchFraction * static_cast<double>(perImage))),
                                   1, perImage);
    TrainedHeads result;
    double epochLoss = 0.0, epochTrue = 0.0, epochFake = 0.0;
    std::mt19937_64 shuffleRng(s.seed);
    std::vector<std::int64_t> order(train.size());
    const int steps = static_cast<int>((train.size() + static_cast<std::size_t>(s.batchSize) - 1)
                                       / static_cast<std::size_t>(s.batchSize));
    const auto start = std::chrono::steady_clock::now();
    const int totalSteps = s.maxSteps > 0 ? std::min(steps * s.epochs, s.maxSteps) : steps * s.epochs;
    int done = 0;
    int lastEpochSteps = 0;
    for (int epoch = 1; epoch <= s.epochs && done < totalSteps; ++epoch) {
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), shuffleRng);
        epochLoss = epochTrue = epochFake = 0.0;
        int epochSteps = 0;
        for (int step = 0; step < steps && done < totalSteps; ++step) {
            cancel.throwIfCancelled();
            const auto first = order.begin() + static_cast<std::ptrdiff_t>(step) * s.batchSize;
            const auto last = std::min(first + s.batchSize, order.end());
            const at::Tensor features = train.sample(std::vector<std::int64_t>(first, last), rowsPerImage, rowGen);
            const at::Tensor trueFeats = heads->adapt(features);
            const at::Tensor noise = at::normal(0.0, s.noiseSigma, trueFeats.sizes(), noiseGen);
            const at::Tensor fakeFeats = trueFeats + noise;
            const at::Tensor scores = heads->discriminate(at::cat({trueFeats, fakeFeats}, 0));
            const auto n = trueFeats.size(0);
            const at::Tensor dTrue = scores.slice(0, 0, n), dFake = scores.slice(0, n);
            const at::Tensor loss = truncatedL1(dTrue, dFake, s.margin);
            if (const double l = loss.item<double>(); !std::isfinite(l)) { // e.g. a sigma that overflows
                char text[160];
                std::snprintf(text, sizeof text, "training: the loss became %s in epoch %d (noise sigma %g); stopped",
                              std::isnan(l) ? "NaN" : "infinite", epoch, s.noiseSigma);
                throw Error(text);
            }
            adaptorOpt.zero_grad();
            dscOpt.zero_grad();
            loss.backward();
            adaptorOpt.step();
            dscOpt.step();
            ++done;
            TrainProgress p;
            {
                at::NoGradGuard noGrad;
                p.loss = loss.item<double>();
                p.pTrue = (dTrue >= s.margin).to(at::kFloat).mean().item<double>();
                p.pFake = (dFake < -s.margin).to(at::kFloat).mean().item<double>();
            }
            ++epochSteps;
            epochLoss += p.loss;
            epochTrue += p.pTrue;
            epochFake += p.pFake;
            if (progress) {
                p.epoch = epoch;
                p.epochs = s.epochs;
                p.step = step + 1;
                p.steps = steps;
                p.done = done;
                p.total = totalSteps;
                if (done == totalSteps) // a refit cut short: report its epoch as complete
                    p.step = p.steps;
                p.elapsedS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                p.etaS = p.elapsedS / done * (totalSteps - done);
                progress(p);
            }
        }
        lastEpochSteps = epochSteps;
    }
    heads->eval();
    result.heads = heads;
    auto out = std::make_shared<OptimizerMoments>();
    if (collectMoments<torch::optim::AdamWParamState>(adaptorOpt, adaptorParams, *out)
        && collectMoments<torch::optim::AdamParamState>(dscOpt, dscParams, *out))
        result.moments = std::move(out);
    const double n = std::max(1, lastEpochSteps);
    result.summary = {epochLoss / n, epochTrue / n, epochFake / n, done};
    return result;
}

} // namespace s2s
