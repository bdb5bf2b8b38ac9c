#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace s2s {

// Lowercase hex SHA-256 of a file's bytes (weights provenance in configs and reports); a folder, FIFO or
// device is refused (a FIFO or /dev/zero would never end).
std::string sha256File(const std::filesystem::path &path);
std::string sha256Bytes(std::string_view bytes);

} // namespace s2s
