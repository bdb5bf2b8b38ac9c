#include "engine/inspect/folder_watch.h"

#include "engine/core/error.h"
#include "engine/io/image_io.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <system_error>

namespace s2s {

namespace fs = std::filesystem;

namespace {

bool endsWith(const std::string &text, const std::string &tail)
{
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

bool imageName(const std::string &name)
{
    std::string ext = fs::path(name).extension().string();
    for (char &c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" || ext == ".tiff";
}

double secondsBetween(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

std::string secondsText(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", seconds);
    return text;
}

} // namespace

bool FolderWatch::ignoredName(const std::string &name)
{
    // Hidden names, the usual temporary suffixes, editors' backups and the '#'-names that copying tools
    // write before renaming (Qt's QFile::copy: "#12"; Emacs: "#a.png#"), and Office's "~$" locks.
    return name.empty() || name.front() == '.' || name.front() == '#' || name.rfind("~$", 0) == 0
           || endsWith(name, ".tmp") || endsWith(name, ".part") || endsWith(name, ".crdownload")
           || endsWith(name, "~") || endsWith(name, "#");
}

FolderWatch::FolderWatch(const fs::path &dir, Options options)
    : m_dir(dir)
    , m_options(options)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(dir.string() + ": not a folder (--watch)");
    if (!m_options.forcePolling) {
        m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd >= 0) {
            m_wd = inotify_add_watch(m_fd, dir.c_str(),
                                     IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE);
            if (m_wd < 0) {
                ::close(m_fd);
                m_fd = -1;
            }
        }
    }
    m_lastNews = Clock::now();
    scan();
}

FolderWatch::~FolderWatch()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void FolderWatch::markDone(const fs::path &file)
{
    const std::string name = file.filename().string();
    m_done.insert(name);
    m_pending.erase(name);
}

void FolderWatch::noticed(const std::string &name, bool closed)
{
    if (ignoredName(name) || m_done.count(name))
        return;
    if (!imageName(name)) {
        m_done.insert(name);
        m_queued.push_back({Event::Kind::Skipped, m_dir / name, {},
                            (m_dir / name).string() + ": not an image file name (PNG, JPEG, BMP and TIFF names are inspected)"});
        return;
    }
    const auto now = Clock::now();
    auto [it, added] = m_pending.try_emplace(name);
    Candidate &c = it->second;
    if (added) {
        c.firstSeen = c.changed = now;
        std::error_code ec;
        c.size = fs::file_size(m_dir / name, ec);
        m_lastNews = now;
    }
    // A close after writing is the writer's own word that the file is done; a later write takes it back.
    c.closed = closed;
}

void FolderWatch::scan()
{
    m_lastScan = Clock::now();
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeEc;
        if (it->is_regular_file(typeEc))
            names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const std::string &name : names)
        if (!m_pending.count(name))
            noticed(name, false);
}

void FolderWatch::readEvents()
{
    alignas(inotify_event) std::array<char, 16384> buffer{};
    while (true) {
        const ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
        if (n <= 0)
            return;
        for (ssize_t at = 0; at < n;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer.data() + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            if (event->mask & IN_Q_OVERFLOW) {
                scan();
                continue;
            }
            if (event->len == 0 || (event->mask & IN_ISDIR))
                continue;
            const std::string name(event->name);
            if (event->mask & (IN_DELETE | IN_MOVED_FROM))
                m_pending.erase(name);
            else
                noticed(name, (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0);
        }
    }
}

// Tries the candidates, oldest first; true with `out` set when one is complete or given up on.
bool FolderWatch::pollCandidates(Event &out)
{
    std::vector<std::pair<Clock::time_point, std::string>> order;
    for (const auto &[name, c] : m_pending)
        order.emplace_back(c.firstSeen, name);
    std::sort(order.begin(), order.end());
    for (const auto &[seen, name] : order) {
        Candidate &c = m_pending.at(name);
        const fs::path path = m_dir / name;
        const auto now = Clock::now();
        std::error_code ec;
        const std::uintmax_t size = fs::file_size(path, ec);
        if (ec) { // vanished (or replaced by something that is no file): forgotten
            m_pending.erase(name);
            continue;
        }
        if (size != c.size) {
            c.size = size;
            c.changed = now;
            continue;
        }
        const double stable = secondsBetween(c.changed, now);
        if (!c.closed && stable < m_options.settleSeconds)
            continue;
        // The same bytes failed a moment ago: wait for a change, or for the time to give up.
        const bool retry = !c.tried || c.triedSize != size || secondsBetween(c.triedAt, now) >= 0.25;
        if (retry) {
            try {
                std::string bytes = readImageBytes(path);
                decodeImageRgb(bytes, path);
                out = {Event::Kind::Ready, path, std::move(bytes), {}};
                m_done.insert(name);
                m_pending.erase(name);
                return true;
            } catch (const std::exception &e) {
                std::string what = e.what();
                c.error = what.substr(0, what.find('\n'));
                c.tried = true;
                c.triedSize = size;
                c.triedAt = now;
                if (!fs::exists(path, ec)) {
                    m_pending.erase(name);
                    continue;
                }
            }
        }
        if (stable >= m_options.corruptAfterSeconds) {
            out = {Event::Kind::Skipped, path, {},
                   c.error + " (unchanged for " + secondsText(m_options.corruptAfterSeconds) + " s)"};
            m_done.insert(name);
            m_pending.erase(name);
            return true;
        }
    }
    return false;
}

FolderWatch::Event FolderWatch::next(const CancelToken &cancel, double idleSeconds)
{
    while (true) {
        if (cancel.isCancelled())
            return {Event::Kind::Stopped, {}, {}, {}};
        if (!m_queued.empty()) {
            Event e = std::move(m_queued.front());
            m_queued.erase(m_queued.begin());
            m_lastNews = Clock::now();
            return e;
        }
        Event out;
        if (pollCandidates(out)) {
            m_lastNews = Clock::now();
            return out;
        }
        const auto now = Clock::now();
        if (idleSeconds > 0 && m_pending.empty() && secondsBetween(m_lastNews, now) >= idleSeconds)
            return {Event::Kind::Idle, {}, {}, {}};
        // Short waits while a file is being written; otherwise until the next scan, at most 0.1 s.
        double wait = m_pending.empty() ? 0.1 : std::min(0.1, std::max(0.005, m_options.settleSeconds / 2));
        if (m_fd < 0)
            wait = std::min(wait, m_options.pollSeconds);
        if (m_fd >= 0) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(wait * 1000)) > 0)
                readEvents();
            if (secondsBetween(m_lastScan, Clock::now()) >= 1.0)
                scan();
        } else {
            ::poll(nullptr, 0, static_cast<int>(wait * 1000));
            if (secondsBetween(m_lastScan, Clock::now()) >= m_options.pollSeconds)
                scan();
        }
    }
}

} // namespace s2s
