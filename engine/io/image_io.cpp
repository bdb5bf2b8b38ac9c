#include "engine/io/image_io.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/io/image_decoders.h"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
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
        // An unknown critical chunk (upper-case first letter) makes libpng fail with a line of its own.
        if (std::isupper(static_cast<unsigned char>(type[0])) && type != "IHDR" && type != "PLTE" && type != "IDAT")
            throw Error(where + ": unsupported PNG (unknown critical chunk " + std::string(type) + ")");
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

// BMP and TIFF go to OpenCV, whose imdecode prints "imdecode_(''): can't read data: ..." on std::cerr
// itself when a decoder throws (data cut short): the structure is checked here first, so that what
// reaches it is whole. Returns the header size.
void checkGeometry(std::uint64_t w, std::uint64_t h, const std::string &where);

std::pair<std::uint64_t, std::uint64_t> checkBmp(std::string_view b, const std::string &where)
{
    if (b.size() < 26)
        throw Error(where + ": truncated BMP (the file ends inside its header)");
    // The declared size first: a huge image is named as such, whatever else is wrong with the file.
    if (le(b, 14, 4) != 12) {
        const auto declared = static_cast<std::int32_t>(le(b, 22, 4));
        checkGeometry(le(b, 18, 4), static_cast<std::uint64_t>(declared < 0 ? -std::int64_t(declared) : declared), where);
    }
    const std::size_t offset = le(b, 10, 4), infoSize = le(b, 14, 4);
    const bool core = infoSize == 12; // OS/2 header: 16-bit sizes, 3-byte palette entries
    if (infoSize < 12 || 14 + infoSize > b.size() || (!core && infoSize < 40))
        throw Error(where + ": corrupt BMP (bad header size)");
    const std::uint64_t w = core ? le(b, 18, 2) : le(b, 18, 4);
    const auto h32 = static_cast<std::int32_t>(le(b, 22, 4));
    const std::uint64_t h = core ? le(b, 20, 2) : static_cast<std::uint64_t>(h32 < 0 ? -std::int64_t(h32) : h32);
    const std::uint32_t bpp = core ? le(b, 24, 2) : le(b, 28, 2);
    const std::uint32_t compression = core ? 0 : le(b, 30, 4);
    // What OpenCV's BMP decoder reads: other values fail inside it with a line of its own on stderr.
    if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
        throw Error(where + ": BMP with " + std::to_string(bpp) + " bits per pixel, not read (1, 4, 8, 16, 24 and 32 are)");
    if (compression > 3 || (compression == 1 && bpp != 8) || (compression == 2 && bpp != 4)
        || (compression == 3 && bpp != 16 && bpp != 32))
        throw Error(where + ": BMP with compression " + std::to_string(compression) + " at " + std::to_string(bpp)
                    + " bits per pixel, not read (uncompressed, RLE8, RLE4 and bit fields are)");
    if (compression == 3 && 14 + infoSize + 12 > b.size()) // the three colour masks follow the header
        throw Error(where + ": truncated BMP (the file ends inside its colour masks)");
    if (bpp <= 8) {
        const std::uint32_t used = core ? 0 : le(b, 46, 4);
        if (used > 256)
            throw Error(where + ": corrupt BMP (a palette of " + std::to_string(used) + " colours; at most 256)");
        const std::uint64_t colours = used > 0 && used <= 256 ? used : std::uint64_t(1) << bpp;
        if (14 + infoSize + colours * (core ? 3 : 4) > b.size())
            throw Error(where + ": truncated BMP (the file ends inside its palette)");
    }
    if (offset >= b.size())
        throw Error(where + ": truncated BMP (its pixel data starts at byte " + std::to_string(offset)
                    + ", past the end of the file)");
    if (w == 0 || h == 0 || w > kMaxImageSide || h > kMaxImageSide)
        return {w, h}; // checkGeometry names it
    if (compression == 1 || compression == 2) { // RLE8, RLE4: walk the runs up to the end-of-bitmap mark
        std::size_t at = offset;
        while (true) {
            if (at + 2 > b.size())
                throw Error(where + ": truncated BMP (its run-length data ends before the end-of-bitmap mark)");
            const std::uint8_t count = std::uint8_t(b[at]), code = std::uint8_t(b[at + 1]);
            at += 2;
            if (count > 0 || code == 0)
                continue;
            if (code == 1)
                break;
            const std::size_t literal = code == 2 ? 2 : compression == 1 ? code : (code + 1u) / 2;
            at += code == 2 ? literal : (literal + 1) & ~std::size_t(1);
        }
    } else {
        const std::uint64_t pitch = ((w * (bpp == 15 ? 16 : bpp) + 7) / 8 + 3) & ~std::uint64_t(3);
        if (offset + pitch * h > b.size())
            throw Error(where + ": truncated BMP (" + std::to_string(b.size() - offset) + " bytes of pixel data, "
                        + std::to_string(pitch * h) + " expected)");
    }
    return {w, h};
}

