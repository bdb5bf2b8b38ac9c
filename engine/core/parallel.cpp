#include "engine/core/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace s2s {

void parallelFor(std::size_t n, int workers, const std::function<void(std::size_t, int)> &fn)
{
    workers = std::max(1, std::min<int>(workers, static_cast<int>(n)));
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto work = [&](int worker) {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                fn(i, worker);
            } catch (...) {
                const std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = n;
            }
        }
    };
    std::vector<std::thread> threads;
    for (int w = 1; w < workers; ++w)
        threads.emplace_back(work, w);
    work(0);
    for (auto &t : threads)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

SerialProgress::SerialProgress(const ProgressFn &fn, std::string stage, std::int64_t total)
    : m_fn(fn), m_stage(std::move(stage)), m_total(total)
{
}

void SerialProgress::step()
{
    const std::lock_guard lock(m_mutex);
    report(m_fn, m_stage, ++m_done, m_total);
}

} // namespace s2s
