#include "engine/foreground/mask_cache.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/hash.h"
#include "engine/io/image_io.h"

#include <fstream>

namespace s2s {

namespace fs = std::filesystem;

MaskCache::MaskCache(fs::path dir)
    : m_dir(std::move(dir))
{
}

std::string MaskCache::contentKey(const cv::Mat &rgb)
{
    const int header[3] = {rgb.cols, rgb.rows, rgb.type()};
    std::uint64_t h = fnv1a(header, sizeof header);
    for (int y = 0; y < rgb.rows; ++y)
        h = fnv1a(rgb.ptr(y), rgb.cols * rgb.elemSize(), h);
    return hex64(h);
}

fs::path MaskCache::path(const std::string &imageKey, const std::string &segmenterKey) const
{
    return m_dir / hex64(fnv1a(segmenterKey.data(), segmenterKey.size())) / (imageKey + ".png");
}

std::optional<cv::Mat> MaskCache::find(const std::string &imageKey, const std::string &segmenterKey) const
{
    if (m_dir.empty())
        return std::nullopt;
    const fs::path p = path(imageKey, segmenterKey);
    std::error_code ec;
    if (!fs::exists(p, ec))
        return std::nullopt;
    try {
        return readMask(p);
    } catch (const Error &) {
        return std::nullopt;
    }
}

std::optional<std::string> MaskCache::findSource(const std::string &imageKey, const std::string &segmenterKey) const
{
    if (m_dir.empty())
        return std::nullopt;
    fs::path p = path(imageKey, segmenterKey);
    p.replace_extension(".txt");
    std::ifstream in(p);
    std::string line;
    if (!in || !std::getline(in, line) || line.empty())
        return std::nullopt;
    return line;
}

void MaskCache::store(const std::string &imageKey, const std::string &segmenterKey, const cv::Mat &mask,
                      const std::string &producedBy) const
{
    if (m_dir.empty())
        return;
    const fs::path p = path(imageKey, segmenterKey);
    if (!producedBy.empty()) {
        fs::path text = p;
        text.replace_extension(".txt");
        writeFileAtomically(text, producedBy + "\n");
    }
    writeImage(p, mask);
}

} // namespace s2s
