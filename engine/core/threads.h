#pragma once

namespace s2s {

// Sets LibTorch's intra-op thread count (Debian's build defaults to 1). n <= 0 means "all cores".
// Returns the count in effect.
int configureThreads(int n);

// Name of the BLAS library behind libblas.so.3 (e.g. "openblas-pthread"), for `bench` and the logs.
const char *blasName();

} // namespace s2s
