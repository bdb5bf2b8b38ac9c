#include "engine/core/json_file.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"

#include <cmath>
#include <cstdio>

namespace s2s {

namespace {

const nlohmann::json *field(const nlohmann::json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string numberText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

void checkJsonNesting(std::string_view text, const std::string &where, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                throw Error(where + ": nesting deeper than " + std::to_string(maxDepth) + " levels (byte "
                            + std::to_string(i) + ")");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

nlohmann::json parseJson(std::string_view text, const std::string &where, int maxDepth)
{
    checkJsonNesting(text, where, maxDepth);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        throw Error(where + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::exception &) {
        throw Error(where + ": not valid JSON");
    }
}

nlohmann::json readJsonFile(const std::filesystem::path &file, bool objectOnly)
{
    nlohmann::json j = parseJson(readFile(file), file.string());
    if (objectOnly && !j.is_object())
        throw Error(file.string() + ": not a JSON object");
    return j;
}

std::string jsonPreview(const nlohmann::json &value)
{
    std::string text = value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    return text;
}

std::int64_t jsonInt(const nlohmann::json &object, const char *key, std::int64_t fallback, std::int64_t lo,
                     std::int64_t hi, const std::string &where)
{
    const nlohmann::json *v = field(object, key);
    if (!v)
        return fallback;
    bool ok = false;
    std::int64_t out = 0;
    if (v->is_number_integer()) {
        if (v->is_number_unsigned()) {
            const auto u = v->get<std::uint64_t>();
            ok = hi >= 0 && u <= static_cast<std::uint64_t>(hi) && static_cast<std::int64_t>(u) >= lo;
            out = ok ? static_cast<std::int64_t>(u) : 0;
        } else {
            out = v->get<std::int64_t>();
            ok = out >= lo && out <= hi;
        }
    } else if (v->is_number_float()) {
        // 4.0 is read as 4, as Python's json writes some integers.
        const double d = v->get<double>();
        ok = std::isfinite(d) && std::fabs(d) < 9e18 && d == std::floor(d) && d >= static_cast<double>(lo) && d <= static_cast<double>(hi);
        out = ok ? static_cast<std::int64_t>(d) : 0;
    }
    if (!ok)
        throw Error(where + ": " + key + " must be an integer from " + std::to_string(lo) + " to "
                    + std::to_string(hi) + ", got " + jsonPreview(*v));
    return out;
}

double jsonNumber(const nlohmann::json &object, const char *key, double fallback, double lo, double hi,
                  const std::string &where)
{
    const nlohmann::json *v = field(object, key);
    if (!v)
        return fallback;
    const double d = v->is_number() ? v->get<double>() : std::nan("");
    if (!std::isfinite(d) || d < lo || d > hi)
        throw Error(where + ": " + key + " must be a number from " + numberText(lo) + " to " + numberText(hi)
                    + ", got " + jsonPreview(*v));
    return d;
}

bool jsonBool(const nlohmann::json &object, const char *key, bool fallback, const std::string &where)
{
    const nlohmann::json *v = field(object, key);
    if (!v)
        return fallback;
    if (!v->is_boolean())
        throw Error(where + ": " + key + " must be true or false, got " + jsonPreview(*v));
    return v->get<bool>();
}

std::string jsonString(const nlohmann::json &object, const char *key, const std::string &fallback,
                       const std::string &where)
{
    const nlohmann::json *v = field(object, key);
    if (!v)
        return fallback;
    if (!v->is_string())
        throw Error(where + ": " + key + " must be a string, got " + jsonPreview(*v));
    return v->get<std::string>();
}

} // namespace s2s
