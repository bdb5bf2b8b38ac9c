#include "engine/data/synth_generator.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/folder_transaction.h"
#include "engine/core/json_file.h"
#include "engine/io/image_io.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

namespace s2s {

namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;

struct CategorySpec
{
    std::string name;
    bool texture = false;
    std::vector<std::string> defects;
};

const std::vector<CategorySpec> &specs()
{
    static const std::vector<CategorySpec> s = {
        {"nut", false, {"contamination", "hole", "scratch"}},
        {"tablet", false, {"contamination", "crack", "scratch"}},
        {"weave", true, {"contamination", "hole", "scratch"}},
        {"stone", true, {"contamination", "crack"}},
    };
    return s;
}

// SplitMix64: a fixed, documented mixer so per-image seeds do not depend on the standard library.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t imageSeed(std::uint64_t seed, const std::string &category, const std::string &split,
                        int index)
{
    std::uint64_t h = mix(seed);
    for (char c : category + "/" + split)
        h = mix(h ^ static_cast<unsigned char>(c));
    return mix(h ^ static_cast<std::uint64_t>(index));
}

// Smooth value noise in [0,1]: random grids upsampled bicubically, summed over octaves.
cv::Mat valueNoise(cv::RNG &rng, int size, int baseCells, int octaves)
{
    cv::Mat acc = cv::Mat::zeros(size, size, CV_32F);
    float amplitude = 1.f, total = 0.f;
    for (int o = 0, cells = baseCells; o < octaves; ++o, cells *= 2) {
        cv::Mat grid(cells + 1, cells + 1, CV_32F);
        rng.fill(grid, cv::RNG::UNIFORM, 0.f, 1.f);
        cv::Mat up;
        cv::resize(grid, up, cv::Size(size, size), 0, 0, cv::INTER_CUBIC);
        acc += up * amplitude;
        total += amplitude;
        amplitude *= 0.5f;
    }
    acc /= total;
    cv::Mat clipped;
    cv::min(cv::max(acc, 0.f), 1.f, clipped);
    return clipped;
}

cv::Mat colourise(const cv::Mat &t, cv::Vec3f low, cv::Vec3f high)
{
    cv::Mat out(t.size(), CV_8UC3);
    for (int y = 0; y < t.rows; ++y)
        for (int x = 0; x < t.cols; ++x) {
            const float v = t.at<float>(y, x);
            const cv::Vec3f c = low * (1.f - v) + high * v;
            out.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(c[0]),
                                                cv::saturate_cast<uchar>(c[1]),
                                                cv::saturate_cast<uchar>(c[2]));
        }
    return out;
}

// A softly lit, slightly textured backdrop for object categories.
cv::Mat objectBackground(cv::RNG &rng, int size, cv::Vec3f base)
{
    cv::Mat noise = valueNoise(rng, size, 3, 3);
    const double angle = rng.uniform(0.0, 2 * kPi);
    const float strength = static_cast<float>(rng.uniform(10.0, 30.0));
    cv::Mat out(size, size, CV_8UC3);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const float g = static_cast<float>((std::cos(angle) * x + std::sin(angle) * y) / size - 0.5);
            const float n = (noise.at<float>(y, x) - 0.5f) * 16.f;
            cv::Vec3b &p = out.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c)
                p[c] = cv::saturate_cast<uchar>(base[c] + g * strength + n);
        }
    return out;
}

struct Rendered
{
    cv::Mat image;  // RGB
    cv::Mat object; // CV_8UC1 255 on the object (all 255 for textures)
};

