#include "app/cli/input_checks.h"

#include "engine/core/error.h"
#include "engine/pipeline/run_folder.h"

#include <unistd.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <thread>

namespace s2s::cli {

namespace fs = std::filesystem;

namespace {

std::string numberText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

bool validUtf8(const std::string &s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : -1;
        if (n < 0 || i + static_cast<std::size_t>(n) >= s.size() + (n == 0 ? 1 : 0))
            return false;
        for (int k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) >> 6) != 0x2)
                return false;
        i += static_cast<std::size_t>(n) + 1;
    }
    return true;
}

} // namespace

void reportSkipped(const std::string &command, const std::vector<ScanIssue> &issues, bool strict)
{
    if (issues.empty())
        return;
    if (strict)
        throw Error(issues.front().path.string() + ": " + issues.front().message + " (--strict: "
                    + std::to_string(issues.size()) + " input file" + (issues.size() == 1 ? "" : "s")
                    + " would be skipped)");
    constexpr std::size_t kShown = 10;
    for (std::size_t i = 0; i < issues.size() && i < kShown; ++i)
        std::cerr << command << ": warning: skipped " << issues[i].path.string() << ": " << issues[i].message << "\n";
    if (issues.size() > kShown)
        std::cerr << command << ": warning: ... and " << issues.size() - kShown << " more skipped input files\n";
}

int threadsOption(const Args &args, const std::string &command, int fallback)
{
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int n = args.intOr("threads", fallback);
    if (n < 0)
        throw Error("--threads must be 0 (all cores) or positive, got " + std::to_string(n));
    if (n > cores) {
        std::cerr << command << ": note: --threads " << n << " is more than the " << cores
                  << " cores present; using " << cores << "\n";
        return cores;
    }
    return n;
}

double doubleInRange(const Args &args, const std::string &name, double fallback, double lo, double hi)
{
    const double v = args.doubleOr(name, fallback);
    if (!std::isfinite(v) || v < lo || v > hi)
        throw Error("--" + name + " must be between " + numberText(lo) + " and " + numberText(hi) + ", got "
                    + args.valueOr(name, numberText(v)));
    return v;
}

int intInRange(const Args &args, const std::string &name, int fallback, int lo, int hi)
{
    const int v = args.intOr(name, fallback);
    if (v < lo || v > hi)
        throw Error("--" + name + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got "
                    + std::to_string(v));
    return v;
}

std::vector<double> numberList(const std::string &text, std::size_t count, const std::string &option,
                               const std::string &format)
{
    std::vector<double> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        double v = 0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc() || ptr != part.data() + part.size() || !std::isfinite(v))
            throw Error(option + " expects " + format + " (numbers), got '" + text + "'");
        out.push_back(v);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (out.size() != count)
        throw Error(option + " expects " + format + ", got '" + text + "'");
    return out;
}

void checkOutputFile(const fs::path &path, const std::string &option)
{
    std::error_code ec;
    if (path.empty())
        throw Error("an empty path is not a file (" + option + ")");
    if (fs::is_directory(path, ec))
        throw Error(path.string() + ": is a folder, expected a file name (" + option + ")");
    // The nearest existing folder above must be writable (missing folders are created when writing).
    fs::path parent = fs::absolute(path, ec).parent_path();
    while (!fs::exists(parent, ec) && parent.has_relative_path())
        parent = parent.parent_path();
    if (!fs::is_directory(parent, ec))
        throw Error(parent.string() + ": is a file, not a folder (" + option + ")");
    if (::access(parent.c_str(), W_OK | X_OK) != 0)
        throw Error(parent.string() + ": folder is not writable (" + option + ")");
    if (fs::exists(path, ec) && ::access(path.c_str(), W_OK) != 0)
        throw Error(path.string() + ": file is not writable (" + option + ")");
}

bool samePath(const fs::path &a, const fs::path &b)
{
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec))
        return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

void checkNotRunFile(const fs::path &out, const fs::path &runDir, const std::string &option)
{
    std::vector<std::string> parts = {"config.json", "metrics.json", "maps"};
    parts.insert(parts.end(), std::begin(kRunPartFiles), std::end(kRunPartFiles));
    std::error_code ec;
    const fs::path rel = fs::weakly_canonical(fs::absolute(out), ec)
                             .lexically_relative(fs::weakly_canonical(fs::absolute(runDir), ec));
    std::string part;
    if (!rel.empty() && *rel.begin() != "..") {
        for (const std::string &name : parts)
            if (*rel.begin() == name || rel == ".")
                part = rel == "." ? std::string("folder") : rel.string();
    }
    for (const std::string &name : parts) // hard links and other spellings of the same file
        if (part.empty() && fs::is_regular_file(runDir / name, ec) && samePath(out, runDir / name))
            part = name;
    if (!part.empty())
        throw Error(out.string() + ": is the run's own " + part + "; choose another output file (" + option + ")");
}

void checkNotInput(const Args &args, const std::vector<std::string> &outputs, const std::vector<std::string> &inputs)
{
    for (const std::string &output : outputs) {
        const auto out = args.value(output);
        if (!out)
            continue;
        for (const std::string &input : inputs) {
            const auto in = args.value(input);
            if (!in)
                continue;
            std::error_code ec;
            if (fs::is_directory(*in, ec))
                checkNotRunFile(*out, *in, "--" + output);
            else if (samePath(*out, *in))
                throw Error(*out + ": is the file given to --" + input + "; writing --" + output
                            + " would destroy it; choose another output file");
        }
    }
}

void checkUtf8Path(const fs::path &path, const std::string &option)
{
    if (!validUtf8(path.string()))
        throw Error("the path given to " + option
                    + " is not valid UTF-8; rename it (run folders store paths as UTF-8 JSON)");
}

} // namespace s2s::cli
