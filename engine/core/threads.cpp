#include "engine/core/threads.h"

#include <ATen/Parallel.h>

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>

#include <fstream>
#include <string>
#include <thread>

namespace s2s {

namespace {

// Tensor temporaries of tens to hundreds of MB (SAM 2's global attention, backbone activations) are
// allocated and freed many times per image. glibc serves blocks above its mmap threshold with fresh
// mmaps and trims the heap top on free, so every such temporary pays for zeroed pages again: in
// `sam2sim bench` that was a third of the SAM 2 encoder's time, spent in the kernel. Keeping them on the
// heap and keeping up to 1 GiB of freed memory for reuse removes it (peak RSS +~10%).
void tuneAllocator()
{
    static const bool done = [] {
        mallopt(M_MMAP_THRESHOLD, 1 << 30);
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        return true;
    }();
    (void)done;
}

} // namespace

void preferPassiveOpenMpWait(char **argv)
{
    if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("SAM2SIM_NO_REEXEC") != nullptr)
        return;
    ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    ::setenv("SAM2SIM_NO_REEXEC", "1", 1); // never loop, whatever the exec does with the environment
    ::execv("/proc/self/exe", argv);
    // exec failed (no /proc): carry on with the default policy.
}

int configureThreads(int n)
{
    tuneAllocator();
    if (n <= 0)
        n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(n);
    return at::get_num_threads();
}

double peakRssMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0; // kB
    return 0.0;
}

void releaseFreeMemory()
{
    malloc_trim(0);
}

const char *blasName()
{
    // The library actually mapped into this process decides the speed, not what the alternatives
    // system says, so read it from /proc/self/maps.
    static const std::string name = [] {
        std::ifstream maps("/proc/self/maps");
        std::string line;
        while (std::getline(maps, line)) {
            const auto slash = line.find('/');
            if (slash == std::string::npos)
                continue;
            const std::string path = line.substr(slash);
            if (path.find("openblas") != std::string::npos)
                return std::string("OpenBLAS (") + path + ")";
            if (path.find("libblas.so") != std::string::npos)
                return std::string("reference BLAS (") + path + ") - slow, install libopenblas0-pthread";
            if (path.find("libmkl") != std::string::npos)
                return std::string("MKL (") + path + ")";
        }
        return std::string("unknown");
    }();
    return name.c_str();
}

} // namespace s2s