// A hexagonal nut with a bore, random pose and lighting, on a blue-grey backdrop.
Rendered renderNut(cv::RNG &rng, int size)
{
    Rendered r;
    r.image = objectBackground(rng, size, cv::Vec3f(70, 80, 95));
    r.object = cv::Mat::zeros(size, size, CV_8UC1);
    const cv::Point2f centre(static_cast<float>(size * rng.uniform(0.44, 0.56)),
                             static_cast<float>(size * rng.uniform(0.44, 0.56)));
    const float radius = static_cast<float>(size * rng.uniform(0.26, 0.31));
    const double rot = rng.uniform(0.0, kPi / 3);
    std::vector<cv::Point> hex;
    for (int k = 0; k < 6; ++k) {
        const double a = rot + k * kPi / 3;
        hex.emplace_back(cvRound(centre.x + radius * std::cos(a)), cvRound(centre.y + radius * std::sin(a)));
    }
    cv::fillConvexPoly(r.object, hex, cv::Scalar(255), cv::LINE_8);
    const int bore = cvRound(radius * rng.uniform(0.38, 0.46));
    cv::circle(r.object, centre, bore, cv::Scalar(0), cv::FILLED, cv::LINE_8);

    const double light = rng.uniform(0.0, 2 * kPi);
    const float brightness = static_cast<float>(rng.uniform(0.85, 1.1));
    cv::Mat grain = valueNoise(rng, size, 16, 2);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            if (!r.object.at<uchar>(y, x))
                continue;
            const float dx = (x - centre.x) / radius, dy = (y - centre.y) / radius;
            const float shade = 0.8f + 0.25f * static_cast<float>(std::cos(light) * dx + std::sin(light) * dy);
            const float g = (grain.at<float>(y, x) - 0.5f) * 14.f;
            const cv::Vec3f brass(200, 170, 95);
            cv::Vec3b &p = r.image.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c)
                p[c] = cv::saturate_cast<uchar>(brass[c] * shade * brightness + g);
        }
    return r;
}

// A two-tone oblong tablet with random orientation on a light backdrop.
Rendered renderTablet(cv::RNG &rng, int size)
{
    Rendered r;
    r.image = objectBackground(rng, size, cv::Vec3f(185, 190, 180));
    r.object = cv::Mat::zeros(size, size, CV_8UC1);
    const cv::Point2f centre(static_cast<float>(size * rng.uniform(0.45, 0.55)),
                             static_cast<float>(size * rng.uniform(0.45, 0.55)));
    const float halfLen = static_cast<float>(size * rng.uniform(0.28, 0.33));
    const float halfWidth = static_cast<float>(size * rng.uniform(0.12, 0.14));
    const double angle = rng.uniform(-0.5, 0.5);
    const cv::Point2f axis(static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle)));
    const cv::Point2f a = centre - axis * (halfLen - halfWidth), b = centre + axis * (halfLen - halfWidth);
    cv::line(r.object, a, b, cv::Scalar(255), cvRound(2 * halfWidth), cv::LINE_8);
    cv::circle(r.object, a, cvRound(halfWidth), cv::Scalar(255), cv::FILLED, cv::LINE_8);
    cv::circle(r.object, b, cvRound(halfWidth), cv::Scalar(255), cv::FILLED, cv::LINE_8);

    const float brightness = static_cast<float>(rng.uniform(0.9, 1.05));
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            if (!r.object.at<uchar>(y, x))
                continue;
            const cv::Point2f d = cv::Point2f(static_cast<float>(x), static_cast<float>(y)) - centre;
            const float along = d.dot(axis);
            const float across = d.x * -axis.y + d.y * axis.x;
            const cv::Vec3f colour = along < 0 ? cv::Vec3f(200, 60, 50) : cv::Vec3f(235, 225, 205);
            const float shade = 1.f - 0.35f * (across / halfWidth) * (across / halfWidth);
            cv::Vec3b &p = r.image.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c)
                p[c] = cv::saturate_cast<uchar>(colour[c] * shade * brightness);
        }
    return r;
}

// A woven grid texture: two sets of threads with random phase and slight jitter.
Rendered renderWeave(cv::RNG &rng, int size)
{
    Rendered r;
    r.object = cv::Mat(size, size, CV_8UC1, cv::Scalar(255));
    const double period = size / rng.uniform(13.0, 15.0);
    const double px = rng.uniform(0.0, period), py = rng.uniform(0.0, period);
    cv::Mat noise = valueNoise(rng, size, 24, 2);
    cv::Mat t(size, size, CV_32F);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const double u = std::sin(2 * kPi * (x + px) / period);
            const double v = std::sin(2 * kPi * (y + py) / period);
            const double over = ((static_cast<int>(std::floor((x + px) / period))
                                  + static_cast<int>(std::floor((y + py) / period))) % 2) ? u : v;
            t.at<float>(y, x) = static_cast<float>(0.5 + 0.35 * over + 0.3 * (noise.at<float>(y, x) - 0.5));
        }
    r.image = colourise(t, cv::Vec3f(40, 55, 90), cv::Vec3f(150, 170, 210));
    return r;
}

