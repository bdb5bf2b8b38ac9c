// sam2sim export: a run folder as one TorchScript module (LibTorch, torch.jit.load) or a Triton
// model repository.
#include "app/cli/args.h"
#include "app/cli/input_checks.h"
#include "app/cli/command.h"
#include "app/cli/run_options.h"
#include "engine/core/threads.h"
#include "engine/export/model_export.h"

#include <iostream>

namespace s2s::cli {
namespace {

int runExport(const std::vector<std::string> &argv)
{
    const Args args(
        "export", argv, {"run", "out", "format", "max-batch", "name", "threads"}, {"quiet"});
    args.expectNoPositionals();
    const std::filesystem::path run = args.required("run"), out = args.required("out");
    ExportOptions options;
    options.format = exportFormatFromString(args.valueOr("format", "torchscript"));
    options.maxBatch = args.intOr("max-batch", options.maxBatch);
    options.modelName = args.valueOr("name", "");
    configureThreads(threadsOption(args, "export", 0));
    const ExportResult r = exportRun(
        run, out, options, progressPrinter("export", args.flag("quiet")), CancelToken());
    std::cout << "model " << r.model.string() << "\npreprocessing " << r.preprocess.string()
              << "\n";
    if (!r.config.empty())
        std::cout << "triton config " << r.config.string() << " (model \"" << r.modelName
                  << "\")\n";
    return 0;
}

const CommandRegistration registration {{
    "export",
    "export a run as a TorchScript model or a Triton model repository",
    "Usage: sam2sim export --run RUN --out DIR [--format torchscript|triton] [--max-batch N] "
    "[--name MODEL]\n"
    "                      [--threads N] [--quiet]\n"
    "torchscript: DIR/model.pt, DIR/preprocess.json, DIR/README.md\n"
    "triton:      DIR/<name>/config.pbtxt, DIR/<name>/1/model.pt, DIR/<name>/preprocess.json\n"
    "The module takes [B,3,S,S] float32 (resized, cropped, ImageNet-normalised) and returns\n"
    "(image_scores [B], score_maps [B,S,S]); foreground removal is not part of it.",
    &runExport,
}};

} // namespace
} // namespace s2s::cli
