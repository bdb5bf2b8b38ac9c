#include "engine/io/image_io.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace s2s {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxImageFileBytes = std::uintmax_t(1) << 30;

std::uint32_t be32(std::string_view b, std::size_t at)
{
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16)
           | (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}

std::uint32_t le(std::string_view b, std::size_t at, int bytes, bool bigEndian = false)
{
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) {
        const std::uint32_t byte = std::uint8_t(b[at + static_cast<std::size_t>(i)]);
        v |= bigEndian ? byte << (8 * (bytes - 1 - i)) : byte << (8 * i);
    }
    return v;
}

std::uint32_t crc32(std::string_view b)
{
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xffffffffu;
    for (const char ch : b)
        c = table[(c ^ std::uint8_t(ch)) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

// A PNG's chunks, checked before libpng sees them: libpng prints its own lines on stderr for a bad
// CRC or a truncated file, and the user should get one line of ours instead. Returns the IHDR size.
std::pair<std::uint64_t, std::uint64_t> checkPng(std::string_view b, const std::string &where)
{
    std::size_t at = 8;
    std::pair<std::uint64_t, std::uint64_t> size{0, 0};
    bool first = true;
    while (true) {
        if (at + 12 > b.size())
            throw Error(where + ": truncated PNG (the file ends before its IEND chunk)");
        const std::uint32_t length = be32(b, at);
        const std::string_view type = b.substr(at + 4, 4);
        if (length > b.size() - at - 12)
            throw Error(where + ": truncated PNG (chunk " + std::string(type) + " runs past the end of the file)");
        if (crc32(b.substr(at + 4, 4 + length)) != be32(b, at + 8 + length))
            throw Error(where + ": corrupt PNG (chunk " + std::string(type) + " fails its CRC check)");
        if (first) {
            if (type != "IHDR" || length < 8)
                throw Error(where + ": corrupt PNG (no IHDR chunk first)");
            size = {be32(b, at + 8), be32(b, at + 12)};
            first = false;
        }
        if (type == "IEND")
            return size;
        at += 12 + length;
    }
}

// Width and height from a JPEG's frame header, checking that the file is not cut short (libjpeg would
// fill the missing part with grey after a warning of its own).
std::pair<std::uint64_t, std::uint64_t> checkJpeg(std::string_view b, const std::string &where)
{
    std::size_t at = 2;
    std::pair<std::uint64_t, std::uint64_t> size{0, 0};
    while (at + 4 <= b.size()) {
        if (std::uint8_t(b[at]) != 0xff)
            throw Error(where + ": corrupt JPEG (bad segment marker)");
        const std::uint8_t marker = std::uint8_t(b[at + 1]);
        if (marker == 0xff) {
            ++at;
            continue;
        }
        if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
            at += 2;
            continue;
        }
        const std::size_t length = le(b, at + 2, 2, true);
        if (length < 2 || at + 2 + length > b.size())
            break;
        if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc && length >= 7)
            size = {le(b, at + 7, 2, true), le(b, at + 5, 2, true)};
        if (marker == 0xda) { // start of scan: the entropy-coded data runs to the end-of-image marker
            if (b.find("\xff\xd9", at + 2 + length) == std::string_view::npos)
                throw Error(where + ": truncated JPEG (no end-of-image marker)");
            return size;
        }
        at += 2 + length;
    }
    throw Error(where + ": truncated JPEG (the file ends before its image data)");
}

// Width and height from the header, where the format is one we can read without decoding.
std::optional<std::pair<std::uint64_t, std::uint64_t>> headerSize(std::string_view b, const std::string &where)
{
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
        return checkPng(b, where);
    if (b.size() >= 3 && b.substr(0, 3) == "\xff\xd8\xff")
        return checkJpeg(b, where);
    if (b.size() >= 26 && b.substr(0, 2) == "BM") {
        const auto h = static_cast<std::int32_t>(le(b, 22, 4));
        return std::pair<std::uint64_t, std::uint64_t>{le(b, 18, 4), static_cast<std::uint64_t>(h < 0 ? -std::int64_t(h) : h)};
    }
    if (b.size() >= 8 && (b.substr(0, 4) == std::string_view("II*\0", 4) || b.substr(0, 4) == std::string_view("MM\0*", 4))) {
        const bool big = b[0] == 'M';
        const std::size_t ifd = le(b, 4, 4, big);
        if (ifd + 2 > b.size())
            throw Error(where + ": corrupt TIFF (first directory past the end of the file)");
        const std::size_t count = le(b, ifd, 2, big);
        std::uint64_t w = 0, h = 0;
        for (std::size_t i = 0; i < count && ifd + 2 + 12 * (i + 1) <= b.size(); ++i) {
            const std::size_t e = ifd + 2 + 12 * i;
            const std::uint32_t tag = le(b, e, 2, big), type = le(b, e + 2, 2, big);
            const std::uint32_t v = type == 3 ? le(b, e + 8, 2, big) : le(b, e + 8, 4, big);
            if (tag == 256)
                w = v;
            else if (tag == 257)
                h = v;
        }
        return std::pair<std::uint64_t, std::uint64_t>{w, h};
    }
    return std::nullopt;
}

