#pragma once

// Pose normalisation for objects that lie at any angle on the line (screws, bolts, pins): each image is
// rotated so that the object's silhouette has its long axis horizontal and its wider end (a head) on the
// left, and moved so that the middle of its length is at the image centre. Train and test images are
// aligned alike, each from its own pixels only, so patches at one position compare like with like and a
// position-restricted nearest-neighbour score becomes meaningful. Whether a category needs it is measured
// on its training images (measurePose): elongated silhouettes whose axes point every way.

#include "engine/core/score_map.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/core/matx.hpp>

#include <optional>
#include <string>
#include <vector>

namespace s2s {

// The object's silhouette (CV_8UC1 0/255) of a photograph on a plain background: Otsu's threshold of the
// blurred grey image, the object being the class that covers less of the image border, closed and cut to
// its largest connected part. Empty when nothing stands out.
cv::Mat plainBackgroundSilhouette(const cv::Mat &rgb);

// The pose of one silhouette from its second moments.
struct SilhouettePose
{
    double elongation = 1.0; // sqrt of the ratio of the principal moments (1: round)
    double axisDegrees = 0.0; // the long axis, image coordinates (y down), in (-90, 90]
    bool valid = false;       // a silhouette of some size was found
};
SilhouettePose silhouettePose(const cv::Mat &mask);

// The rotation and shift (native pixels, original -> aligned) that puts a silhouette's long axis
// horizontal, its wider end on the left and the middle of its length at the image centre; nullopt when
// the silhouette is empty or too round for an axis (elongation < 1.3).
std::optional<cv::Matx23d> alignmentFor(const cv::Mat &mask);

// The image warped by `toAligned` (same size), the corners filled with the median of its border pixels.
cv::Mat applyAlignment(const cv::Mat &rgb, const cv::Matx23d &toAligned);

// A crop-frame map computed on the aligned image, moved back onto the original image's crop frame
// (resize/imageSize as the feature extractor's); pixels with no source get the map's minimum.
ScoreMap alignedMapToCropFrame(const ScoreMap &aligned, const cv::Matx23d &toAligned, int originalWidth,
                               int originalHeight, int resize);

// What the training images say about pose: a category needs alignment when its objects are elongated
// (median elongation >= 2) and their axes are spread (axial concentration |mean e^{2i theta}| < 0.6).
struct PoseSurvey
{
    int images = 0;          // silhouettes found
    double elongation = 1.0; // median
    double concentration = 1.0; // 1: every axis the same way, 0: all ways
    bool freeRotation = false;
    std::string summary() const; // "elongation 5.1, axis concentration 0.12 over 100 images"
};
PoseSurvey surveyPose(const std::vector<cv::Mat> &masks);

} // namespace s2s