// A speckled stone texture: multi-octave value noise with veins.
Rendered renderStone(cv::RNG &rng, int size)
{
    Rendered r;
    r.object = cv::Mat(size, size, CV_8UC1, cv::Scalar(255));
    cv::Mat base = valueNoise(rng, size, 6, 5);
    cv::Mat veins = valueNoise(rng, size, 4, 3);
    cv::Mat t(size, size, CV_32F);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const float v = std::abs(std::sin(veins.at<float>(y, x) * 18.f));
            t.at<float>(y, x) = 0.25f + 0.6f * base.at<float>(y, x) + 0.15f * v;
        }
    r.image = colourise(t, cv::Vec3f(80, 75, 70), cv::Vec3f(205, 195, 180));
    return r;
}

Rendered render(const std::string &category, cv::RNG &rng, int size)
{
    if (category == "nut")
        return renderNut(rng, size);
    if (category == "tablet")
        return renderTablet(rng, size);
    if (category == "weave")
        return renderWeave(rng, size);
    return renderStone(rng, size);
}

cv::Point randomPointIn(const cv::Mat &region, cv::RNG &rng, int margin)
{
    std::vector<cv::Point> candidates;
    cv::Mat eroded;
    cv::erode(region, eroded, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * margin + 1, 2 * margin + 1)));
    cv::findNonZero(eroded.empty() || cv::countNonZero(eroded) == 0 ? region : eroded, candidates);
    if (candidates.empty())
        return {region.cols / 2, region.rows / 2};
    return candidates[static_cast<std::size_t>(rng.uniform(0, static_cast<int>(candidates.size())))];
}

