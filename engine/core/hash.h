#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace s2s {

// 64-bit FNV-1a: cheap and stable across runs and platforms. For cache keys and fingerprints, not for
// security (sha256.h is for that).
constexpr std::uint64_t kFnv1aOffset = 1469598103934665603ULL;

inline std::uint64_t fnv1a(const void *data, std::size_t n, std::uint64_t h = kFnv1aOffset)
{
    const auto *p = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

// 16 lower-case hex digits.
inline std::string hex64(std::uint64_t v)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

} // namespace s2s
