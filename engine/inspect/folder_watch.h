#pragma once

#include "engine/core/progress.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace s2s {

// A folder that a camera or another program writes image files into. Hands out each new image file
// once, when it is complete: its size has settled (or its writer closed it) and it decodes in full. A
// half-written PNG or JPEG is retried, not reported; a file whose size stays unchanged for
// corruptAfterSeconds and still does not decode is reported as skipped, with the reason. Hidden and
// temporary names (.*, *.tmp, *.part, *~) are ignored; other names that are no image names are reported
// as skipped once. Files that vanish before they are complete are forgotten. Uses inotify, and polls the
// folder when inotify is unavailable (and once a second besides, for missed events). Files already in
// the folder when the watch starts count as new.
class FolderWatch
{
public:
    struct Options
    {
        double settleSeconds = 0.05;      // size unchanged this long before a first try (no close event)
        double corruptAfterSeconds = 5.0; // unchanged this long and still not decodable: skipped
        double pollSeconds = 0.1;         // folder scan interval without inotify
        bool forcePolling = false;        // for tests of the fallback
    };

    struct Event
    {
        enum class Kind {
            Ready,   // path and bytes: a complete image
            Skipped, // path and error: corrupt, or no image name
            Idle,    // no new file for the idle time given to next()
            Stopped  // the cancel token fired
        };
        Kind kind = Kind::Stopped;
        std::filesystem::path path;
        std::string bytes;
        std::string error;
    };

    // Throws s2s::Error when dir is no readable folder.
    FolderWatch(const std::filesystem::path &dir, Options options);
    ~FolderWatch();
    FolderWatch(const FolderWatch &) = delete;
    FolderWatch &operator=(const FolderWatch &) = delete;

    bool usesInotify() const { return m_fd >= 0; }
    // Names already dealt with (a lot being continued): never handed out.
    void markDone(const std::filesystem::path &file);
    // Blocks until the next event; idleSeconds <= 0 waits for files forever. Checks `cancel` at least
    // every 0.1 s.
    Event next(const CancelToken &cancel, double idleSeconds);

    // Whether a file name is ignored as hidden or temporary.
    static bool ignoredName(const std::string &name);

private:
    using Clock = std::chrono::steady_clock;
    struct Candidate
    {
        std::uintmax_t size = 0;
        Clock::time_point firstSeen;
        Clock::time_point changed;
        bool closed = false;
        bool tried = false;
        std::uintmax_t triedSize = 0;
        Clock::time_point triedAt;
        std::string error;
    };

    void scan();
    void noticed(const std::string &name, bool closed);
    void readEvents();
    bool pollCandidates(Event &out);

    std::filesystem::path m_dir;
    Options m_options;
    int m_fd = -1;
    int m_wd = -1;
    std::map<std::string, Candidate> m_pending;
    std::set<std::string> m_done;
    std::vector<Event> m_queued;
    Clock::time_point m_lastScan;
    Clock::time_point m_lastNews;
};

} // namespace s2s
