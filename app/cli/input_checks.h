#pragma once

#include "app/cli/args.h"

#include "engine/data/dataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace s2s::cli {

// Checks of command-line input that several commands share: nothing skipped without a word, every
// number in range, every output path usable before any work starts.

// One warning line per skipped input (path and reason; at most 10, then a count). With `strict` the first
// skipped input is an error instead.
void reportSkipped(const std::string &command, const std::vector<ScanIssue> &issues, bool strict);

// --threads N: 0 (or absent) means all cores; more than the cores present is clamped, with a note.
int threadsOption(const Args &args, const std::string &command, int fallback);

// A number option that must lie in [lo, hi] (finite); absent gives the fallback.
double doubleInRange(const Args &args, const std::string &name, double fallback, double lo, double hi);
int intInRange(const Args &args, const std::string &name, int fallback, int lo, int hi);

// "a,b,c": exactly `count` finite real numbers; the error names the option and the format.
std::vector<double> numberList(const std::string &text, std::size_t count, const std::string &option,
                               const std::string &format);

// A file the command will write: not a folder, not read-only, its nearest existing folder writable.
void checkOutputFile(const std::filesystem::path &path, const std::string &option);

// Whether two paths name the same file (also when one of them does not exist yet).
bool samePath(const std::filesystem::path &a, const std::filesystem::path &b);

// An output may not be one of the files the run folder being read consists of (config.json,
// metrics.json, scores.csv, the heads, maps/...): the run would be unusable afterwards. Other files
// inside the run folder (report.pdf) are fine. Throws s2s::Error("<out>: is the run's own <file>; ...").
void checkNotRunFile(const std::filesystem::path &out, const std::filesystem::path &runDir, const std::string &option);

// An output may not be a file the command reads: `mask --image a.png --out a.png` would destroy the photo.
// For each option of `outputs` given and each of `inputs` given (a file, or a run folder whose own files
// are then refused as by checkNotRunFile). Throws s2s::Error("<out>: is the file given to --image; ...").
void checkNotInput(const Args &args, const std::vector<std::string> &outputs, const std::vector<std::string> &inputs);

// Paths that go into config.json and metrics.json must be UTF-8.
void checkUtf8Path(const std::filesystem::path &path, const std::string &option);

} // namespace s2s::cli
