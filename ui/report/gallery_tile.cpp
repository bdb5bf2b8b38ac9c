#include "ui/report/gallery_tile.h"

#include "engine/core/error.h"
#include "engine/io/image_io.h"
#include "ui/report/crop_frame.h"
#include "ui/report/report_tr.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <system_error>

namespace s2s::ui {

namespace fs = std::filesystem;

namespace {

bool isFile(const fs::path &path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

QImage toQImage(const cv::Mat &rgb)
{
    QImage image(rgb.data, rgb.cols, rgb.rows, static_cast<qsizetype>(rgb.step), QImage::Format_RGB888);
    return image.copy();
}

cv::Mat shrink(const cv::Mat &rgb, int maxPixels)
{
    const int side = std::max(rgb.cols, rgb.rows);
    if (side <= maxPixels)
        return rgb;
    const double s = static_cast<double>(maxPixels) / side;
    cv::Mat out;
    cv::resize(rgb, out, cv::Size(std::max(1, static_cast<int>(std::lround(rgb.cols * s))),
                                  std::max(1, static_cast<int>(std::lround(rgb.rows * s)))),
               0, 0, cv::INTER_AREA);
    return out;
}

// Blends the map into the crop: stronger colour where the score is higher, so the part of the
// image that looks normal stays readable.
void blendHeatmap(cv::Mat &crop, const ScoreMap &map, const MapRange &range)
{
    cv::Mat values(map.height, map.width, CV_32F, const_cast<float *>(map.values.data()));
    cv::Mat resized;
    if (values.cols != crop.cols || values.rows != crop.rows)
        cv::resize(values, resized, crop.size(), 0, 0, cv::INTER_LINEAR);
    else
        resized = values;
    const float span = std::max(range.high - range.low, 1e-12f);
    for (int y = 0; y < crop.rows; ++y) {
        const float *v = resized.ptr<float>(y);
        auto *px = crop.ptr<cv::Vec3b>(y);
        for (int x = 0; x < crop.cols; ++x) {
            const double t = std::clamp((v[x] - range.low) / span, 0.f, 1.f);
            const QColor c = heatColor(t);
            const double a = 0.25 + 0.45 * t;
            px[x][0] = static_cast<uchar>(std::lround(px[x][0] * (1 - a) + c.red() * a));
            px[x][1] = static_cast<uchar>(std::lround(px[x][1] * (1 - a) + c.green() * a));
            px[x][2] = static_cast<uchar>(std::lround(px[x][2] * (1 - a) + c.blue() * a));
        }
    }
}

QList<QPolygonF> contours(const cv::Mat &mask)
{
    std::vector<std::vector<cv::Point>> found;
    cv::findContours(mask, found, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    QList<QPolygonF> out;
    for (const auto &contour : found) {
        QPolygonF polygon;
        for (const cv::Point &p : contour)
            polygon << QPointF((p.x + 0.5) / mask.cols, (p.y + 0.5) / mask.rows);
        if (!polygon.isEmpty())
            polygon << polygon.front();
        out << polygon;
    }
    return out;
}

} // namespace

MapRange mapRange(const RunSummary &run)
{
    // Smoothed maps spend most of their pixels near the middle of the global range, which would tint
    // every crop; starting the scale at the median pixel keeps the ordinary half of the image cold.
    std::vector<float> sample;
    for (std::size_t row = 0; row < run.scores.size(); ++row) {
        if (!run.hasMap(row))
            continue;
        try {
            const ScoreMap map = run.map(row);
            for (std::size_t i = row % 7; i < map.values.size(); i += 7)
                sample.push_back(map.values[i]);
        } catch (const Error &) {
            continue; // the tile reports the broken map
        }
    }
    if (sample.size() > 1) {
        const auto middle = sample.begin() + static_cast<std::ptrdiff_t>(sample.size() / 2);
        std::nth_element(sample.begin(), middle, sample.end());
        const float high = *std::max_element(sample.begin(), sample.end());
        if (high > *middle)
            return {*middle, high};
    }
    MapRange range{0.f, 1.f};
    if (run.scores.empty())
        return range;
    const auto [lo, hi] = std::minmax_element(run.scores.begin(), run.scores.end(),
                                              [](const ScoreRow &a, const ScoreRow &b) {
                                                  return a.score < b.score;
                                              });
    if (hi->score > lo->score)
        range = {lo->score, hi->score};
    return range;
}

fs::path resolveImagePath(const RunSummary &run, const std::string &csvPath)
{
    const fs::path path(csvPath);
    if (path.is_absolute())
        return isFile(path) ? path : fs::path();
    const fs::path root = run.config.dataRoot;
    for (const fs::path &candidate : {root / path, root / run.config.category / path, run.dir / path})
        if (isFile(candidate))
            return candidate;
    return {};
}

fs::path truthMaskPath(const fs::path &image)
{
    const fs::path typeDir = image.parent_path();
    const fs::path testDir = typeDir.parent_path();
    if (testDir.filename() != "test")
        return {};
    // The names the dataset scanner accepts: <stem>_mask or <stem>, in any image format.
    const fs::path dir = testDir.parent_path() / "ground_truth" / typeDir.filename();
    const std::string stem = image.stem().string();
    for (const std::string &name : {stem + "_mask", stem})
        for (const char *ext : {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff"})
            if (const fs::path mask = dir / (name + ext); isFile(mask))
                return mask;
    return {};
}

QColor heatColor(double t)
{
    // The studio's default colour map (inferno), so a report's heatmaps read as the screen's.
    static const std::array<QColor, 256> lut = [] {
        cv::Mat ramp(1, 256, CV_8UC1), bgr;
        for (int i = 0; i < 256; ++i)
            ramp.at<std::uint8_t>(i) = static_cast<std::uint8_t>(i);
        cv::applyColorMap(ramp, bgr, cv::COLORMAP_INFERNO);
        std::array<QColor, 256> colours;
        for (int i = 0; i < 256; ++i) {
            const cv::Vec3b c = bgr.at<cv::Vec3b>(i);
            colours[static_cast<std::size_t>(i)] = QColor(c[2], c[1], c[0]);
        }
        return colours;
    }();
    return lut[static_cast<std::size_t>(std::lround(std::clamp(t, 0.0, 1.0) * 255.0))];
}

GalleryTile makeImageTile(const fs::path &image, int resize, int imageSize, const ScoreMap &cropMap,
                          const Mask8 &outline, const MapRange &range, int maxPixels)
{
    GalleryTile tile;
    try {
        const cv::Mat rgb = readImageRgb(image);
        const CropFrame frame = cropFrame(rgb.cols, rgb.rows, resize, imageSize);
        const QRectF box = frame.originalRect(rgb.cols, rgb.rows);
        tile.cropInOriginal = QRectF(box.x() / rgb.cols, box.y() / rgb.rows, box.width() / rgb.cols,
                                     box.height() / rgb.rows);
        tile.original = toQImage(shrink(rgb, maxPixels));

        cv::Mat resized;
        cv::resize(rgb, resized, cv::Size(frame.resizedWidth, frame.resizedHeight), 0, 0,
                   cv::INTER_LINEAR);
        cv::Mat crop = resized(cv::Rect(frame.left, frame.top, frame.size, frame.size)).clone();
        if (!cropMap.empty()) {
            blendHeatmap(crop, cropMap, range);
            tile.hasMap = true;
        }
        tile.overlay = toQImage(shrink(crop, maxPixels));

        if (!outline.empty()) { // resized onto the image, as the scanner's masks are
            const cv::Mat mask(outline.height, outline.width, CV_8UC1, const_cast<std::uint8_t *>(outline.values.data()));
            cv::Mat maskResized;
            cv::resize(mask, maskResized, cv::Size(frame.resizedWidth, frame.resizedHeight), 0, 0,
                       cv::INTER_NEAREST);
            tile.truthContours = contours(
                maskResized(cv::Rect(frame.left, frame.top, frame.size, frame.size)).clone());
        }
    } catch (const Error &e) {
        tile.problem = QString::fromStdString(e.what());
    }
    return tile;
}

GalleryTile makeGalleryTile(const RunSummary &run, std::size_t row, const MapRange &range,
                            int maxPixels)
{
    const ScoreRow &score = run.scores.at(row);
    const fs::path image = resolveImagePath(run, score.path);
    if (image.empty()) {
        GalleryTile tile;
        tile.problem = Report::tr("Image not found: %1").arg(QString::fromStdString(score.path));
        return tile;
    }
    try {
        const ScoreMap map = run.hasMap(row) ? run.map(row) : ScoreMap();
        Mask8 truth;
        if (const fs::path maskPath = truthMaskPath(image); !maskPath.empty()) {
            const cv::Mat mask = readMask(maskPath);
            truth = {mask.cols, mask.rows, std::vector<std::uint8_t>(mask.datastart, mask.dataend)};
        }
        return makeImageTile(image, run.config.resize, run.config.imageSize, map, truth, range, maxPixels);
    } catch (const Error &e) {
        GalleryTile tile;
        tile.problem = QString::fromStdString(e.what());
        return tile;
    }
}

} // namespace s2s::ui
