#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace s2s {

// RFC 4180 CSV, as every CSV of the project is written and read: a field holding a comma, quote,
// CR or LF is quoted (quotes doubled); other fields stay bare so that plain paths remain readable.
std::string csvField(std::string_view text);

// Splits CSV text into records of fields; quoted fields may hold commas, quotes and line breaks.
// A CR before a record's LF is dropped. Empty lines yield no record. Throws s2s::Error(where + ": ...")
// for an unterminated quoted field.
std::vector<std::vector<std::string>> parseCsv(std::string_view text, const std::string &where);

} // namespace s2s
