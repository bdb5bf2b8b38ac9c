#pragma once

#include <stdexcept>
#include <string>

namespace s2s {

// The engine's one way to report a failure: an exception whose what() is a single line that names the
// file (or input) and the problem, ready to print on stderr or show in a message box.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Thrown by long jobs when their CancelToken was triggered; callers treat it as "stopped", not "failed".
class Cancelled : public Error
{
public:
    Cancelled();
};

} // namespace s2s
