#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>

namespace s2s {

// An exclusive, advisory lock beside a folder (".<name>.lock", removed again when released), held until
// destruction or process exit.
// A second holder fails at once: s2s::Error("<folder>: in use by another sam2sim process").
class FolderLock
{
public:
    explicit FolderLock(const std::filesystem::path &folder);
    ~FolderLock();
    FolderLock(const FolderLock &) = delete;
    FolderLock &operator=(const FolderLock &) = delete;

private:
    std::filesystem::path m_path;
    int m_fd = -1;
};

// Writes a whole folder as one transaction: everything goes into a hidden temporary sibling
// (".<name>.tmp-*"), which takes the target's place only in commit(), in one rename. An existing target
// stays untouched until then; an interrupted writer leaves only the hidden sibling, which the next
// writer of the same target removes. The constructor checks the target and takes its lock, so a bad
// --out or a concurrent writer fails before any work.
class FolderTransaction
{
public:
    // canReplace: whether an existing, non-empty target may be replaced (decides on its path, and may
    // throw s2s::Error itself to say what is in the way); the error names the target and `what` (e.g.
    // "a run folder").
    FolderTransaction(const std::filesystem::path &target,
                      const std::function<bool(const std::filesystem::path &)> &canReplace,
                      const std::string &what);
    ~FolderTransaction(); // without commit(): removes the temporary folder, the target is unchanged
    FolderTransaction(const FolderTransaction &) = delete;
    FolderTransaction &operator=(const FolderTransaction &) = delete;

    const std::filesystem::path &target() const { return m_target; }
    const std::filesystem::path &dir() const { return m_tmp; } // where to write
    void commit();

private:
    std::filesystem::path m_target;
    FolderLock m_lock; // taken before the temporary folder exists, released after the rename
    std::filesystem::path m_tmp;
    bool m_committed = false;
};

// Checks that `target` can be written as a folder before any work: not an existing file, its parent
// creatable. Throws s2s::Error("<target>: <problem> (<option>)").
void checkFolderTarget(const std::filesystem::path &target, const std::string &option);

// Whether a folder exists and holds no entries.
bool isEmptyFolder(const std::filesystem::path &folder);

// Throws s2s::Error naming the first entry of `folder` not in `allowed`: a folder about to be replaced
// must hold nothing but our own outputs (`what`: "a run folder", "an export").
void requireOnlyEntries(const std::filesystem::path &folder, const std::set<std::string> &allowed,
                        const std::string &what);

} // namespace s2s
