#pragma once

#include "engine/weights/weights_catalog.h"

#include <filesystem>
#include <string>

namespace s2s {

// Checks that `file` is usable as `entry`: the SHA-256 its (official) name promises, then a full
// load through the model's own loader (every key and shape of a backbone; every image-path tensor
// of SAM 2.1). `officialName` is the name the hash check goes by when `file` is a download's
// temporary file. Returns the file's SHA-256; throws s2s::Error naming the file and the problem.
std::string checkWeightsFile(const WeightsEntry &entry, const std::filesystem::path &file,
    const std::filesystem::path &officialName = {});

} // namespace s2s
