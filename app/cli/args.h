#pragma once

#include "engine/core/error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace s2s::cli {

// Thrown by Args for "--help" or "-h" where an option may stand (not as an option's value); main prints
// the command's usage.
struct HelpRequested
{
};

// A strict parser for "--name value", "--name=value", "--flag" and positional arguments.
// Unknown options (also "-x"), missing values, an option given twice, an option where a value should be
// and bad or out-of-range numbers throw s2s::Error with a one-line message.
class Args
{
public:
    Args(const std::string &command, const std::vector<std::string> &args,
         const std::set<std::string> &valueOptions, const std::set<std::string> &flagOptions);

    bool has(const std::string &name) const;
    bool flag(const std::string &name) const;
    std::optional<std::string> value(const std::string &name) const;
    std::string required(const std::string &name) const;
    std::string valueOr(const std::string &name, const std::string &fallback) const;
    int intOr(const std::string &name, int fallback) const;
    double doubleOr(const std::string &name, double fallback) const;
    std::uint64_t u64Or(const std::string &name, std::uint64_t fallback) const;
    const std::vector<std::string> &positionals() const { return m_positionals; }
    // For commands that take options only: the first positional argument is an error.
    void expectNoPositionals() const;

private:
    std::string m_command;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positionals;
};

// Splits "a,b,c" into its non-empty parts.
std::vector<std::string> splitList(const std::string &text);

} // namespace s2s::cli
