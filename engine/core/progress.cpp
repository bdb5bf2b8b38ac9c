#include "engine/core/progress.h"

#include "engine/core/error.h"

namespace s2s {

CancelToken::CancelToken()
    : m_flag(std::make_shared<std::atomic<bool>>(false))
{
}

void CancelToken::cancel() const
{
    m_flag->store(true, std::memory_order_relaxed);
}

bool CancelToken::isCancelled() const
{
    return m_flag->load(std::memory_order_relaxed);
}

void CancelToken::throwIfCancelled() const
{
    if (isCancelled())
        throw Cancelled();
}

void report(const ProgressFn &fn, const std::string &stage, std::int64_t done, std::int64_t total,
            const std::string &message)
{
    if (fn)
        fn(ProgressEvent{stage, done, total, message});
}

} // namespace s2s
