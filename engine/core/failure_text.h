#pragma once

#include <exception>
#include <filesystem>
#include <string>

namespace s2s {

// Our words for failures that come out of numbers or libraries rather than from a file's structure.

// "<image>: its anomaly score is NaN (...)": a non-finite score names its image; a NaN would otherwise
// drop out of the metrics (which then read "undefined") or pass an inspection without a word.
std::string nonFiniteScoreMessage(const std::filesystem::path &image, double score);

// For a failed allocation (std::bad_alloc, or c10's "DefaultCPUAllocator: can't allocate memory: you
// tried to allocate N bytes..."): "out of memory (could not allocate 12.5 GB)"; empty for other failures,
// so that the caller can say it in our words together with what was being done.
std::string outOfMemoryText(const std::exception &e);

} // namespace s2s
