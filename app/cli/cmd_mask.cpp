// sam2sim mask: the foreground mask of an image.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"

#include "engine/foreground/foreground_model.h"
#include "engine/foreground/sam2/sam2_segmenter.h"
#include "engine/foreground/segmenter.h"
#include "engine/io/image_io.h"

#include <algorithm>
#include <iostream>

namespace s2s::cli {
namespace {

int runMask(const std::vector<std::string> &argv)
{
    const Args args("mask", argv, {"image", "sam2-weights", "out", "logits-out", "box", "point", "foreground-model"}, {"classical"});
    args.expectNoPositionals();
    const std::string out = args.required("out");
    const cv::Mat rgb = readImageRgb(args.required("image"));
    checkOutputFile(out, "--out");
    SegmentPrompt prompt;
    // Prompts must lie inside the image (an empty mask at exit 0 would hide the mistake).
    if (const auto box = args.value("box")) {
        const auto v = intList(*box, 4, "--box", "x0,y0,x1,y1", 0, std::max(rgb.cols, rgb.rows));
        if (v[2] <= v[0] || v[3] <= v[1])
            throw Error("mask: --box must have x1 > x0 and y1 > y0");
        if (v[2] > rgb.cols || v[3] > rgb.rows)
            throw Error("mask: --box " + *box + " reaches outside the " + std::to_string(rgb.cols) + "x"
                        + std::to_string(rgb.rows) + " image");
        prompt.box = cv::Rect(v[0], v[1], v[2] - v[0], v[3] - v[1]);
    }
    if (const auto point = args.value("point")) {
        const auto v = intList(*point, 2, "--point", "x,y", 0, std::max(rgb.cols, rgb.rows));
        if (v[0] >= rgb.cols || v[1] >= rgb.rows)
            throw Error("mask: --point " + *point + " is outside the " + std::to_string(rgb.cols) + "x"
                        + std::to_string(rgb.rows) + " image");
        prompt.point = cv::Point(v[0], v[1]);
    }
    if (args.flag("classical") && args.has("sam2-weights"))
        throw Error("mask: give either --sam2-weights or --classical");
    if (args.has("logits-out") && !args.has("sam2-weights"))
        throw Error("mask: --logits-out needs the SAM 2 segmenter (--sam2-weights)");
    // Explicit weights mean SAM 2 (a bad file is an error, not a silent fallback).
    // A run's learnt foreground model makes the classical segmenter (and SAM 2's fallback) the category's.
    std::shared_ptr<const ForegroundModel> model;
    if (const auto file = args.value("foreground-model")) {
        const std::filesystem::path path = std::filesystem::is_directory(*file)
                                               ? std::filesystem::path(*file) / "foreground_model.safetensors"
                                               : std::filesystem::path(*file);
        if (!std::filesystem::is_regular_file(path))
            throw Error(path.string() + ": no such file (--foreground-model: a run folder or its foreground_model.safetensors)");
        model = std::make_shared<const ForegroundModel>(ForegroundModel::load(path));
    }
    auto segmenter = makeSegmenter(args.has("sam2-weights") ? "sam2" : "classical", args.valueOr("sam2-weights", ""), model);
    const SegmentResult r = segmenter->segment(rgb, prompt);
    writeImage(out, r.mask);
    if (const auto logits = args.value("logits-out"))
        writeSegmentLogits(*logits, r.logits);
    std::cout << "mask by " << r.producedBy << " (confidence " << r.confidence << ") written to " << args.required("out")
              << "\n";
    return 0;
}

const CommandRegistration registration{{
    "mask",
    "compute the foreground mask of an image",
    "Usage: sam2sim mask --image F [--sam2-weights W | --classical] --out MASK.png\n"
    "                    [--logits-out L.safetensors] [--box x0,y0,x1,y1] [--point x,y]\n"
    "                    [--foreground-model RUN|foreground_model.safetensors]\n"
    "--foreground-model: the category's learnt extractor from a run folder (trained with --foreground on).",
    &runMask,
}};

} // namespace
} // namespace s2s::cli
