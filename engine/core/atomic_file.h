#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace s2s {

// Writes a file atomically: the content goes to a temporary file beside the target, which is renamed
// over the target only when complete, so a crash or a cancel never leaves a half-written file.
void writeFileAtomically(const std::filesystem::path &target, std::string_view bytes);

// As above, for writers that need a path (OpenCV, safetensors): `write` receives the temporary path.
void writeFileAtomically(const std::filesystem::path &target,
                         const std::function<void(const std::filesystem::path &tmp)> &write);

// A weights or checkpoint file must be a regular file of plausible size (1 byte .. 64 GiB): a folder, a
// FIFO or a device (/dev/zero) is refused before it is opened. Throws s2s::Error("<file>: <problem>"),
// followed by " (<option>)" when an option is given.
void checkRegularFile(const std::filesystem::path &path, const std::string &option = {});

// Reads a whole file; throws s2s::Error naming the file when it is missing or unreadable.
std::string readFile(const std::filesystem::path &path);

} // namespace s2s
