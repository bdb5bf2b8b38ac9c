#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace s2s {

// Writes a file atomically: the content goes to a temporary file beside the target, which is renamed
// over the target only when complete, so a crash or a cancel never leaves a half-written file.
void writeFileAtomically(const std::filesystem::path &target, std::string_view bytes);

// As above, for writers that need a path (OpenCV, safetensors): `write` receives the temporary path.
void writeFileAtomically(const std::filesystem::path &target,
                         const std::function<void(const std::filesystem::path &tmp)> &write);

// Reads a whole file; throws s2s::Error naming the file when it is missing or unreadable.
std::string readFile(const std::filesystem::path &path);

} // namespace s2s
