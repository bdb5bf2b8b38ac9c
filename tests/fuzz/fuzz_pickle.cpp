// Fuzz target: the restricted unpickler straight on the bytes (no zip or legacy framing around them),
// with every persistent id answered by an empty storage; then each tensor is materialised.
#include "tests/fuzz/fuzz_target.h"

#include "engine/io/pickle_reader.h"

#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return fuzz::expectOneLineErrors([&] {
        std::size_t consumed = 0;
        const auto load = [](const s2s::pickle::Value &) { return std::make_shared<s2s::pickle::StorageBlob>(); };
        const s2s::pickle::ValuePtr root = s2s::pickle::unpickle(fuzz::bytes(data, size), consumed, load, "fuzz.pkl");
        if (root && root->kind == s2s::pickle::Value::Kind::Tensor)
            (void)s2s::pickle::materialise(*root, "fuzz.pkl");
    });
}
