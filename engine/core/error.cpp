#include "engine/core/error.h"

#include <algorithm>
#include <string_view>

namespace s2s {

namespace {

std::string oneLine(std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::min(text.size(), kMaxErrorLength) + 8);
    for (const char ch : text) {
        if (out.size() >= kMaxErrorLength) {
            out += " [...]";
            break;
        }
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

} // namespace

Error::Error(const std::string &what)
    : std::runtime_error(oneLine(what))
{
}

Error::Error(const char *what)
    : std::runtime_error(oneLine(what))
{
}

Cancelled::Cancelled()
    : Error("cancelled")
{
}

} // namespace s2s
