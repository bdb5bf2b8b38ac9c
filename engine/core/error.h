#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace s2s {

// The engine's one way to report a failure: an exception whose what() is a single line that names the
// file (or input) and the problem, ready to print on stderr or show in a message box. Messages often
// quote what a file holds (a PNG chunk type, a tensor name, a JSON value): control characters in the
// message are written as \xNN, so that no file can break the line or move the terminal's cursor, and a
// message is cut at kMaxErrorLength characters.
class Error : public std::runtime_error
{
public:
    explicit Error(const std::string &what);
    explicit Error(const char *what);
};

inline constexpr std::size_t kMaxErrorLength = 8192;

// Thrown by long jobs when their CancelToken was triggered; callers treat it as "stopped", not "failed".
class Cancelled : public Error
{
public:
    Cancelled();
};

} // namespace s2s
