// Pseudo-background sources: six procedural families, a folder of images, the dataset's textures.
#include "engine/background/compositor.h"

#include "engine/core/error.h"
#include "engine/data/dataset.h"
#include "engine/io/image_io.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace s2s {

namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;

cv::Mat noise(cv::RNG &rng, cv::Size size, int cells, int octaves)
{
    cv::Mat acc = cv::Mat::zeros(size, CV_32F);
    float amp = 1.f, total = 0.f;
    for (int o = 0; o < octaves; ++o, cells *= 2, amp *= 0.5f) {
        cv::Mat grid(cells + 1, cells + 1, CV_32F);
        rng.fill(grid, cv::RNG::UNIFORM, 0.f, 1.f);
        cv::Mat up;
        cv::resize(grid, up, size, 0, 0, cv::INTER_CUBIC);
        acc += up * amp;
        total += amp;
    }
    return acc / total;
}

cv::Vec3f jitteredColour(cv::RNG &rng)
{
    return cv::Vec3f(static_cast<float>(rng.uniform(30, 230)), static_cast<float>(rng.uniform(30, 230)),
                     static_cast<float>(rng.uniform(30, 230)));
}

cv::Mat blend(const cv::Mat &t, cv::Vec3f a, cv::Vec3f b)
{
    cv::Mat out(t.size(), CV_8UC3);
    for (int y = 0; y < t.rows; ++y)
        for (int x = 0; x < t.cols; ++x) {
            const float v = std::clamp(t.at<float>(y, x), 0.f, 1.f);
            const cv::Vec3f c = a * (1.f - v) + b * v;
            out.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(c[0]), cv::saturate_cast<uchar>(c[1]),
                                                cv::saturate_cast<uchar>(c[2]));
        }
    return out;
}

cv::Mat family(const std::string &name, cv::Size size, cv::RNG &rng)
{
    const cv::Vec3f a = jitteredColour(rng), b = jitteredColour(rng);
    cv::Mat t(size, CV_32F);
    if (name == "fractal_noise") {
        t = noise(rng, size, 4, 5);
    } else if (name == "wood") {
        const cv::Mat n = noise(rng, size, 3, 3);
        const double angle = rng.uniform(0.0, kPi), freq = rng.uniform(20.0, 45.0);
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x) {
                const double u = (std::cos(angle) * x + std::sin(angle) * y) / size.width;
                t.at<float>(y, x) = static_cast<float>(0.5 + 0.5 * std::sin(2 * kPi * (u * freq + 3 * n.at<float>(y, x))));
            }
    } else if (name == "marble") {
        const cv::Mat n = noise(rng, size, 4, 5);
        const double freq = rng.uniform(3.0, 8.0);
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x)
                t.at<float>(y, x) = static_cast<float>(
                    std::pow(std::abs(std::sin(kPi * (freq * x / size.width + 6 * n.at<float>(y, x)))), 0.4));
    } else if (name == "tiles") {
        const int tile = std::max(8, static_cast<int>(size.width / rng.uniform(4.0, 10.0)));
        const cv::Mat n = noise(rng, size, 16, 2);
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x) {
                const bool grout = (x % tile) < std::max(2, tile / 12) || (y % tile) < std::max(2, tile / 12);
                const bool odd = ((x / tile) + (y / tile)) % 2;
                t.at<float>(y, x) = grout ? 0.05f : (odd ? 0.75f : 0.55f) + 0.15f * (n.at<float>(y, x) - 0.5f);
            }
    } else if (name == "gradient") {
        const double angle = rng.uniform(0.0, 2 * kPi);
        const cv::Point2d spot(rng.uniform(0.0, 1.0) * size.width, rng.uniform(0.0, 1.0) * size.height);
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x) {
                const double lin = 0.5 + 0.5 * ((std::cos(angle) * x + std::sin(angle) * y) / size.width - 0.5);
                const double d = std::hypot(x - spot.x, y - spot.y) / size.width;
                t.at<float>(y, x) = static_cast<float>(0.6 * lin + 0.4 * std::exp(-4 * d * d));
            }
    } else if (name == "clutter") {
        cv::Mat out(size, CV_8UC3, cv::Scalar(a[0], a[1], a[2]));
        const int shapes = rng.uniform(25, 60);
        for (int i = 0; i < shapes; ++i) {
            const cv::Vec3f c = jitteredColour(rng);
            const cv::Scalar colour(c[0], c[1], c[2]);
            const cv::Point p(rng.uniform(0, size.width), rng.uniform(0, size.height));
            const int r = rng.uniform(size.width / 40 + 2, size.width / 8 + 3);
            switch (rng.uniform(0, 3)) {
            case 0: cv::circle(out, p, r, colour, cv::FILLED, cv::LINE_AA); break;
            case 1: cv::rectangle(out, cv::Rect(p.x - r, p.y - r / 2, 2 * r, r), colour, cv::FILLED, cv::LINE_AA); break;
            default:
                cv::line(out, p, p + cv::Point(rng.uniform(-3 * r, 3 * r), rng.uniform(-3 * r, 3 * r)), colour,
                         std::max(2, r / 4), cv::LINE_AA);
            }
        }
        return out;
    } else {
        throw Error("unknown background family '" + name + "'");
    }
    return blend(t, a, b);
}