// The first directory of a TIFF (the one OpenCV reads): its size, a compression OpenCV's libtiff reads,
// and strips or tiles inside the file.
std::pair<std::uint64_t, std::uint64_t> checkTiff(std::string_view b, const std::string &where)
{
    if (b.size() < 8)
        throw Error(where + ": truncated TIFF (the file ends inside its header)");
    const bool big = b[0] == 'M';
    const std::size_t ifd = le(b, 4, 4, big);
    if (ifd + 2 > b.size())
        throw Error(where + ": corrupt TIFF (first directory past the end of the file)");
    const std::size_t count = le(b, ifd, 2, big);
    if (ifd + 2 + 12 * count > b.size())
        throw Error(where + ": truncated TIFF (the file ends inside its first directory)");
    std::uint64_t w = 0, h = 0;
    std::vector<std::uint64_t> offsets, lengths;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t e = ifd + 2 + 12 * i;
        const std::uint32_t tag = le(b, e, 2, big), type = le(b, e + 2, 2, big), n = le(b, e + 4, 4, big);
        const int width = type == 3 ? 2 : type == 4 ? 4 : 0; // SHORT, LONG
        const auto values = [&]() {
            std::vector<std::uint64_t> out;
            if (width == 0)
                throw Error(where + ": corrupt TIFF (tag " + std::to_string(tag) + " has type " + std::to_string(type) + ")");
            const std::size_t at = std::uint64_t(n) * width <= 4 ? e + 8 : le(b, e + 8, 4, big);
            if (at > b.size() || std::uint64_t(n) * width > b.size() - at)
                throw Error(where + ": truncated TIFF (tag " + std::to_string(tag) + " points past the end of the file)");
            for (std::uint32_t k = 0; k < n; ++k)
                out.push_back(le(b, at + std::size_t(k) * width, width, big));
            return out;
        };
        if (tag == 256 || tag == 257) {
            const auto v = values();
            (tag == 256 ? w : h) = v.empty() ? 0 : v.front();
        } else if (tag == 259) {
            const auto v = values();
            const std::uint64_t c = v.empty() ? 1 : v.front();
            if (c != 1 && c != 5 && c != 7 && c != 8 && c != 32773 && c != 32946)
                throw Error(where + ": TIFF with compression " + std::to_string(c)
                            + ", not read (uncompressed, LZW, Deflate, PackBits and JPEG are)");
        } else if (tag == 273 || tag == 324) {
            offsets = values();
        } else if (tag == 279 || tag == 325) {
            lengths = values();
        }
    }
    if (offsets.empty() || offsets.size() != lengths.size())
        throw Error(where + ": corrupt TIFF (no image data, or strip offsets and lengths that do not match)");
    for (std::size_t k = 0; k < offsets.size(); ++k)
        if (offsets[k] > b.size() || lengths[k] > b.size() - offsets[k])
            throw Error(where + ": truncated TIFF (image data past the end of the file)");
    return {w, h};
}

