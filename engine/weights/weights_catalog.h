#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace s2s {

enum class WeightsKind { Backbone, Sam2 };

// One weights file the product knows by name: what it is, where it comes from, how it is checked.
struct WeightsEntry {
    std::string name; // "wide_resnet50_2", "mobilenet_v2", "sam2.1_hiera_tiny", ...
    WeightsKind kind = WeightsKind::Backbone;
    std::string description; // one line for `sam2sim weights list` and the studio's table
    std::string fileName; // the official file name (as in the torch hub cache)
    std::string url; // the official download URL
    std::string bundledFile; // a file shipped with the product that stands in for it; empty if none
    std::string bundledSha256;
};

// Every known weights file: the two backbones first (best first), then SAM 2.1 from small to large.
const std::vector<WeightsEntry> &weightsCatalog();
// The entry named `name` (or with that official file name); a torchvision file name of a known
// backbone ("mobilenet_v2-7ebf99e0.pth") gives an entry for that file. nullopt when there is none.
std::optional<WeightsEntry> findWeightsEntry(const std::string &name);

// Where weights are looked for, in order: $SAM2SIM_WEIGHTS_DIR, the XDG data dir
// ($XDG_DATA_HOME or ~/.local/share, + sam2sim/weights), the torch hub cache
// ($TORCH_HOME/hub/checkpoints, else ~/.cache/torch/hub/checkpoints). Folders whose variables are
// unset are left out.
std::vector<std::filesystem::path> weightsSearchDirs();
// The folder `sam2sim weights fetch` downloads into (the XDG data dir above).
std::filesystem::path userWeightsDir();
// The folder that holds the bundled weights: beside the executable (../share/sam2sim/weights), the
// build tree, or the install prefix; empty when none of them has it.
std::filesystem::path bundledWeightsDir();

enum class WeightsOrigin { Explicit, Found, Bundled };

struct WeightsFile {
    std::filesystem::path path;
    WeightsOrigin origin = WeightsOrigin::Found;
    std::string sha256; // filled once verified
};

// Looks for `entry` in the search folders by its official file name (and, for a backbone, any
// torchvision name "<name>-<hex>.pth"), then the bundled stand-in. Does not hash; nullopt when
// absent.
std::optional<WeightsFile> locateWeights(const WeightsEntry &entry);

// The SHA-256 prefix a torchvision file name carries ("wide_resnet50_2-95faca4d.pth" ->
// "95faca4d"); empty for any other name.
std::string torchvisionHashPrefix(const std::filesystem::path &file);

// Hashes `file` and checks it against what its name promises (torchvision names) or, for the
// bundled file, against the recorded hash. Throws s2s::Error("<file>: SHA-256 mismatch: the name
// says <prefix>..., the file is <hash>") on a mismatch. Returns the full hash; results are cached
// per path, size and time. `officialName`, when given, is the name the check goes by (a download's
// temporary file).
std::string verifiedSha256(
    const std::filesystem::path &file, const std::filesystem::path &officialName = {});

// The backbone and weights file a run uses. `backbone` empty: the best one present (WRN-50-2 when
// its file is found, else MobileNetV2). `weights` empty: discovered as above; "none": random
// initialisation (path empty); otherwise that file. Throws s2s::Error naming what is missing when
// nothing is found.
struct BackboneChoice {
    std::string backbone;
    WeightsFile weights; // path empty: random weights, asked for explicitly
};
BackboneChoice resolveBackbone(const std::string &backbone, const std::string &weights);

// The SAM 2.1 checkpoint to use when none is given: the smallest one found (CPU time grows fast
// with the model), or nullopt.
std::optional<WeightsFile> locateSam2Weights();

// Where a weights file comes from, in a few words for logs and reports: "bundled with Sam2Sim",
// "torch hub cache", "SAM2SIM_WEIGHTS_DIR", "user weights folder" or "given explicitly".
std::string describeLocation(const std::filesystem::path &file);

} // namespace s2s
