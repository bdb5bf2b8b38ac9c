#include "engine/core/csv.h"

#include "engine/core/error.h"

namespace s2s {

std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

std::vector<std::vector<std::string>> parseCsv(std::string_view text, const std::string &where)
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false, any = false;
    const auto endRecord = [&] {
        if (any || !cur.empty() || !fields.empty()) {
            fields.push_back(std::move(cur));
            records.push_back(std::move(fields));
        }
        fields.clear();
        cur.clear();
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            fields.push_back(std::move(cur));
            cur.clear();
            any = true;
        } else if (c == '\n') {
            endRecord();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else {
            cur += c;
        }
    }
    if (quoted)
        throw Error(where + ": a quoted field is not closed (line " + std::to_string(records.size() + 1) + ")");
    endRecord();
    return records;
}

} // namespace s2s
