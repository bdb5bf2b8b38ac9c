#pragma once

#include <string>
#include <vector>

namespace s2s::cli {

// A command of this same program run in a child process, for figures that need a process of their own
// (a job's peak memory: the parent's high-water mark already holds every earlier stage).
struct ChildRun
{
    int exitCode = -1;     // -1: killed by a signal (e.g. the kernel's out-of-memory killer)
    double seconds = 0.0;
    double peakRssMb = 0.0; // the child's maximum resident set size
};

// Runs `/proc/self/exe args...` with stdout and stderr discarded and waits for it; throws s2s::Error
// when it cannot be started.
ChildRun runSelf(const std::vector<std::string> &args);

} // namespace s2s::cli
