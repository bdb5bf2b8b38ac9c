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
        out.flush();
        if (!out)
            throw Error(target.string() + ": write failed (disk full?)");
    });
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
