#pragma once

// Shared by the fuzz targets: each defines LLVMFuzzerTestOneInput, which either accepts its input or
// throws s2s::Error with a one-line message; anything else (a crash, another exception, a message of
// several lines, a library's own line on stderr) aborts, so that libFuzzer and the corpus replay
// (replay_main.cpp) both see it.
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define S2S_FUZZ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define S2S_FUZZ_SANITIZED 1
#endif
#endif
#ifdef S2S_FUZZ_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

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

// While it lives, what the process writes on stderr (fd 2) goes to a memory file instead: a library that
// prints its own line ("libpng warning: ...", OpenCV's "imdecode_(''): ...") is a finding, the line the
// user would see beside ours. The sanitizer's own reports still reach the real stderr.
class StderrCapture
{
public:
    StderrCapture()
    {
        std::fflush(stderr);
        m_saved = ::dup(2);
        m_file = ::memfd_create("fuzz_stderr", MFD_CLOEXEC);
        if (m_saved < 0 || m_file < 0 || ::dup2(m_file, 2) < 0)
            std::abort();
#ifdef S2S_FUZZ_SANITIZED
        __sanitizer_set_report_fd(reinterpret_cast<void *>(static_cast<std::intptr_t>(m_saved)));
#endif
    }
    StderrCapture(const StderrCapture &) = delete;
    StderrCapture &operator=(const StderrCapture &) = delete;
    ~StderrCapture()
    {
        std::fflush(stderr);
        ::dup2(m_saved, 2);
        ::close(m_saved);
        ::close(m_file);
    }

    // What was written so far (at most 4 KB).
    std::string text()
    {
        std::fflush(stderr);
        std::string out(4096, '\0');
        const ssize_t n = ::pread(m_file, out.data(), out.size(), 0);
        out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        return out;
    }

private:
    int m_saved = -1;
    int m_file = -1;
};

template <typename Fn>
int expectOneLineErrors(Fn &&fn)
{
    std::string printed, severalLines;
    {
        StderrCapture capture;
        try {
            fn();
        } catch (const s2s::Error &e) {
            if (std::string_view(e.what()).find('\n') != std::string_view::npos)
                severalLines = e.what();
        }
        printed = capture.text();
    }
    if (!severalLines.empty()) {
        std::fprintf(stderr, "error of several lines: %s\n", severalLines.c_str());
        std::abort(); // errors must be one line
    }
    if (!printed.empty()) {
        std::fprintf(stderr, "a library printed on stderr: %s\n", printed.c_str());
        std::abort(); // no library line may reach the terminal
    }
    return 0;
}

} // namespace fuzz
