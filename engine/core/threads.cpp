#include "engine/core/threads.h"

#include <ATen/Parallel.h>

#include <fstream>
#include <string>
#include <thread>

namespace s2s {

int configureThreads(int n)
{
    if (n <= 0)
        n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(n);
    return at::get_num_threads();
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
