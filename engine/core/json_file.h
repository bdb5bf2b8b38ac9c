#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace s2s {

// JSON read from files a user can edit or hand us (run folders, safetensors headers, exports): nesting
// is limited before parsing, since nlohmann's dump, copy and comparison recurse once per level (a
// 200k-deep array would overflow the stack), and every error is one line "<where>: <problem>".
constexpr int kMaxJsonDepth = 64;

// Throws s2s::Error("<where>: nesting deeper than N levels") when arrays/objects nest deeper than
// maxDepth (a scan of the bytes that skips strings; cheap and recursion-free).
void checkJsonNesting(std::string_view text, const std::string &where, int maxDepth = kMaxJsonDepth);

// Parses JSON text after checkJsonNesting; malformed text throws s2s::Error("<where>: not valid JSON
// (byte N)").
nlohmann::json parseJson(std::string_view text, const std::string &where, int maxDepth = kMaxJsonDepth);

// readFile + parseJson, naming the file; `objectOnly` also refuses a document that is not an object.
nlohmann::json readJsonFile(const std::filesystem::path &file, bool objectOnly = true);

// Typed fields of a JSON object, checked where they are read so that a wrong type or an absurd value is
// reported with the file and the key ("<where>: <key> must be an integer from lo to hi, got "x"")
// instead of a library exception. An absent or null key gives the fallback.
std::int64_t jsonInt(const nlohmann::json &object, const char *key, std::int64_t fallback, std::int64_t lo,
                     std::int64_t hi, const std::string &where);
double jsonNumber(const nlohmann::json &object, const char *key, double fallback, double lo, double hi,
                  const std::string &where);
bool jsonBool(const nlohmann::json &object, const char *key, bool fallback, const std::string &where);
std::string jsonString(const nlohmann::json &object, const char *key, const std::string &fallback,
                     const std::string &where);

// A short, one-line rendering of a value for error messages (at most ~40 characters).
std::string jsonPreview(const nlohmann::json &value);

} // namespace s2s
