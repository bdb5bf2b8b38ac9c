#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace s2s {

// Foreground masks on disk, keyed by image content and segmenter, so a dataset is segmented once.
// Writes are atomic; a damaged entry is treated as a miss.
class MaskCache
{
public:
    explicit MaskCache(std::filesystem::path dir);

    static std::string contentKey(const cv::Mat &rgb); // 64-bit FNV-1a of size and pixels, hex
    std::optional<cv::Mat> find(const std::string &imageKey, const std::string &segmenterKey) const;
    // Who produced a cached mask (a segmenter name, with a fallback reason), when it was recorded.
    std::optional<std::string> findSource(const std::string &imageKey, const std::string &segmenterKey) const;
    void store(const std::string &imageKey, const std::string &segmenterKey, const cv::Mat &mask,
               const std::string &producedBy = {}) const;

private:
    std::filesystem::path path(const std::string &imageKey, const std::string &segmenterKey) const;
    std::filesystem::path m_dir;
};

} // namespace s2s
