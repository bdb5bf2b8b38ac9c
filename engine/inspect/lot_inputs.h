#pragma once

#include "engine/inspect/lot_files.h"

#include <filesystem>
#include <string>
#include <vector>

namespace s2s {

// Whether a file name is one a lot inspects (PNG, JPEG, BMP, TIFF, any case).
bool isLotImageName(const std::filesystem::path &path);

// The inputs of a batch lot, in the order given (a folder's files and its sub-folders', by path; hidden
// and temporary names left out); what cannot be an input is named in `skipped` with its reason. The CLI
// (--images) and the studio (images or a folder) collect lots with it.
std::vector<std::filesystem::path> collectLotImages(const std::vector<std::string> &items,
                                                    std::vector<LotSkip> &skipped);

// Now as lot.json writes times: "YYYY-MM-DDTHH:MM:SSZ" (UTC).
std::string lotTimeNow();

} // namespace s2s
