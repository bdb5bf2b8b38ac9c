#pragma once

#include <filesystem>
#include <string>

namespace s2s {

// Lowercase hex SHA-256 of a file's bytes (weights provenance in configs and reports).
std::string sha256File(const std::filesystem::path &path);

} // namespace s2s
