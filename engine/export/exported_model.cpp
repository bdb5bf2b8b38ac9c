#include "engine/export/exported_model.h"

#include "engine/backbone/feature_extractor.h"
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/export/model_export.h"
#include "engine/pipeline/run_config.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>
#include <torch/csrc/jit/serialization/import.h>

namespace s2s {

namespace fs = std::filesystem;

namespace {

std::string firstLine(const std::string &text)
{
    return text.substr(0, text.find('\n'));
}

} // namespace

struct ExportedModel::Impl {
    fs::path file;
    nlohmann::json pre;
    FeatureGeometry geometry;
    at::Tensor mean, stdev;
    mutable torch::jit::Module module;
};

fs::path resolveExportedModel(const fs::path &path)
{
    std::error_code ec;
    if (fs::is_regular_file(path, ec))
        return path;
    if (!fs::is_directory(path, ec))
        throw Error(path.string() + ": no such model file or folder");
    for (const fs::path &candidate : {path / "model.pt", path / "1" / "model.pt"})
        if (fs::is_regular_file(candidate, ec))
            return candidate;
    // A Triton repository with one model in it.
    fs::path found;
    for (const auto &entry : fs::directory_iterator(path, ec))
        if (fs::is_regular_file(entry.path() / "1" / "model.pt", ec)) {
            if (!found.empty())
                throw Error(path.string()
                    + ": several models in this repository; name one (<repo>/<model>)");
            found = entry.path() / "1" / "model.pt";
        }
    if (found.empty())
        throw Error(path.string()
            + ": no model.pt here (expected an export folder or a Triton model folder)");
    return found;
}

ExportedModel::ExportedModel(const fs::path &modelPath)
    : d(std::make_unique<Impl>())
{
    d->file = resolveExportedModel(modelPath);
    torch::jit::ExtraFilesMap extra {{kPreprocessExtraFile, ""}};
    try {
        d->module = torch::jit::load(d->file.string(), c10::nullopt, extra);
    } catch (const c10::Error &e) {
        throw Error(d->file.string()
            + ": not a TorchScript model: " + firstLine(e.what_without_backtrace()));
    }
    d->module.eval();
    std::string text = extra[kPreprocessExtraFile];
    fs::path source = d->file;
    if (text.empty()) {
        // A module without the extra file: the preprocess.json of its export folder (Triton:
        // <name>/).
        source = d->file.parent_path() / "preprocess.json";
        if (!fs::is_regular_file(source))
            source = d->file.parent_path().parent_path() / "preprocess.json";
        if (!fs::is_regular_file(source))
            throw Error(
                d->file.string() + ": no preprocess.json, neither inside the model nor beside it");
        text = readFile(source);
    }
    d->pre = parseJson(text, source.string());
    try {
        const auto &p = d->pre.at("preprocessing");
        d->geometry.resize = static_cast<int>(
            jsonInt(p, "resize_shorter_side", 0, runLimits::kMinImageSize, runLimits::kMaxResize, source.string()));
        d->geometry.imageSize = static_cast<int>(
            jsonInt(p, "center_crop", 0, runLimits::kMinImageSize, runLimits::kMaxResize, source.string()));
        const auto mean = p.at("mean").get<std::vector<float>>(),
                   stdev = p.at("std").get<std::vector<float>>();
        if (mean.size() != 3 || stdev.size() != 3)
            throw Error(source.string() + ": preprocess.json is not usable (mean and std need 3 values)");
        d->mean = at::tensor(mean).reshape({1, 3, 1, 1});
        d->stdev = at::tensor(stdev).reshape({1, 3, 1, 1});
    } catch (const Error &) {
        throw;
    } catch (const std::exception &) {
        throw Error(source.string() + ": preprocess.json is not usable (preprocessing needs resize_shorter_side, "
                                      "center_crop and 3 numbers each for mean and std)");
    }
    if (d->geometry.imageSize < 32 || d->geometry.imageSize > d->geometry.resize)
        throw Error(source.string() + ": preprocess.json has an impossible crop");
}

ExportedModel::~ExportedModel() = default;

const fs::path &ExportedModel::file() const
{
    return d->file;
}

const nlohmann::json &ExportedModel::preprocessing() const
{
    return d->pre;
}

int ExportedModel::imageSize() const
{
    return d->geometry.imageSize;
}

at::Tensor ExportedModel::preprocess(const cv::Mat &rgb) const
{
    c10::InferenceMode guard;
    const at::Tensor x = resizeAndCrop(rgb, d->geometry);
    return ((x - d->mean) / d->stdev).squeeze(0).contiguous();
}

std::pair<at::Tensor, at::Tensor> ExportedModel::forward(const at::Tensor &batch) const
{
    c10::InferenceMode guard;
    try {
        const auto out = d->module.forward({batch}).toTuple();
        return {out->elements().at(0).toTensor(), out->elements().at(1).toTensor()};
    } catch (const c10::Error &e) {
        throw Error(
            d->file.string() + ": the model failed: " + firstLine(e.what_without_backtrace()));
    }
}

ExportedModel::Scores ExportedModel::score(const std::vector<cv::Mat> &rgbImages) const
{
    Scores out;
    if (rgbImages.empty())
        return out;
    c10::InferenceMode guard;
    std::vector<at::Tensor> inputs;
    for (const auto &rgb : rgbImages)
        inputs.push_back(preprocess(rgb));
    const auto [scores, maps] = forward(at::stack(inputs));
    const at::Tensor s = scores.to(at::kFloat).contiguous(), m = maps.to(at::kFloat).contiguous();
    const int size = static_cast<int>(m.size(1));
    for (std::int64_t i = 0; i < s.size(0); ++i) {
        out.scores.push_back(s[i].item<float>());
        ScoreMap map;
        map.width = map.height = size;
        const float *p = m[i].data_ptr<float>();
        map.values.assign(p, p + static_cast<std::ptrdiff_t>(size) * size);
        out.maps.push_back(std::move(map));
    }
    return out;
}

} // namespace s2s