class ProceduralSource final : public BackgroundSource
{
public:
    explicit ProceduralSource(std::string family)
        : m_family(std::move(family))
    {
    }
    std::string name() const override { return m_family; }
    cv::Mat generate(cv::Size size, std::uint64_t seed) const override
    {
        const auto families = proceduralFamilies();
        const std::string f = m_family == "all" ? families[seed % families.size()] : m_family;
        cv::RNG rng(seed * 0x9E3779B97F4A7C15ULL + 1);
        return family(f, size, rng);
    }
    std::string variantFor(std::uint64_t seed) const override
    {
        const auto families = proceduralFamilies();
        return m_family == "all" ? families[seed % families.size()] : m_family;
    }

private:
    std::string m_family;
};

// Images from a list of files, chosen by seed, resized to cover and centre-cropped.
class ImageListSource final : public BackgroundSource
{
public:
    ImageListSource(std::string name, std::vector<fs::path> files)
        : m_name(std::move(name))
        , m_files(std::move(files))
    {
    }
    std::string name() const override { return m_name; }
    cv::Mat generate(cv::Size size, std::uint64_t seed) const override
    {
        const cv::Mat image = readImageRgb(m_files[seed % m_files.size()]);
        const double scale = std::max(static_cast<double>(size.width) / image.cols,
                                      static_cast<double>(size.height) / image.rows);
        cv::Mat resized;
        cv::resize(image, resized, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
        const cv::Rect crop((resized.cols - size.width) / 2, (resized.rows - size.height) / 2, size.width, size.height);
        return resized(crop & cv::Rect(0, 0, resized.cols, resized.rows)).clone();
    }

private:
    std::string m_name;
    std::vector<fs::path> m_files;
};

} // namespace

std::vector<std::string> proceduralFamilies()
{
    return {"fractal_noise", "wood", "marble", "tiles", "gradient", "clutter"};
}

std::unique_ptr<BackgroundSource> makeBackgroundSource(const std::string &spec)
{
    const auto families = proceduralFamilies();
    if (spec == "all" || std::find(families.begin(), families.end(), spec) != families.end())
        return std::make_unique<ProceduralSource>(spec);
    if (spec.rfind("dataset:", 0) == 0) {
        // The texture categories of a dataset: their normal training images.
        const Dataset dataset = scanDataset(spec.substr(8));
        std::vector<fs::path> files;
        for (const auto &c : dataset.categories)
            if (c.kind == CategoryKind::Texture)
                for (const auto &r : c.train)
                    files.push_back(r.image);
        if (files.empty())
            throw Error(spec.substr(8) + ": the dataset has no texture categories to use as backgrounds");
        return std::make_unique<ImageListSource>("dataset textures", files);
    }
    const fs::path dir(spec);
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error(spec + ": not a background family (" + [&] {
            std::string all;
            for (const auto &f : families)
                all += (all.empty() ? "" : ", ") + f;
            return all;
        }() + ", all) nor a folder of images");
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(dir, ec)) {
        std::string ext = e.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (e.is_regular_file() && (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" || ext == ".tiff"))
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw Error(spec + ": the background folder holds no images");
    return std::make_unique<ImageListSource>(dir.filename().string(), files);
}

cv::Mat composite(const cv::Mat &rgb, const cv::Mat &mask, const cv::Mat &background, const CompositeOptions &options)
{
    if (rgb.type() != CV_8UC3 || mask.type() != CV_8UC1 || background.type() != CV_8UC3)
        throw Error("composite: expected RGB image, 8-bit mask and RGB background");
    if (rgb.size() != mask.size() || rgb.size() != background.size())
        throw Error("composite: image, mask and background sizes differ");
    cv::Mat alpha;
    mask.convertTo(alpha, CV_32F, 1.0 / 255.0);
    if (options.featherPx > 0.f)
        cv::GaussianBlur(alpha, alpha, cv::Size(0, 0), options.featherPx, options.featherPx, cv::BORDER_REPLICATE);
    cv::Mat out(rgb.size(), CV_8UC3);
    for (int y = 0; y < rgb.rows; ++y)
        for (int x = 0; x < rgb.cols; ++x) {
            const float a = alpha.at<float>(y, x);
            const cv::Vec3b &f = rgb.at<cv::Vec3b>(y, x), &b = background.at<cv::Vec3b>(y, x);
            cv::Vec3b &o = out.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c)
                o[c] = cv::saturate_cast<uchar>(a * f[c] + (1.f - a) * b[c]);
        }
    return out;
}

} // namespace s2s
