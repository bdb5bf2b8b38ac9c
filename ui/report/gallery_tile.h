#pragma once

#include "engine/pipeline/run_folder.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <filesystem>

namespace s2s::ui {

// What the report shows for one test image: a thumbnail of the original with the crop drawn on it,
// and the crop frame with the anomaly heatmap blended in and the ground-truth outline as vector data.
// The heatmap is shown in the crop frame (where the maps live) rather than warped back.
struct GalleryTile
{
    QImage original;                // thumbnail of the whole image (null when the file is missing)
    QRectF cropInOriginal;          // the crop square, in [0,1] coordinates of the original
    QImage overlay;                 // crop with heatmap (plain crop when the run has no map)
    bool hasMap = false;
    QList<QPolygonF> truthContours; // ground-truth outlines, in [0,1] coordinates of the crop
    QString problem;                // why something is missing, empty when all is there
};

// Display range of the heatmap colours, the same for every image so that they compare: from the
// median map pixel of the run to the highest one (sampled); without maps, the span of the scores.
struct MapRange
{
    float low = 0.f;
    float high = 1.f;
};
MapRange mapRange(const RunSummary &run);

// Resolves a scores.csv path: absolute, else under the dataset root (or its category folder), else
// under the run folder. Returns an empty path when no candidate exists.
std::filesystem::path resolveImagePath(const RunSummary &run, const std::string &csvPath);

// The ground-truth mask of a test image as the scanner finds it (test/<type>/<name>.<ext> ->
// ground_truth/<type>/<name>_mask.<ext> or <name>.<ext>); empty when there is none.
std::filesystem::path truthMaskPath(const std::filesystem::path &image);

// Builds the tile for scores.csv row `row`; thumbnails are at most maxPixels on a side. Never throws
// for missing or unreadable files: the tile then carries a problem text instead.
GalleryTile makeGalleryTile(const RunSummary &run, std::size_t row, const MapRange &range,
                            int maxPixels);

// The same for any image file: `cropMap` (crop frame; empty: none) blended into the crop and `outline`
// (0/255 at the image's size, a ground truth or a foreground mask; empty: none) drawn as contours.
GalleryTile makeImageTile(const std::filesystem::path &image, int resize, int imageSize, const ScoreMap &cropMap,
                          const Mask8 &outline, const MapRange &range, int maxPixels);

// The heatmap colour of a value in [0,1]: inferno, the studio's default colour map (black, purple, orange, yellow).
QColor heatColor(double t);

} // namespace s2s::ui
