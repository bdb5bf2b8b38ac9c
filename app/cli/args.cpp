#include "app/cli/args.h"

#include "engine/core/error.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <sstream>

namespace s2s::cli {

namespace {

bool looksLikeOption(const std::string &arg)
{
    if (arg.rfind("--", 0) == 0)
        return arg.size() > 2;
    return arg.size() > 1 && arg[0] == '-' && !std::isdigit(static_cast<unsigned char>(arg[1])) && arg[1] != '.';
}

} // namespace

Args::Args(const std::string &command, const std::vector<std::string> &args,
           const std::set<std::string> &valueOptions, const std::set<std::string> &flagOptions)
    : m_command(command)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--help" || arg == "-h")
            throw HelpRequested{};
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            // "-x" is a mistyped option, not a file; "-5" or "-.5" may be a number.
            if (looksLikeOption(arg))
                throw Error(command + ": unknown option " + arg + " (options start with --; see sam2sim " + command
                            + " --help)");
            m_positionals.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flagOptions.count(name)) {
            if (inlineValue)
                throw Error(command + ": option --" + name + " takes no value");
            if (!m_flags.insert(name).second)
                throw Error(command + ": option --" + name + " given twice; give it once");
        } else if (valueOptions.count(name)) {
            std::string value;
            if (inlineValue) {
                value = *inlineValue;
            } else {
                if (i + 1 >= args.size())
                    throw Error(command + ": option --" + name + " needs a value");
                value = args[++i];
                // "--category -h", "--out --quiet" or "--data -q": the value is missing, not named "-h"
                // (a negative number such as "-5" or "-.5" is a value).
                if (looksLikeOption(value))
                    throw Error(command + ": option --" + name + " needs a value, got the option " + value
                                + " (write --" + name + "=" + value + " if that is the value)");
            }
            if (const auto it = m_values.find(name); it != m_values.end())
                throw Error(command + ": option --" + name + " given twice ('" + it->second + "' and '" + value
                            + "'); give it once");
            m_values[name] = value;
        } else {
            throw Error(command + ": unknown option --" + name + " (see sam2sim " + command + " --help)");
        }
    }
}

void Args::expectNoPositionals() const
{
    if (!m_positionals.empty())
        throw Error(m_command + ": unexpected argument '" + m_positionals.front() + "'");
}

bool Args::has(const std::string &name) const
{
    return m_values.count(name) > 0 || m_flags.count(name) > 0;
}

bool Args::flag(const std::string &name) const
{
    return m_flags.count(name) > 0;
}

std::optional<std::string> Args::value(const std::string &name) const
{
    if (const auto it = m_values.find(name); it != m_values.end())
        return it->second;
    return std::nullopt;
}

std::string Args::required(const std::string &name) const
{
    if (const auto v = value(name))
        return *v;
    throw Error(m_command + ": missing required option --" + name);
}

std::string Args::valueOr(const std::string &name, const std::string &fallback) const
{
    return value(name).value_or(fallback);
}

int Args::intOr(const std::string &name, int fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    int out = 0;
    const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec == std::errc::result_out_of_range)
        throw Error(m_command + ": --" + name + " " + *v + " is out of range");
    if (ec != std::errc() || ptr != v->data() + v->size())
        throw Error(m_command + ": --" + name + " expects an integer, got '" + *v + "'");
    return out;
}

std::uint64_t Args::u64Or(const std::string &name, std::uint64_t fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    std::uint64_t out = 0;
    const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec == std::errc::result_out_of_range)
        throw Error(m_command + ": --" + name + " " + *v + " is out of range");
    if (ec != std::errc() || ptr != v->data() + v->size())
        throw Error(m_command + ": --" + name + " expects a non-negative integer, got '" + *v + "'");
    return out;
}

double Args::doubleOr(const std::string &name, double fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    std::istringstream in(*v);
    in.imbue(std::locale::classic());
    double out = 0.0;
    in >> out;
    if (!in || !in.eof())
        throw Error(m_command + ": --" + name + " expects a number, got '" + *v + "'");
    return out;
}

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> parts;
    std::string current;
    std::istringstream in(text);
    while (std::getline(in, current, ','))
        if (!current.empty())
            parts.push_back(current);
    return parts;
}

} // namespace s2s::cli
