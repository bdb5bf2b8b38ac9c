#include "engine/simplenet/scorer.h"

#include "engine/core/error.h"

#include <c10/core/InferenceMode.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace s2s {

namespace {

std::int64_t roundHalfEven(double v)
{
    return static_cast<std::int64_t>(std::nearbyint(v));
}

struct CropGeometry
{
    std::int64_t newH, newW, top, left;
};

CropGeometry geometry(int width, int height, int resize, int imageSize)
{
    CropGeometry g;
    g.newH = height <= width ? resize : static_cast<std::int64_t>(static_cast<double>(resize) * height / width);
    g.newW = height <= width ? static_cast<std::int64_t>(static_cast<double>(resize) * width / height) : resize;
    g.top = roundHalfEven((g.newH - imageSize) / 2.0);
    g.left = roundHalfEven((g.newW - imageSize) / 2.0);
    return g;
}

} // namespace

at::Tensor patchScoreGrid(const FusedHeads &heads, const at::Tensor &rows, std::int64_t h, std::int64_t w)
{
    c10::InferenceMode guard;
    return heads.patchScores(rows).reshape({h, w});
}

float imageScore(const at::Tensor &patchGrid)
{
    return patchGrid.max().item<float>();
}

ScoreMap pixelMap(const at::Tensor &patchGrid, int imageSize)
{
    c10::InferenceMode guard;
    const at::Tensor up = at::upsample_bilinear2d(patchGrid.to(at::kFloat).unsqueeze(0).unsqueeze(0),
                                                  {imageSize, imageSize}, false)
                              .squeeze()
                              .contiguous();
    cv::Mat m(imageSize, imageSize, CV_32F, up.data_ptr<float>());
    cv::Mat blurred;
    cv::GaussianBlur(m, blurred, cv::Size(33, 33), 4.0, 4.0, cv::BORDER_REFLECT);
    ScoreMap out;
    out.width = out.height = imageSize;
    out.values.assign(blurred.ptr<float>(), blurred.ptr<float>() + blurred.total());
    return out;
}

ScoreMap cropFrameToOriginal(const ScoreMap &crop, int originalWidth, int originalHeight, int resize)
{
    const CropGeometry g = geometry(originalWidth, originalHeight, resize, crop.width);
    float minimum = crop.values.empty() ? 0.f : *std::min_element(crop.values.begin(), crop.values.end());
    cv::Mat resized(static_cast<int>(g.newH), static_cast<int>(g.newW), CV_32F, cv::Scalar(minimum));
    const cv::Mat cropMat(crop.height, crop.width, CV_32F, const_cast<float *>(crop.values.data()));
    cropMat.copyTo(resized(cv::Rect(static_cast<int>(g.left), static_cast<int>(g.top), crop.width, crop.height)));
    cv::Mat original;
    cv::resize(resized, original, cv::Size(originalWidth, originalHeight), 0, 0, cv::INTER_LINEAR);
    ScoreMap out;
    out.width = originalWidth;
    out.height = originalHeight;
    out.values.assign(original.ptr<float>(), original.ptr<float>() + original.total());
    return out;
}

cv::Matx23d nativeToCropFrame(int width, int height, int resize, int imageSize)
{
    const CropGeometry g = geometry(width, height, resize, imageSize);
    const double sx = static_cast<double>(g.newW) / width, sy = static_cast<double>(g.newH) / height;
    return {sx, 0.0, 0.5 * sx - 0.5 - static_cast<double>(g.left), 0.0, sy, 0.5 * sy - 0.5 - static_cast<double>(g.top)};
}

Mask8 maskToCropFrame(const cv::Mat &mask, int resize, int imageSize)
{
    c10::InferenceMode guard;
    const CropGeometry g = geometry(mask.cols, mask.rows, resize, imageSize);
    cv::Mat m = mask.isContinuous() ? mask : mask.clone();
    at::Tensor t = at::from_blob(m.ptr(), {1, 1, m.rows, m.cols}, at::kByte).to(at::kFloat).div(255.0);
    t = at::_upsample_bilinear2d_aa(t, {g.newH, g.newW}, false);
    t = t.slice(2, g.top, g.top + imageSize).slice(3, g.left, g.left + imageSize);
    // PIL resizes in uint8: a pixel is 1.0 after ToTensor only if it rounds to 255.
    const at::Tensor on = (t.squeeze() * 255.0 >= 254.5).to(at::kByte).contiguous();
    Mask8 out;
    out.width = out.height = imageSize;
    out.values.assign(on.data_ptr<std::uint8_t>(), on.data_ptr<std::uint8_t>() + on.numel());
    return out;
}

} // namespace s2s
