#include "engine/core/atomic_file.h"

#include "engine/core/error.h"

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

namespace s2s {

namespace fs = std::filesystem;

namespace {

fs::path temporaryBeside(const fs::path &target)
{
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    std::string name = ".";
    name += target.filename().string();
    name += ".tmp-" + std::to_string(rd()) + "-" + std::to_string(counter++);
    return target.parent_path() / name;
}

} // namespace

void writeFileAtomically(const fs::path &target,
                         const std::function<void(const fs::path &tmp)> &write)
{
    std::error_code ec;
    if (!target.parent_path().empty())
        fs::create_directories(target.parent_path(), ec);
    if (ec)
        throw Error(target.parent_path().string() + ": cannot create folder: " + ec.message());
    const fs::path tmp = temporaryBeside(target);
    try {
        write(tmp);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw Error(target.string() + ": cannot write: " + ec.message());
    }
}

void writeFileAtomically(const fs::path &target, std::string_view bytes)
{
    writeFileAtomically(target, [&](const fs::path &tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(target.string() + ": cannot open for writing");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (out.fail())
            throw Error(target.string() + ": write failed (disk full?)");
    });
}

void checkRegularFile(const fs::path &path, const std::string &option)
{
    const std::string suffix = option.empty() ? std::string() : " (" + option + ")";
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status))
        throw Error(path.string() + ": no such file" + suffix);
    if (fs::is_directory(status))
        throw Error(path.string() + ": is a folder, not a file" + suffix);
    if (!fs::is_regular_file(status))
        throw Error(path.string() + ": not a regular file (a device, pipe or socket)" + suffix);
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw Error(path.string() + ": cannot read its size: " + ec.message() + suffix);
    if (size == 0)
        throw Error(path.string() + ": empty file (0 bytes)" + suffix);
    constexpr std::uintmax_t kMaxBytes = std::uintmax_t(64) << 30;
    if (size > kMaxBytes)
        throw Error(path.string() + ": " + std::to_string(size >> 30) + " GiB, larger than any supported checkpoint"
                    + suffix);
}

std::string readFile(const fs::path &path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error(path.string() + ": no such file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open for reading");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace s2s
