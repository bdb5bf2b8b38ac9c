#pragma once

namespace s2s {

// Sets LibTorch's intra-op thread count (Debian's build defaults to 1). n <= 0 means "all cores".
// Once per process it also tunes glibc's allocator for large tensor temporaries (see threads.cpp).
// Returns the count in effect.
int configureThreads(int n);

// LibTorch's OpenMP workers busy-wait after each parallel region by default, taking the cores from
// OpenBLAS's own threads in the matrix product that usually follows (measured in `sam2sim bench`:
// the SAM 2 encoder ran ~1.7x slower). libgomp reads OMP_WAIT_POLICY only when it loads, before main(),
// so when the variable is unset this sets it to PASSIVE and re-executes the program once (argv
// unchanged). Returns normally when the variable was already set or the re-exec is impossible.
void preferPassiveOpenMpWait(char **argv);

// Hands the memory the allocator holds free back to the system (glibc's malloc_trim over every
// arena). The allocator keeps up to 1 GiB free per arena for reuse (see configureThreads), which a
// long job wants and an idle process or the next job's other phases do not: jobs call this when they
// drop large state (a family's features, a finished job's sessions).
void releaseFreeMemory();

// The process's peak resident memory so far (VmHWM), in MB; 0 where /proc is missing.
double peakRssMb();

// Name of the BLAS library behind libblas.so.3 (e.g. "openblas-pthread"), for `bench` and the logs.
const char *blasName();

} // namespace s2s
