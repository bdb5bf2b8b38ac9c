#include "engine/core/folder_transaction.h"

#include "engine/core/error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <system_error>

namespace s2s {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTmpTag = ".s2s-tmp-";
constexpr std::string_view kOldTag = ".s2s-old-";
constexpr std::size_t kSuffixDigits = 16;

// "run/" and "./run" name the folder "run"; "." and ".." name no folder we could replace.
fs::path normalTarget(const fs::path &target, const std::string &option)
{
    if (target.empty())
        throw Error("an empty path is not a folder (" + option + ")");
    fs::path t = fs::absolute(target).lexically_normal();
    if (!t.has_filename())
        t = t.parent_path();
    const std::string name = t.filename().string();
    if (name.empty() || name == "." || name == ".." || t == t.root_path())
        throw Error(target.string() + ": name a folder to write, not the root folder (" + option + ")");
    // Replacing the folder the user works in (or one above it) is never what "--out ." meant.
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (!ec && std::mismatch(t.begin(), t.end(), cwd.begin(), cwd.end()).first == t.end())
        throw Error(target.string() + ": is the current folder or one above it; name a new folder (" + option + ")");
    return t;
}

fs::path sibling(const fs::path &target, std::string_view tag, const std::string &suffix)
{
    return target.parent_path() / ("." + target.filename().string() + std::string(tag) + suffix);
}

std::string randomSuffix()
{
    std::random_device rd;
    std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    char buf[kSuffixDigits + 1];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(gen()));
    return buf;
}

// Temporary and half-replaced folders of earlier, interrupted writers of `target` (called under its lock).
void removeLeftovers(const fs::path &target)
{
    const std::string name = "." + target.filename().string();
    std::error_code ec;
    for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        for (const std::string_view tag : {kTmpTag, kOldTag}) {
            if (entry.size() == name.size() + tag.size() + kSuffixDigits && entry.rfind(name, 0) == 0
                && entry.compare(name.size(), tag.size(), tag) == 0) {
                std::error_code ignored;
                fs::remove_all(it->path(), ignored);
            }
        }
    }
}

fs::path checkedTarget(const fs::path &target, const std::string &option)
{
    checkFolderTarget(target, option);
    return normalTarget(target, option);
}

} // namespace

bool isEmptyFolder(const fs::path &folder)
{
    std::error_code ec;
    return fs::is_directory(folder, ec) && fs::directory_iterator(folder, ec) == fs::directory_iterator();
}

void checkFolderTarget(const fs::path &target, const std::string &option)
{
    const fs::path t = normalTarget(target, option);
    std::error_code ec;
    const auto status = fs::status(t, ec);
    if (fs::exists(status) && !fs::is_directory(status))
        throw Error(target.string() + ": exists and is not a folder (" + option + ")");
    fs::create_directories(t.parent_path(), ec);
    if (ec || !fs::is_directory(t.parent_path()))
        throw Error(t.parent_path().string() + ": cannot create folder (" + option + "): "
                    + (ec ? ec.message() : "not a folder"));
    if (::access(t.parent_path().c_str(), W_OK | X_OK) != 0)
        throw Error(t.parent_path().string() + ": folder is not writable (" + option + ")");
}

FolderLock::FolderLock(const fs::path &folderIn)
{
    fs::path folder = fs::absolute(folderIn).lexically_normal();
    if (!folder.has_filename())
        folder = folder.parent_path();
    m_path = folder.parent_path() / ("." + folder.filename().string() + ".lock");
    // The holder removes the file when done; a waiter that locked a file removed meanwhile tries again.
    for (int attempt = 0; attempt < 100; ++attempt) {
        m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0)
            throw Error(m_path.string() + ": cannot create the lock file: " + std::strerror(errno));
        if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            const int err = errno;
            ::close(m_fd);
            m_fd = -1;
            if (err == EWOULDBLOCK)
                throw Error(folder.string() + ": in use by another sam2sim process (locked by "
                            + m_path.filename().string() + "); wait for it to finish or choose another folder");
            throw Error(m_path.string() + ": cannot lock: " + std::strerror(err));
        }
        struct stat opened {}, named {};
        if (::fstat(m_fd, &opened) == 0 && ::stat(m_path.c_str(), &named) == 0 && opened.st_ino == named.st_ino
            && opened.st_dev == named.st_dev)
            return;
        ::close(m_fd);
        m_fd = -1;
    }
    throw Error(m_path.string() + ": cannot lock (the lock file keeps changing)");
}

FolderLock::~FolderLock()
{
    if (m_fd >= 0) {
        ::unlink(m_path.c_str()); // while still locked, so no one else holds a lock on this file
        ::close(m_fd);
    }
}

FolderTransaction::FolderTransaction(const fs::path &target, const std::function<bool(const fs::path &)> &canReplace,
                                     const std::string &what)
    : m_target(checkedTarget(target, what))
    , m_lock(m_target)
{
    std::error_code ec;
    if (fs::exists(m_target, ec) && !isEmptyFolder(m_target) && !(canReplace && canReplace(m_target)))
        throw Error(m_target.string() + ": exists and is not " + what
                    + "; refusing to replace it (choose another folder or remove it)");
    removeLeftovers(m_target);
    m_tmp = sibling(m_target, kTmpTag, randomSuffix());
    fs::create_directory(m_tmp, ec);
    if (ec)
        throw Error(m_tmp.parent_path().string() + ": cannot create a folder there: " + ec.message());
}

FolderTransaction::~FolderTransaction()
{
    if (!m_committed && !m_tmp.empty()) {
        std::error_code ignored;
        fs::remove_all(m_tmp, ignored);
    }
}

void FolderTransaction::commit()
{
    if (m_committed)
        return;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(m_target, ec))) {
        fs::rename(m_tmp, m_target, ec);
        if (ec)
            throw Error(m_target.string() + ": cannot move the finished folder into place: " + ec.message());
        m_committed = true;
        return;
    }
    // Swap in one step where the file system allows, so the old folder exists until the new one does.
    if (::renameat2(AT_FDCWD, m_tmp.c_str(), AT_FDCWD, m_target.c_str(), RENAME_EXCHANGE) == 0) {
        m_committed = true;
        fs::remove_all(m_tmp, ec); // now the old content
        return;
    }
    const fs::path old = sibling(m_target, kOldTag, randomSuffix());
    fs::rename(m_target, old, ec);
    if (ec)
        throw Error(m_target.string() + ": cannot replace the existing folder: " + ec.message());
    fs::rename(m_tmp, m_target, ec);
    if (ec) {
        std::error_code ignored;
        fs::rename(old, m_target, ignored);
        throw Error(m_target.string() + ": cannot move the finished folder into place: " + ec.message());
    }
    m_committed = true;
    fs::remove_all(old, ec);
}

void requireOnlyEntries(const std::filesystem::path &folder, const std::set<std::string> &allowed,
                        const std::string &what)
{
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (!allowed.count(name))
            throw Error(folder.string() + ": holds " + name + ", which is not part of " + what
                        + "; refusing to replace it (choose another folder or remove it)");
    }
}

} // namespace s2s
