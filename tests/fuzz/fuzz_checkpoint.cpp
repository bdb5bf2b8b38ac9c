// libFuzzer target: readCheckpoint on arbitrary bytes must either succeed or throw s2s::Error with a
// one-line message; never crash, hang or allocate without bound (ASan's allocation limit checks that).
#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/checkpoint.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const std::filesystem::path file = std::filesystem::temp_directory_path()
                                              / ("fuzz_checkpoint_" + std::to_string(::getpid()) + ".bin");
    s2s::writeFileAtomically(file, std::string_view(reinterpret_cast<const char *>(data), size));
    try {
        const s2s::Checkpoint c = s2s::readCheckpoint(file);
        (void)c;
    } catch (const s2s::Error &e) {
        if (std::string(e.what()).find('\n') != std::string::npos)
            std::abort(); // errors must be one line
    }
    return 0;
}