// The format of an image file by its signature: "PNG", "JPEG", "BMP", "TIFF" (the ones decoded), the name
// of a format OpenCV could decode but we do not (so the user learns what the file really is), or empty.
std::string signatureFormat(std::string_view b)
{
    const auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
    if (starts(std::string_view("\x89PNG\r\n\x1a\n", 8)))
        return "PNG";
    if (starts("\xff\xd8\xff"))
        return "JPEG";
    if (starts("BM") && b.size() >= 26)
        return "BMP";
    if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4)))
        return "TIFF";
    if (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7')
        return "Netpbm (PBM/PGM/PPM/PAM)";
    if (starts("PF") || starts("Pf"))
        return "PFM";
    if (starts("\x76\x2f\x31\x01"))
        return "OpenEXR";
    if (starts("#?RADIANCE") || starts("#?RGBE"))
        return "Radiance HDR";
    if (starts(std::string_view("\0\0\0\x0cjP  ", 8)) || starts("\xff\x4f\xff\x51"))
        return "JPEG 2000";
    if (starts("RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP")
        return "WebP";
    if (starts("GIF8"))
        return "GIF";
    if (starts("\x59\xa6\x6a\x95"))
        return "Sun raster";
    return {};
}

bool decoded(const std::string &format)
{
    return format == "PNG" || format == "JPEG" || format == "BMP" || format == "TIFF";
}

// Width and height from the header of a decoded format (signatureFormat), checking the structure.
std::pair<std::uint64_t, std::uint64_t> headerSize(std::string_view b, const std::string &format,
                                                   const std::string &where)
{
    if (format == "PNG")
        return checkPng(b, where);
    if (format == "JPEG")
        return checkJpeg(b, where);
    if (format == "BMP")
        return checkBmp(b, where);
    if (format == "TIFF")
        return checkTiff(b, where);
    throw Error(where + ": not a readable image (unknown format)");
}

// Limits from the header, before any decoding: the pixel count bounds memory; the side and the aspect
// ratio bound what resizing makes of it (a 4000x1 strip resized to a shorter side of 329 px would be
// 1.3 million px wide).
void checkGeometry(std::uint64_t w, std::uint64_t h, const std::string &where)
{
    const std::string size = std::to_string(w) + "x" + std::to_string(h);
    if (w == 0 || h == 0)
        throw Error(where + ": image is " + size + " (no pixels)");
    const std::uint64_t pixels = w * h; // both below 2^32: no overflow
    if (pixels > kMaxImagePixels)
        throw Error(where + ": image is " + size + " (" + std::to_string(pixels / 1000000) + " MP), above the limit of "
                    + std::to_string(kMaxImagePixels / 1000000) + " MP");
    if (w > kMaxImageSide || h > kMaxImageSide)
        throw Error(where + ": image is " + size + ", a side above the limit of " + std::to_string(kMaxImageSide)
                    + " px");
    if (std::max(w, h) > kMaxImageAspect * std::min(w, h))
        throw Error(where + ": image is " + size + ", more elongated than " + std::to_string(kMaxImageAspect)
                    + ":1");
}

std::string lowercase(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// OpenCV's own log lines ("[ WARN:0@...] imdecode_...") would reach the terminal beside ours.
void silenceOpenCvLog()
{
    static const bool once = [] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        return true;
    }();
    (void)once;
}

// Decodes as cv::imdecode with IMREAD_UNCHANGED (8/16-bit; 1, 3 or 4 channels), EXIF orientation
// ignored; PNG and JPEG through our own decoders, so that no library line reaches the terminal.
// `where` names the file in messages; `extension` is the file name's (TIFF is read only under its own).
cv::Mat decodeBytes(std::string_view bytes, const std::string &where, const std::string &extension)
{
    if (bytes.empty())
        throw Error(where + ": empty file (0 bytes)");
    // The signature decides the format, never the name: only what we decode reaches OpenCV (whose other
    // decoders have their own limits, messages and temporary files).
    const std::string format = signatureFormat(bytes);
    if (format.empty())
        throw Error(where + ": not a readable image (unknown format; PNG, JPEG, BMP and TIFF are read)");
    if (!decoded(format))
        throw Error(where + ": " + format + " data, not a supported image format (PNG, JPEG, BMP and TIFF are read)");
    // TIFF only under its own name: its decoder is large and chatty, and a TIFF named .png is not what
    // the user thinks it is.
    const std::string ext = lowercase(extension);
    if (format == "TIFF" && ext != ".tif" && ext != ".tiff")
        throw Error(where + ": TIFF data behind a " + (ext.empty() ? std::string("name without extension") : ext + " name")
                    + "; rename it to .tif if it is meant to be read");
    const auto [w, h] = headerSize(bytes, format, where);
    checkGeometry(w, h, where);
    if (format == "PNG")
        return decodePng(bytes, where);
    if (format == "JPEG")
        return decodeJpeg(bytes, where);
    silenceOpenCvLog();
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char *>(bytes.data()));
    cv::Mat image;
    try {
        image = cv::imdecode(raw, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
    } catch (const cv::Exception &) {
        image.release();
    }
    if (image.empty())
        throw Error(where + ": not a readable image (corrupt or unsupported format)");
    return image;
}

std::string readImageFile(const fs::path &path)
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
    return readFile(path);
}

