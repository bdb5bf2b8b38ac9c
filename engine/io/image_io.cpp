#include "engine/io/image_io.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <system_error>
#include <vector>

namespace s2s {

namespace fs = std::filesystem;

namespace {

cv::Mat decode(const fs::path &path, int flags)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(path.string() + ": no such file");
    if (!fs::is_regular_file(path, ec))
        throw Error(path.string() + ": not a file");
    if (fs::file_size(path, ec) == 0)
        throw Error(path.string() + ": empty file (0 bytes)");
    const std::string bytes = readFile(path);
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
