// Fuzz target: the CSV reader behind scores.csv and report --csv.
#include "tests/fuzz/fuzz_target.h"

#include "engine/core/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return fuzz::expectOneLineErrors([&] { (void)s2s::parseCsv(fuzz::bytes(data, size), "fuzz.csv"); });
}
