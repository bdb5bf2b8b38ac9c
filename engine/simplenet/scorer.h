#pragma once

#include "engine/core/score_map.h"
#include "engine/simplenet/simplenet_heads.h"

#include <ATen/ATen.h>
#include <opencv2/core/mat.hpp>
#include <opencv2/core/matx.hpp>

namespace s2s {

// Patch scores of one image: rows [h*w, d] -> [h, w] of -D(A f) (higher = more anomalous).
at::Tensor patchScoreGrid(const FusedHeads &heads, const at::Tensor &rows, std::int64_t h, std::int64_t w);

// The image score: the maximum raw patch score (before upsampling or blur), as the official code.
float imageScore(const at::Tensor &patchGrid);

// The pixel map in the crop frame: bilinear (align_corners false) to imageSize^2, then a Gaussian of
// sigma 4 truncated at 4 sigma (33 taps) with scipy's 'reflect' border (OpenCV BORDER_REFLECT).
ScoreMap pixelMap(const at::Tensor &patchGrid, int imageSize);

// Maps a crop-frame map back onto the original image (shorter side resized to `resize`, centre crop
// `imageSize`); pixels the crop cut away get the map's minimum.
ScoreMap cropFrameToOriginal(const ScoreMap &crop, int originalWidth, int originalHeight, int resize);

// Native pixel coordinates -> crop-frame coordinates (pixel centres) of the extractor's resize and crop.
cv::Matx23d nativeToCropFrame(int width, int height, int resize, int imageSize);

// The ground-truth mask in the crop frame as the official code sees it: resized like the image and
// only pixels that stay exactly 1.0 (255) count as anomalous.
Mask8 maskToCropFrame(const cv::Mat &mask, int resize, int imageSize);

} // namespace s2s
