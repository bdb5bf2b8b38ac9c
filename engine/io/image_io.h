#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace s2s {

// Images above this many pixels are refused from their header, before decoding (a 1 MB PNG can
// declare 20000x20000 pixels and take 10 GB to decode).
inline constexpr std::uint64_t kMaxImagePixels = 100'000'000;
// Also from the header: no side above 65535 px and no aspect ratio above 64:1 (the preprocessing
// resizes the shorter side, so a 4000x1 strip would become 1.3 million px wide).
inline constexpr std::uint64_t kMaxImageSide = 65'535;
inline constexpr std::uint64_t kMaxImageAspect = 64;

// Formats are decided by the file's signature, never its name: PNG, JPEG, BMP, and TIFF (only under a
// .tif/.tiff name) are decoded; Netpbm, PFM, EXR, HDR, JPEG 2000, WebP, GIF... are refused by name.

// Reads an image as 8-bit, 3-channel RGB (grey is expanded, alpha dropped, 16-bit scaled to 8-bit).
// Throws s2s::Error("<file>: <reason>") for missing, empty or undecodable files.
cv::Mat readImageRgb(const std::filesystem::path &path);
// The same in two steps, for callers that also need the file's bytes (a content hash) or must tell a
// file still being written from a broken one: readImageBytes refuses what is no file, empty or too large;
// decodeImageRgb names `path` in its errors, and a PNG or JPEG cut short is reported as "truncated ...".
std::string readImageBytes(const std::filesystem::path &path);
cv::Mat decodeImageRgb(std::string_view bytes, const std::filesystem::path &path);

// Reads an image as stored (8- or 16-bit; 1, 3 (BGR) or 4 (BGRA) channels), with the same checks.
cv::Mat readImageUnchanged(const std::filesystem::path &path);

// Reads a mask as 8-bit single channel with values 0 or 255 (anything > 127 is on).
cv::Mat readMask(const std::filesystem::path &path);

// A ground-truth mask as the scanner sees it: its size and, when it cannot serve as a label, why not
// (colour, grey levels, nothing marked, everything marked). Throws like readImageRgb when unreadable.
struct MaskCheck
{
    cv::Size size;
    std::string problem; // empty for a usable mask
};
MaskCheck checkMask(const std::filesystem::path &path);

// Reads only the header to get the size; throws like readImageRgb. Cheap enough for scanning.
cv::Size readImageSize(const std::filesystem::path &path);

// Writes an RGB (or single-channel) 8/16-bit image atomically; the format follows the extension.
void writeImage(const std::filesystem::path &path, const cv::Mat &image);

} // namespace s2s