// Draws a defect's footprint into a mask (before clipping to the object).
cv::Mat defectFootprint(const std::string &defect, const Rendered &r, cv::RNG &rng, int size)
{
    cv::Mat m = cv::Mat::zeros(size, size, CV_8UC1);
    const float s = static_cast<float>(size);
    if (defect == "scratch") {
        const cv::Point p = randomPointIn(r.object, rng, size / 8);
        const double a = rng.uniform(0.0, kPi);
        const double len = s * rng.uniform(0.12, 0.22);
        const cv::Point d(cvRound(std::cos(a) * len / 2), cvRound(std::sin(a) * len / 2));
        cv::line(m, p - d, p + d, cv::Scalar(255), std::max(2, size / 96), cv::LINE_8);
    } else if (defect == "crack") {
        cv::Point p = randomPointIn(r.object, rng, size / 8);
        double a = rng.uniform(0.0, 2 * kPi);
        for (int k = 0; k < 6; ++k) {
            a += rng.uniform(-0.7, 0.7);
            const cv::Point q = p + cv::Point(cvRound(std::cos(a) * s * 0.035), cvRound(std::sin(a) * s * 0.035));
            cv::line(m, p, q, cv::Scalar(255), std::max(2, size / 128), cv::LINE_8);
            p = q;
        }
    } else if (defect == "hole") {
        // On objects the hole sits on the outline (a missing part); on textures anywhere.
        cv::Point p = randomPointIn(r.object, rng, size / 10);
        if (cv::countNonZero(r.object) != size * size) {
            std::vector<std::vector<cv::Point>> contours;
            cv::findContours(r.object.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
            if (!contours.empty() && !contours.front().empty())
                p = contours.front()[static_cast<std::size_t>(rng.uniform(0, static_cast<int>(contours.front().size())))];
        }
        cv::ellipse(m, p, cv::Size(cvRound(s * rng.uniform(0.04, 0.07)), cvRound(s * rng.uniform(0.03, 0.06))),
                    rng.uniform(0.0, 180.0), 0, 360, cv::Scalar(255), cv::FILLED, cv::LINE_8);
    } else { // contamination: an irregular coloured blob
        const cv::Point p = randomPointIn(r.object, rng, size / 8);
        std::vector<cv::Point> blob;
        const double radius = s * rng.uniform(0.03, 0.055);
        for (int k = 0; k < 10; ++k) {
            const double a = k * 2 * kPi / 10;
            const double rr = radius * rng.uniform(0.6, 1.2);
            blob.emplace_back(p.x + cvRound(std::cos(a) * rr), p.y + cvRound(std::sin(a) * rr));
        }
        cv::fillPoly(m, std::vector<std::vector<cv::Point>>{blob}, cv::Scalar(255), cv::LINE_8);
    }
    return m;
}

// Applies the defect to exactly the masked pixels, each pixel visibly changed.
void applyDefect(const std::string &defect, Rendered &r, const cv::Mat &mask, cv::RNG &rng,
                 const cv::Mat &background)
{
    const cv::Vec3b spot(static_cast<uchar>(rng.uniform(20, 80)), static_cast<uchar>(rng.uniform(120, 200)),
                         static_cast<uchar>(rng.uniform(20, 80)));
    for (int y = 0; y < mask.rows; ++y)
        for (int x = 0; x < mask.cols; ++x) {
            if (!mask.at<uchar>(y, x))
                continue;
            cv::Vec3b &p = r.image.at<cv::Vec3b>(y, x);
            const cv::Vec3b old = p;
            if (defect == "scratch") {
                for (int c = 0; c < 3; ++c)
                    p[c] = cv::saturate_cast<uchar>(old[c] > 128 ? old[c] * 0.45 : old[c] * 0.5 + 140);
            } else if (defect == "crack") {
                for (int c = 0; c < 3; ++c)
                    p[c] = cv::saturate_cast<uchar>(old[c] * 0.25);
            } else if (defect == "hole") {
                if (!background.empty())
                    p = background.at<cv::Vec3b>(y, x);
                else
                    for (int c = 0; c < 3; ++c)
                        p[c] = cv::saturate_cast<uchar>(old[c] * 0.15 + 5);
            } else {
                p = spot;
            }
            // Guarantee a visible change so the mask is exactly the changed pixels.
            if (cv::norm(cv::Vec3i(p) - cv::Vec3i(old), cv::NORM_L1) < 30)
                for (int c = 0; c < 3; ++c)
                    p[c] = static_cast<uchar>(old[c] > 128 ? old[c] - 60 : old[c] + 60);
        }
}

void writeCategory(const CategorySpec &spec, const SynthOptions &o, std::int64_t &done,
                   std::int64_t total, const ProgressFn &progress, const CancelToken &cancel)
{
    const fs::path root = o.out / spec.name;
    const auto name = [](int i) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%03d", i);
        return std::string(buf);
    };
    const auto step = [&](const std::string &what) {
        cancel.throwIfCancelled();
        report(progress, "synth", ++done, total, spec.name + "/" + what);
    };
    for (int i = 0; i < o.trainCount; ++i) {
        step("train");
        cv::RNG rng(imageSeed(o.seed, spec.name, "train", i));
        writeImage(root / "train" / "good" / (name(i) + ".png"), render(spec.name, rng, o.size).image);
    }
    for (int i = 0; i < o.testGoodCount; ++i) {
        step("test/good");
        cv::RNG rng(imageSeed(o.seed, spec.name, "test/good", i));
        writeImage(root / "test" / "good" / (name(i) + ".png"), render(spec.name, rng, o.size).image);
    }
    for (const std::string &defect : spec.defects) {
        for (int i = 0; i < o.testDefectCount; ++i) {
            step("test/" + defect);
            const SynthSample sample = renderSynthDefect(spec.name, defect, o.seed, i, o.size);
            writeImage(root / "test" / defect / (name(i) + ".png"), sample.image);
            writeImage(root / "ground_truth" / defect / (name(i) + "_mask.png"), sample.mask);
        }
    }
    writeFileAtomically(root / "category.json",
                        std::string("{\"kind\": \"") + (spec.texture ? "texture" : "object")
                            + "\", \"generator\": \"sam2sim synth\"}\n");
}

} // namespace

