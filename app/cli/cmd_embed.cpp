// sam2sim embed: the SimpleNet patch features of one image, as safetensors.
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/input_checks.h"

#include "engine/backbone/backbone.h"
#include "engine/backbone/feature_extractor.h"
#include "engine/core/atomic_file.h"
#include "engine/core/threads.h"
#include "engine/io/checkpoint.h"
#include "engine/io/image_io.h"
#include "engine/weights/weights_catalog.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <iostream>

namespace s2s::cli {
namespace {

int runEmbed(const std::vector<std::string> &argv)
{
    const Args args("embed", argv, {"image", "backbone", "backbone-weights", "out", "resize", "image-size", "threads"}, {});
    args.expectNoPositionals();
    const std::filesystem::path image = args.required("image"), out = args.required("out");
    checkNotInput(args, {"out"}, {"image", "backbone-weights"});
    configureThreads(threadsOption(args, "embed", 0));
    const int resize = intInRange(args, "resize", 329, 32, 2048);
    const int imageSize = intInRange(args, "image-size", 288, 32, resize);
    const cv::Mat rgb = readImageRgb(image); // bad input fails before any warning is printed
    checkOutputFile(out, "--out");
    // As train: the best backbone present unless named; random weights only with --backbone-weights none.
    const BackboneChoice choice = resolveBackbone(args.valueOr("backbone", ""), args.valueOr("backbone-weights", ""));
    const std::string &backbone = choice.backbone;
    const std::filesystem::path &weights = choice.weights.path;
    if (!weights.empty())
        checkRegularFile(weights, "--backbone-weights");
    if (weights.empty())
        std::cerr << "embed: warning: backbone " << backbone << " is not pretrained (random weights)\n";
    FeatureExtractor extractor(makeBackbone(backbone, weights),
                               FeatureGeometry{resize, imageSize});
    const at::Tensor features = extractor.extract(extractor.preprocess(rgb).unsqueeze(0)).squeeze(0).contiguous();
    writeSafetensors(out, {{"features", features}},
                     {{"backbone", backbone}, {"pretrained", weights.empty() ? "false" : "true"}, {"image", image.string()}});
    std::cout << "features " << features.size(0) << "x" << features.size(1) << "x" << features.size(2) << " written to "
              << out.string() << "\n";
    return 0;
}

const CommandRegistration registration{{
    "embed",
    "compute the 1536xHxW SimpleNet patch features of an image",
    "Usage: sam2sim embed --image F --out F.safetensors [--backbone wide_resnet50_2|mobilenet_v2]\n"
    "                     [--backbone-weights W|none] [--resize 329] [--image-size 288] [--threads N]",
    &runEmbed,
}};

} // namespace
} // namespace s2s::cli
