#pragma once

// Shared by the fuzz targets: each defines LLVMFuzzerTestOneInput, which either accepts its input or
// throws s2s::Error with a one-line message; anything else (a crash, another exception, a message of
// several lines) aborts, so that libFuzzer and the corpus replay (replay_main.cpp) both see it.
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace fuzz {

inline std::string_view bytes(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// A file of this process (the readers under test take paths), named `name` in its own folder.
inline std::filesystem::path scratch(const std::string &name)
{
    static const std::filesystem::path dir = [] {
        const auto d = std::filesystem::temp_directory_path() / ("s2s_fuzz_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir / name;
}

template <typename Fn>
int expectOneLineErrors(Fn &&fn)
{
    try {
        fn();
    } catch (const s2s::Error &e) {
        if (std::string_view(e.what()).find('\n') != std::string_view::npos)
            std::abort(); // errors must be one line
    }
    return 0;
}

} // namespace fuzz
