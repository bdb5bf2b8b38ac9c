// sam2sim mask: the foreground mask of an image.
#include "app/cli/args.h"
#include "app/cli/command.h"

#include "engine/foreground/sam2/sam2_segmenter.h"
#include "engine/foreground/segmenter.h"
#include "engine/io/image_io.h"

#include <iostream>

namespace s2s::cli {
namespace {

int runMask(const std::vector<std::string> &argv)
{
    const Args args("mask", argv, {"image", "sam2-weights", "out", "logits-out", "box", "point"}, {"classical"});
    const cv::Mat rgb = readImageRgb(args.required("image"));
    SegmentPrompt prompt;
    if (const auto box = args.value("box")) {
        const auto v = splitList(*box);
        if (v.size() != 4)
            throw Error("mask: --box expects x0,y0,x1,y1");
        const int x0 = std::stoi(v[0]), y0 = std::stoi(v[1]), x1 = std::stoi(v[2]), y1 = std::stoi(v[3]);
        if (x1 <= x0 || y1 <= y0)
            throw Error("mask: --box must have x1 > x0 and y1 > y0");
        prompt.box = cv::Rect(x0, y0, x1 - x0, y1 - y0);
    }
    if (const auto point = args.value("point")) {
        const auto v = splitList(*point);
        if (v.size() != 2)
            throw Error("mask: --point expects x,y");
        prompt.point = cv::Point(std::stoi(v[0]), std::stoi(v[1]));
    }
    if (args.flag("classical") && args.has("sam2-weights"))
        throw Error("mask: give either --sam2-weights or --classical");
    if (args.has("logits-out") && !args.has("sam2-weights"))
        throw Error("mask: --logits-out needs the SAM 2 segmenter (--sam2-weights)");
    // Explicit weights mean SAM 2 (a bad file is an error, not a silent fallback).
    auto segmenter = makeSegmenter(args.has("sam2-weights") ? "sam2" : "classical", args.valueOr("sam2-weights", ""));
    const SegmentResult r = segmenter->segment(rgb, prompt);
    writeImage(args.required("out"), r.mask);
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
    "                    [--logits-out L.safetensors] [--box x0,y0,x1,y1] [--point x,y]",
    &runMask,
}};

} // namespace
} // namespace s2s::cli