cv::Mat decode(const fs::path &path)
{
    const std::string bytes = readImageFile(path);
    return decodeBytes(bytes, path.string(), path.extension().string());
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

cv::Mat toRgb(const cv::Mat &decoded, const std::string &where)
{
    const cv::Mat image = to8Bit(decoded);
    cv::Mat rgb;
    switch (image.channels()) {
    case 1: cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB); break;
    case 3: cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(image, rgb, cv::COLOR_BGRA2RGB); break;
    default:
        throw Error(where + ": unsupported channel count " + std::to_string(image.channels()));
    }
    return rgb;
}

} // namespace

cv::Mat readImageRgb(const fs::path &path)
{
    return toRgb(decode(path), path.string());
}

std::string readImageBytes(const fs::path &path)
{
    return readImageFile(path);
}

cv::Mat decodeImageRgb(std::string_view bytes, const fs::path &path)
{
    return toRgb(decodeBytes(bytes, path.string(), path.extension().string()), path.string());
}

cv::Mat readImageUnchanged(const fs::path &path)
{
    return decode(path);
}

cv::Mat readMask(const fs::path &path)
{
    const cv::Mat decoded = to8Bit(decode(path));
    cv::Mat image;
    switch (decoded.channels()) {
    case 3: cv::cvtColor(decoded, image, cv::COLOR_BGR2GRAY); break;
    case 4: cv::cvtColor(decoded, image, cv::COLOR_BGRA2GRAY); break;
    default: image = decoded;
    }
    cv::Mat mask;
    cv::threshold(image, mask, 127, 255, cv::THRESH_BINARY);
    return mask;
}

MaskCheck checkMask(const fs::path &path)
{
    const cv::Mat decoded = decode(path);
    const cv::Mat image = to8Bit(decoded);
    MaskCheck check{image.size(), {}};
    cv::Mat grey;
    if (image.channels() >= 3) {
        std::vector<cv::Mat> planes;
        cv::split(image, planes);
        if (cv::countNonZero(planes[0] != planes[1]) > 0 || cv::countNonZero(planes[1] != planes[2]) > 0) {
            check.problem = "colour mask (expected one channel of black and white)";
            return check;
        }
        grey = planes[0];
    } else if (image.channels() == 2) {
        cv::extractChannel(image, grey, 0); // grey and alpha
    } else {
        grey = image;
    }
    const double pixels = double(grey.total());
    const int on = cv::countNonZero(grey > 127);
    // Anti-aliased or JPEG-saved outlines leave a few grey pixels; a mask of mostly grey levels is a
    // picture, not a label.
    const int greyLevels = cv::countNonZero((grey >= 32) & (grey <= 223));
    // The largest value as stored: a 16-bit 0/1 mask is all zero once scaled to 8 bits.
    double maxValue = 0.0;
    cv::minMaxLoc(decoded.channels() == 1 ? decoded : grey, nullptr, &maxValue);
    if (greyLevels > 0.01 * pixels)
        check.problem = "not a binary mask (" + std::to_string(int(100.0 * greyLevels / pixels + 0.5))
                        + "% of its pixels are grey, between 32 and 223)";
    else if (on == 0)
        check.problem = maxValue > 0 ? "mask marks nothing (no pixel above 127; its values go up to "
                                           + std::to_string(int(maxValue)) + ", expected 0 and 255)"
                                     : "mask marks nothing (all zero)";
    else if (on == static_cast<int>(pixels))
        check.problem = "mask marks the whole image";
    return check;
}

cv::Size readImageSize(const fs::path &path)
{
    // OpenCV 4.6 has no header-only size query; decoding at reduced size is not exact, so decode fully.
    const cv::Mat image = decode(path);
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
