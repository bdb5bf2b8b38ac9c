// sam2sim composite: an image's foreground on a pseudo-background.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"

#include "engine/background/compositor.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/segmenter.h"
#include "engine/io/image_io.h"

#include <iostream>

namespace s2s::cli {
namespace {

int runComposite(const std::vector<std::string> &argv)
{
    const Args args("composite", argv, {"image", "mask", "background", "seed", "out", "feather", "segmenter", "sam2-weights"}, {});
    args.expectNoPositionals();
    checkNotInput(args, {"out"}, {"image", "mask", "sam2-weights"});
    const cv::Mat rgb = readImageRgb(args.required("image"));
    checkOutputFile(args.required("out"), "--out");
    cv::Mat mask;
    std::string producedBy = "given mask";
    if (const auto m = args.value("mask")) {
        mask = readMask(*m);
        if (mask.size() != rgb.size())
            throw Error(*m + ": mask size differs from the image");
    } else {
        auto segmenter = makeSegmenter(args.valueOr("segmenter", "classical"), args.valueOr("sam2-weights", ""));
        SegmentResult r = segmenter->segment(rgb);
        mask = r.mask;
        producedBy = r.producedBy;
        std::string why;
        if (implausibleMask(mask, &why))
            throw Error(args.required("image") + ": no plausible foreground found (" + why + "); pass --mask");
    }
    const auto source = makeBackgroundSource(args.required("background"));
    const cv::Mat background = source->generate(rgb.size(), args.u64Or("seed", 0));
    writeImage(args.required("out"), composite(rgb, mask, background,
                                               CompositeOptions{static_cast<float>(doubleInRange(args, "feather", 3.0, 0.0, 256.0))}));
    std::cout << "composite (" << source->name() << ", foreground from " << producedBy << ") written to "
              << args.required("out") << "\n";
    return 0;
}

const CommandRegistration registration{{
    "composite",
    "put an image's foreground on a pseudo-background",
    "Usage: sam2sim composite --image F [--mask M] --background FAMILY|DIR|all --seed N --out F\n"
    "                         [--feather PX] [--segmenter classical|sam2|auto] [--sam2-weights W]\n"
    "Families: fractal_noise, wood, marble, tiles, gradient, clutter.",
    &runComposite,
}};

} // namespace
} // namespace s2s::cli
