// sam2sim synth: writes the built-in demo dataset (synthetic, MVTec layout, exact masks).
#include "app/cli/args.h"
#include "app/cli/command.h"

#include "engine/data/synth_generator.h"

#include <iostream>

namespace s2s::cli {
namespace {

int runSynth(const std::vector<std::string> &argv)
{
    const Args args("synth", argv, {"out", "categories", "seed", "size", "train", "test-good", "test-defect"}, {"force"});
    args.expectNoPositionals();
    SynthOptions options;
    options.out = args.required("out");
    if (const auto list = args.value("categories"))
        options.categories = splitList(*list);
    options.seed = args.u64Or("seed", 0);
    options.size = args.intOr("size", options.size);
    options.trainCount = args.intOr("train", options.trainCount);
    options.testGoodCount = args.intOr("test-good", options.testGoodCount);
    options.testDefectCount = args.intOr("test-defect", options.testDefectCount);
    options.replace = args.flag("force");
    generateSynthDataset(options, [](const ProgressEvent &e) {
        if (e.done == e.total || e.done % 50 == 0)
            std::cerr << "synth: " << e.done << "/" << e.total << "\r" << std::flush;
    });
    std::cerr << "\n";
    std::cout << "Demo dataset written to " << options.out.string() << "\n";
    return 0;
}

const CommandRegistration registration{{
    "synth",
    "generate the built-in synthetic demo dataset (MVTec layout)",
    "Usage: sam2sim synth --out DIR [--categories nut,tablet,weave,stone] [--seed N] [--size PX]\n"
    "                     [--train N] [--test-good N] [--test-defect N] [--force]\n"
    "Writes a deterministic synthetic dataset: objects on backgrounds and textures, with scratch,\n"
    "crack, hole and contamination defects and exact ground-truth masks. DIR must be new or empty;\n"
    "--force replaces an earlier synth dataset whole (never other folders). The dataset appears at DIR only\n"
    "when complete.",
    &runSynth,
}};

} // namespace
} // namespace s2s::cli
