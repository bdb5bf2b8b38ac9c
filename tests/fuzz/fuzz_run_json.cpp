// Fuzz target: the JSON files of a run folder. The input is written as both config.json and
// metrics.json of a folder, then read as a run's config and verified as a run folder (types, run id,
// listed files); every failure must be one line of ours (no nlohmann exception, no recursion).
#include "tests/fuzz/fuzz_target.h"

#include "engine/core/json_file.h"
#include "engine/pipeline/run_config.h"
#include "engine/pipeline/run_folder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto dir = fuzz::scratch("run");
    std::filesystem::create_directories(dir);
    s2s::writeFileAtomically(dir / "config.json", fuzz::bytes(data, size));
    s2s::writeFileAtomically(dir / "metrics.json", fuzz::bytes(data, size));
    fuzz::expectOneLineErrors([&] {
        (void)s2s::runConfigFromJson(s2s::readJsonFile(dir / "config.json"), dir / "config.json");
    });
    return fuzz::expectOneLineErrors([&] { s2s::verifyRunFolder(dir); });
}
