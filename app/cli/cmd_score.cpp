// sam2sim score: scores images with an exported model through torch::jit::load, as a LibTorch
// server would.
#include "app/cli/args.h"
#include "app/cli/input_checks.h"
#include "app/cli/command.h"
#include "engine/core/failure_text.h"
#include "engine/core/threads.h"
#include "engine/export/exported_model.h"
#include "engine/io/image_io.h"

#include <cmath>
#include <cstdio>
#include <iostream>

namespace s2s::cli {
namespace {

std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

int runScore(const std::vector<std::string> &argv)
{
    const Args args("score", argv, {"model", "images", "batch", "threads"}, {});
    const std::filesystem::path model = args.required("model");
    std::vector<std::filesystem::path> images;
    if (const auto first = args.value("images"))
        images.emplace_back(*first);
    for (const auto &p : args.positionals())
        images.emplace_back(p);
    if (images.empty())
        throw Error("score: --images needs at least one image file");
    const int batch = args.intOr("batch", 8);
    if (batch < 1)
        throw Error("score: --batch must be at least 1");
    configureThreads(threadsOption(args, "score", 0));
    const ExportedModel scorer(model);

    // The columns of a run's scores.csv; defect type and label come from an MVTec-style path
    // (.../test/<defect>/<file>) and stay empty otherwise.
    std::cout << "path,defect_type,label,score\n";
    for (std::size_t start = 0; start < images.size(); start += static_cast<std::size_t>(batch)) {
        const std::size_t end = std::min(images.size(), start + static_cast<std::size_t>(batch));
        std::vector<cv::Mat> rgb;
        for (std::size_t i = start; i < end; ++i)
            rgb.push_back(readImageRgb(images[i]));
        const ExportedModel::Scores s = scorer.score(rgb);
        for (std::size_t i = start; i < end; ++i) {
            const std::filesystem::path &p = images[i];
            std::string defect, label;
            if (p.parent_path().parent_path().filename() == "test") {
                defect = p.parent_path().filename().string();
                label = defect == "good" ? "0" : "1";
            }
            if (!std::isfinite(s.scores[i - start]))
                throw Error(nonFiniteScoreMessage(p, s.scores[i - start]));
            char score[32];
            std::snprintf(score, sizeof score, "%.8g", static_cast<double>(s.scores[i - start]));
            std::cout << csvField(p.string()) << "," << csvField(defect) << "," << label << ","
                      << score << "\n";
        }
    }
    return 0;
}

const CommandRegistration registration {{
    "score",
    "score images with an exported model (torch::jit::load), CSV like a run's scores.csv",
    "Usage: sam2sim score --model DIR/model.pt|DIR|TRITON_MODEL_DIR --images FILE... [--batch 8] "
    "[--threads N]\n"
    "Preprocessing (resize, crop, normalisation) follows the preprocess.json inside the model.\n"
    "Prints path,defect_type,label,score (defect type and label from .../test/<defect>/FILE "
    "paths).",
    &runScore,
}};

} // namespace
} // namespace s2s::cli
