#include "engine/core/failure_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace s2s {

std::string nonFiniteScoreMessage(const std::filesystem::path &image, double score)
{
    return image.string() + ": its anomaly score is " + (std::isnan(score) ? "NaN" : "infinite")
           + " (the run's heads or the backbone weights hold values that are not finite numbers)";
}

std::string outOfMemoryText(const std::exception &e)
{
    if (dynamic_cast<const std::bad_alloc *>(&e))
        return "out of memory";
    const std::string what = e.what();
    if (what.find("can't allocate memory") == std::string::npos)
        return {};
    const std::string tried = "you tried to allocate ";
    const auto at = what.find(tried);
    if (at == std::string::npos)
        return "out of memory";
    const double bytes = std::strtod(what.c_str() + at + tried.size(), nullptr);
    char amount[48];
    if (bytes >= 1e9)
        std::snprintf(amount, sizeof amount, "%.1f GB", bytes / 1e9);
    else
        std::snprintf(amount, sizeof amount, "%.0f MB", std::ceil(bytes / 1e6));
    return std::string("out of memory (could not allocate ") + amount + ")";
}

} // namespace s2s