SynthSample renderSynthDefect(const std::string &category, const std::string &defect, std::uint64_t seed, int index,
                              int size)
{
    const auto it = std::find_if(specs().begin(), specs().end(), [&](const auto &s) { return s.name == category; });
    if (it == specs().end())
        throw Error("synth: unknown category '" + category + "'");
    cv::RNG rng(imageSeed(seed, category, "test/" + defect, index));
    Rendered r = render(category, rng, size);
    SynthSample sample;
    sample.clean = r.image.clone();
    // The backdrop without the object, so a missing part shows the real background.
    cv::Mat background;
    if (!it->texture) {
        cv::RNG bgRng(imageSeed(seed, category, "test/" + defect, index));
        background = objectBackground(bgRng, size, category == "nut" ? cv::Vec3f(70, 80, 95) : cv::Vec3f(185, 190, 180));
    }
    for (int attempt = 0; attempt < 20; ++attempt) {
        cv::bitwise_and(defectFootprint(defect, r, rng, size), r.object, sample.mask);
        if (cv::countNonZero(sample.mask) >= std::max(12, size * size / 2000))
            break;
    }
    applyDefect(defect, r, sample.mask, rng, background);
    sample.image = r.image;
    return sample;
}

std::vector<std::string> synthCategoryNames()
{
    std::vector<std::string> names;
    for (const auto &s : specs())
        names.push_back(s.name);
    return names;
}

void generateSynthDataset(const SynthOptions &o, const ProgressFn &progress, const CancelToken &cancel)
{
    if (o.out.empty())
        throw Error("synth: no output folder given");
    if (o.size < 64 || o.size > 4096)
        throw Error("synth: image size " + std::to_string(o.size) + " is outside 64..4096");
    if (o.trainCount < 1 || o.testGoodCount < 1 || o.testDefectCount < 1)
        throw Error("synth: image counts must be at least 1");
    std::vector<const CategorySpec *> chosen;
    const std::vector<std::string> wanted = o.categories.empty() ? synthCategoryNames() : o.categories;
    for (const std::string &n : wanted) {
        const auto it = std::find_if(specs().begin(), specs().end(), [&](const auto &s) { return s.name == n; });
        if (it == specs().end())
            throw Error("synth: unknown category '" + n + "' (available: nut, tablet, weave, stone)");
        chosen.push_back(&*it);
    }
    std::int64_t total = 0, done = 0;
    for (const auto *s : chosen)
        total += o.trainCount + o.testGoodCount + static_cast<std::int64_t>(s->defects.size()) * o.testDefectCount;
    // --force replaces an earlier synthetic dataset only, never a folder of the user's (a real dataset).
    const auto replaceable = [&](const fs::path &dir) {
        if (!o.replace)
            return false;
        std::error_code ec;
        for (const auto &entry : fs::directory_iterator(dir, ec)) {
            const fs::path marker = entry.path() / "category.json";
            bool ours = entry.is_directory(ec) && fs::is_regular_file(marker, ec) && fs::file_size(marker, ec) < 4096;
            if (ours) {
                try {
                    ours = readJsonFile(marker).value("generator", std::string()) == "sam2sim synth";
                } catch (const std::exception &) { // not JSON, or a generator that is not a string
                    ours = false;
                }
            }
            if (!ours)
                throw Error(dir.string() + ": holds " + entry.path().filename().string()
                            + ", which is not a category of a sam2sim synth dataset; --force replaces only an earlier "
                              "synthetic dataset (choose another folder or remove it)");
        }
        return true;
    };
    FolderTransaction transaction(o.out, replaceable, "an empty folder (--force replaces an earlier synth dataset whole)");
    SynthOptions into = o;
    into.out = transaction.dir();
    for (const auto *s : chosen)
        writeCategory(*s, into, done, total, progress, cancel);
    transaction.commit();
}

} // namespace s2s
