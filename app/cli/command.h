#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace s2s::cli {

// One sub-command of `sam2sim`. Each lives in its own cmd_<name>.cpp and registers itself with a
// static CommandRegistration, so adding a command touches no shared file.
struct Command
{
    std::string name;
    std::string synopsis; // one line for `sam2sim --help`
    std::string usage;    // full usage text for `sam2sim <name> --help`
    std::function<int(const std::vector<std::string> &args)> run;
};

std::map<std::string, Command> &commandRegistry();

struct CommandRegistration
{
    explicit CommandRegistration(Command command);
};

} // namespace s2s::cli
