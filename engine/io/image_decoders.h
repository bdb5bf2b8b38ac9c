#pragma once

#include <opencv2/core/mat.hpp>

#include <string>
#include <string_view>

namespace s2s {

// PNG and JPEG decoded through libpng and libjpeg directly, with error and warning handlers of ours:
// through OpenCV, both libraries print their own lines on stderr ("libpng warning: iCCP: ...",
// "Corrupt JPEG data: premature end of data segment") and a JPEG with damaged data decodes half grey.
// Here a warning about the image data makes the image unreadable, a warning about metadata (colour
// profiles, text chunks) is dropped, and nothing is printed. The result is what cv::imdecode gives with
// IMREAD_UNCHANGED: 8- or 16-bit, 1, 3 (BGR) or 4 (BGRA) channels. Throws s2s::Error("<where>: ...").
cv::Mat decodePng(std::string_view bytes, const std::string &where);
cv::Mat decodeJpeg(std::string_view bytes, const std::string &where);

} // namespace s2s
