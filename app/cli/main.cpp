// sam2sim: the headless CLI. Every job the studio runs is a sub-command here (DESIGN.md, CLI contract).
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/run_options.h"

#include "engine/core/error.h"
#include "engine/core/failure_text.h"
#include "engine/core/threads.h"

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace s2s::cli {

std::map<std::string, Command> &commandRegistry()
{
    static std::map<std::string, Command> registry;
    return registry;
}

CommandRegistration::CommandRegistration(Command command)
{
    commandRegistry().emplace(command.name, std::move(command));
}

} // namespace s2s::cli

namespace {

void printHelp()
{
    std::cout << "Usage: sam2sim <command> [options]\n"
                 "Sam2Sim Studio " SAM2SIM_VERSION " - unsupervised visual inspection, headless.\n\n"
                 "Commands:\n";
    for (const auto &[name, command] : s2s::cli::commandRegistry())
        std::cout << "  " << name << std::string(name.size() < 11 ? 11 - name.size() : 1, ' ')
                  << command.synopsis << "\n";
    std::cout << "\nRun 'sam2sim <command> --help' for a command's options.\n";
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        printHelp();
        return 2;
    }
    const std::string name = args.front();
    if (name == "--help" || name == "-h" || name == "help") {
        printHelp();
        return 0;
    }
    if (name == "--version" || name == "-v") {
        std::cout << "sam2sim " SAM2SIM_VERSION "\n";
        return 0;
    }
    const auto &registry = s2s::cli::commandRegistry();
    const auto it = registry.find(name);
    if (it != registry.end() && name != "scan" && name != "synth")
        s2s::preferPassiveOpenMpWait(argv); // the commands that run networks
    if (it == registry.end()) {
        std::cerr << "sam2sim: unknown command '" << name << "' (see sam2sim --help)\n";
        return 2;
    }
    args.erase(args.begin());
    try {
        return it->second.run(args);
    } catch (const s2s::cli::HelpRequested &) {
        std::cout << it->second.usage << "\n";
        return 0;
    } catch (const s2s::Cancelled &) {
        std::cerr << "sam2sim " << name << ": cancelled\n";
        return 130;
    } catch (const std::exception &e) {
        // A failed allocation deep in a library (c10's "DefaultCPUAllocator: can't allocate memory")
        // becomes ours, naming the stage the job had reached.
        if (const std::string memory = s2s::outOfMemoryText(e); !memory.empty()) {
            const std::string stage = s2s::cli::lastStage();
            std::cerr << "sam2sim " << name << ": " << memory
                      << (stage.empty() ? std::string() : " at " + stage) << "\n";
            return 1;
        }
        // Errors from a command often already name it ("train: ..."); do not say it twice.
        std::string what = e.what();
        // Library errors (c10's come with a stack trace) keep only their first line.
        what = what.substr(0, what.find('\n'));
        if (what.rfind(name + ": ", 0) == 0)
            what.erase(0, name.size() + 2);
        std::cerr << "sam2sim " << name << ": " << what << "\n";
        return 1;
    }
}
