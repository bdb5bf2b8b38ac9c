// sam2sim mask: the foreground mask of an image.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"

#include "engine/foreground/foreground_model.h"
#include "engine/foreground/sam2/sam2_segmenter.h"
#include "engine/foreground/segmenter.h"
#include "engine/io/image_io.h"

#include <iostream>
#include <sstream>

namespace s2s::cli {
namespace {

// One coordinate of a prompt within [0, extent] (a box edge may lie on the border) or [0, extent) (a
// point is a pixel); the error names the option, the coordinate and the image size.
void checkInside(const cv::Mat &rgb, const std::string &option, const char *name, double v, int extent, bool edgeAllowed)
{
    if (v >= 0 && (v < extent || (edgeAllowed && v == extent)))
        return;
    std::ostringstream text;
    text << "mask: " << option << " is outside the " << rgb.cols << "x" << rgb.rows << " image (" << name << " = " << v
         << ", expected " << (edgeAllowed ? "0 to " : "0 to below ") << extent << ")";
    throw Error(text.str());
}

int runMask(const std::vector<std::string> &argv)
{
    const Args args("mask", argv, {"image", "sam2-weights", "out", "logits-out", "box", "point", "foreground-model"}, {"classical"});
    args.expectNoPositionals();
    const std::string out = args.required("out");
    checkNotInput(args, {"out", "logits-out"}, {"image", "sam2-weights", "foreground-model"});
    const cv::Mat rgb = readImageRgb(args.required("image"));
    checkOutputFile(out, "--out");
    SegmentPrompt prompt;
    // Prompts are real-valued pixel coordinates (SAM 2 takes them so) and must lie inside the image: an
    // empty mask at exit 0 would hide the mistake.
    if (const auto box = args.value("box")) {
        const auto v = numberList(*box, 4, "--box", "x0,y0,x1,y1");
        const char *names[] = {"x0", "y0", "x1", "y1"};
        for (int i = 0; i < 4; ++i)
            checkInside(rgb, "--box " + *box, names[i], v[i], i % 2 == 0 ? rgb.cols : rgb.rows, true);
        if (v[2] <= v[0] || v[3] <= v[1])
            throw Error("mask: --box " + *box + " must have x1 > x0 and y1 > y0");
        prompt.box = cv::Rect2f(static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<float>(v[2] - v[0]),
                                static_cast<float>(v[3] - v[1]));
    }
    if (const auto point = args.value("point")) {
        const auto v = numberList(*point, 2, "--point", "x,y");
        checkInside(rgb, "--point " + *point, "x", v[0], rgb.cols, false);
        checkInside(rgb, "--point " + *point, "y", v[1], rgb.rows, false);
        prompt.point = cv::Point2f(static_cast<float>(v[0]), static_cast<float>(v[1]));
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
    "--box, --point: pixel coordinates of the image (real numbers, e.g. 25.6,25.6,486.4,486.4).\n"
    "--foreground-model: the category's learnt extractor from a run folder (trained with --foreground on).",
    &runMask,
}};

} // namespace
} // namespace s2s::cli