cv::Mat decode(const fs::path &path, int flags)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(path.string() + ": no such file");
    if (!fs::is_regular_file(path, ec))
        throw Error(path.string() + ": not a file");
    const auto fileSize = fs::file_size(path, ec);
    if (fileSize == 0)
        throw Error(path.string() + ": empty file (0 bytes)");
    if (fileSize > kMaxImageFileBytes)
        throw Error(path.string() + ": " + std::to_string(fileSize >> 20) + " MB, larger than any image this reads (1024 MB)");
    const std::string bytes = readFile(path);
    if (const auto size = headerSize(bytes, path.string())) {
        const std::uint64_t pixels = size->first * size->second;
        if (pixels > kMaxImagePixels)
            throw Error(path.string() + ": image is " + std::to_string(size->first) + "x" + std::to_string(size->second)
                        + " (" + std::to_string(pixels / 1000000) + " MP), above the limit of "
                        + std::to_string(kMaxImagePixels / 1000000) + " MP");
    }
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char *>(bytes.data()));
    cv::Mat image;
    try {
        image = cv::imdecode(raw, flags);
    } catch (const cv::Exception &) {
        image.release();
    }
    if (image.empty())
        throw Error(path.string() + ": not a readable image (corrupt or unsupported format)");
    return image;
}

cv::Mat to8Bit(const cv::Mat &image)
{
    if (image.depth() == CV_8U)
        return image;
    cv::Mat out;
    if (image.depth() == CV_16U)
        image.convertTo(out, CV_8U, 1.0 / 257.0);
    else if (image.depth() == CV_32F || image.depth() == CV_64F)
        image.convertTo(out, CV_8U, 255.0);
    else
        image.convertTo(out, CV_8U);
    return out;
}

} // namespace

cv::Mat readImageRgb(const fs::path &path)
{
    cv::Mat image = to8Bit(decode(path, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION));
    cv::Mat rgb;
    switch (image.channels()) {
    case 1: cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB); break;
    case 3: cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(image, rgb, cv::COLOR_BGRA2RGB); break;
    default:
        throw Error(path.string() + ": unsupported channel count " + std::to_string(image.channels()));
    }
    return rgb;
}

cv::Mat readMask(const fs::path &path)
{
    cv::Mat image = to8Bit(decode(path, cv::IMREAD_GRAYSCALE | cv::IMREAD_IGNORE_ORIENTATION));
    cv::Mat mask;
    cv::threshold(image, mask, 127, 255, cv::THRESH_BINARY);
    return mask;
}

cv::Size readImageSize(const fs::path &path)
{
    // OpenCV 4.6 has no header-only size query; decoding at reduced size is not exact, so decode fully.
    const cv::Mat image = decode(path, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
    return image.size();
}

void writeImage(const fs::path &path, const cv::Mat &image)
{
    cv::Mat out;
    if (image.channels() == 3)
        cv::cvtColor(image, out, cv::COLOR_RGB2BGR);
    else if (image.channels() == 4)
        cv::cvtColor(image, out, cv::COLOR_RGBA2BGRA);
    else
        out = image;
    std::vector<uchar> bytes;
    const std::string ext = path.extension().string();
    bool ok = false;
    try {
        ok = cv::imencode(ext.empty() ? ".png" : ext, out, bytes);
    } catch (const cv::Exception &e) {
        throw Error(path.string() + ": cannot encode image: " + e.msg);
    }
    if (!ok)
        throw Error(path.string() + ": cannot encode image");
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
}

} // namespace s2s
