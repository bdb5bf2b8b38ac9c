#pragma once

#include "engine/core/progress.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace s2s {

// Runs fn(i, worker) for i in [0, n) on `workers` threads (the calling one included); the first
// exception is rethrown after all threads stop. fn must be safe to call concurrently for different i.
void parallelFor(std::size_t n, int workers, const std::function<void(std::size_t, int)> &fn);

// Calls a progress function from worker threads one at a time.
class SerialProgress
{
public:
    SerialProgress(const ProgressFn &fn, std::string stage, std::int64_t total);
    void step();

private:
    const ProgressFn &m_fn;
    std::string m_stage;
    std::int64_t m_total;
    std::int64_t m_done = 0;
    std::mutex m_mutex;
};

} // namespace s2s
