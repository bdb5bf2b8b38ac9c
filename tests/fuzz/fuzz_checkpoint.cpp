// Fuzz target: readCheckpoint (torch.save zip and legacy pickles, safetensors) on arbitrary bytes must
// succeed or throw s2s::Error with one line; never crash, hang or allocate without bound.
#include "tests/fuzz/fuzz_target.h"

#include "engine/io/checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto file = fuzz::scratch("checkpoint.bin");
    s2s::writeFileAtomically(file, fuzz::bytes(data, size));
    return fuzz::expectOneLineErrors([&] { (void)s2s::readCheckpoint(file); });
}
