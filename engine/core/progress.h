#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace s2s {

// Where a long job is; the UI adapts this once to QPromise, the CLI prints it.
struct ProgressEvent
{
    std::string stage;   // short name of the current stage, e.g. "features", "segment", "train"
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string message; // optional human-readable detail (one line)
};

using ProgressFn = std::function<void(const ProgressEvent &)>;

// A cheap, copyable cancellation flag shared between the caller and a job running on another thread.
class CancelToken
{
public:
    CancelToken();

    void cancel() const;
    bool isCancelled() const;
    // Throws s2s::Cancelled when cancelled; long loops call this once per unit of work.
    void throwIfCancelled() const;

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

// Calls fn if it is set; keeps call sites free of null checks.
void report(const ProgressFn &fn, const std::string &stage, std::int64_t done, std::int64_t total,
            const std::string &message = {});

} // namespace s2s
