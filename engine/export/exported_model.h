#pragma once

#include "engine/core/score_map.h"

#include <ATen/core/Tensor.h>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/core/mat.hpp>
#include <vector>

namespace s2s {

// A model written by exportRun, loaded through torch::jit::load as a LibTorch server would, with
// the preprocessing it carries (extra file preprocess.json) done in C++.
class ExportedModel {
public:
    // modelPath: model.pt, an export folder holding model.pt, or a Triton model folder
    // (<name>/1/model.pt). Throws s2s::Error("<file>: <problem>").
    explicit ExportedModel(const std::filesystem::path &modelPath);
    ~ExportedModel();
    ExportedModel(const ExportedModel &) = delete;
    ExportedModel &operator=(const ExportedModel &) = delete;

    const std::filesystem::path &file() const;
    const nlohmann::json &preprocessing() const; // the whole preprocess.json
    int imageSize() const;

    // 8-bit RGB at native size -> [3, S, S] float32 as preprocess.json prescribes.
    at::Tensor preprocess(const cv::Mat &rgb) const;
    // batch [B, 3, S, S] -> {image scores [B], maps [B, S, S]} through the module's forward().
    std::pair<at::Tensor, at::Tensor> forward(const at::Tensor &batch) const;

    struct Scores {
        std::vector<float> scores;
        std::vector<ScoreMap> maps; // crop frame, S x S
    };
    // Preprocesses and scores the images as one batch.
    Scores score(const std::vector<cv::Mat> &rgbImages) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Finds model.pt for a path given to `sam2sim score --model`; throws s2s::Error when there is none.
std::filesystem::path resolveExportedModel(const std::filesystem::path &path);

} // namespace s2s
