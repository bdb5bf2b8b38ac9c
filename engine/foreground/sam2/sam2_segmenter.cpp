#include "engine/foreground/sam2/sam2_segmenter.h"

#include "engine/core/error.h"
#include "engine/core/threads.h"
#include "engine/foreground/classical_segmenter.h"
#include "engine/foreground/sam2/sam2_model.h"
#include "engine/io/checkpoint.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>

namespace s2s {

namespace {

constexpr double kBoxInset = 0.03;

} // namespace

Sam2Segmenter::Sam2Segmenter(const std::filesystem::path &weights)
    : m_model(std::make_unique<sam2::Sam2Model>(sam2::Sam2Model::load(weights)))
    , m_cacheKey("sam2:" + sha256File(weights) + ":auto-v1")
{
}

Sam2Segmenter::~Sam2Segmenter() = default;

void Sam2Segmenter::setFallback(std::shared_ptr<Segmenter> fallback)
{
    m_fallback = std::move(fallback);
    m_cacheKey = m_cacheKey.substr(0, m_cacheKey.find("+fallback=")) + (m_fallback ? "+fallback=" + m_fallback->cacheKey() : "");
}

std::string Sam2Segmenter::name() const
{
    return m_model->config().name;
}

SegmentResult Sam2Segmenter::segment(const cv::Mat &rgb, const SegmentPrompt &prompt)
{
    if (rgb.empty() || rgb.type() != CV_8UC3)
        throw Error("sam2 segmenter: expected an 8-bit RGB image");
    if (at::get_num_threads() <= 1)
        configureThreads(0);
    c10::InferenceMode guard;
    const bool automatic = !prompt.box && !prompt.point;
    std::vector<float> box;
    std::vector<std::array<float, 2>> points;
    std::vector<int> labels;
    if (automatic) {
        const float ix = static_cast<float>(kBoxInset * rgb.cols), iy = static_cast<float>(kBoxInset * rgb.rows);
        box = {ix, iy, static_cast<float>(rgb.cols) - ix, static_cast<float>(rgb.rows) - iy};
        points.push_back({rgb.cols / 2.f, rgb.rows / 2.f});
        labels.push_back(1);
    } else {
        if (prompt.box)
            box = {static_cast<float>(prompt.box->x), static_cast<float>(prompt.box->y),
                   static_cast<float>(prompt.box->x + prompt.box->width),
                   static_cast<float>(prompt.box->y + prompt.box->height)};
        if (prompt.point) {
            points.push_back({static_cast<float>(prompt.point->x), static_cast<float>(prompt.point->y)});
            labels.push_back(1);
        }
    }
    const cv::Mat img = rgb.isContinuous() ? rgb : rgb.clone();
    const at::Tensor input = sam2::Sam2Model::preprocess(img.ptr(), img.rows, img.cols, img.step[0]);
    const sam2::ImageFeatures f = m_model->encode(input, img.rows, img.cols);
    const sam2::DecoderOutput d = m_model->decode(f, box, points, labels, true);
    const std::int64_t best = d.iou.argmax(1).item<std::int64_t>();
    const at::Tensor logits = d.lowResLogits.slice(1, best, best + 1);
    const at::Tensor full = at::upsample_bilinear2d(logits, {img.rows, img.cols}, false);
    const at::Tensor binary = (full.squeeze() > 0).to(at::kByte).mul(255).contiguous();
    cv::Mat mask(img.rows, img.cols, CV_8UC1);
    std::memcpy(mask.data, binary.data_ptr(), mask.total());
    SegmentResult r;
    r.mask = fillMaskHoles(largestMaskComponent(mask));
    r.confidence = d.iou.select(1, best).item<float>();
    r.producedBy = name();
    const at::Tensor low = logits.clamp(-32, 32).squeeze().contiguous();
    r.logits = cv::Mat(static_cast<int>(low.size(0)), static_cast<int>(low.size(1)), CV_32FC1);
    std::memcpy(r.logits.data, low.data_ptr(), r.logits.total() * sizeof(float));
    if (!automatic)
        return r;
    std::string why;
    if (d.objectLogit.item<float>() < 0.f)
        why = "negative object score";
    else
        implausibleMask(r.mask, &why);
    if (why.empty())
        return r;
    ClassicalSegmenter border;
    SegmentResult fallback = m_fallback ? m_fallback->segment(rgb, prompt) : border.segment(rgb, prompt);
    fallback.producedBy = fallback.producedBy + " (fallback: " + why + ")";
    return fallback;
}

void writeSegmentLogits(const std::filesystem::path &path, const cv::Mat &logits)
{
    if (logits.empty() || logits.type() != CV_32FC1)
        throw Error(path.string() + ": no logits to write (only the SAM 2 segmenter produces them)");
    const cv::Mat c = logits.isContinuous() ? logits : logits.clone();
    const at::Tensor t = at::from_blob(const_cast<uchar *>(c.ptr()), {c.rows, c.cols}, at::kFloat).clone();
    writeSafetensors(path, {{"low_res_logits", t}});
}

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

Sam2BenchResult benchSam2(const std::filesystem::path &weights, int repeats)
{
    using Clock = std::chrono::steady_clock;
    Sam2BenchResult r;
    c10::InferenceMode guard;
    std::unique_ptr<sam2::Sam2Model> model;
    if (weights.empty()) {
        // Seeded random weights with the official shapes: the cost does not depend on the values.
        const sam2::Sam2Config cfg = sam2::allConfigs().front();
        auto gen = at::make_generator<at::CPUGeneratorImpl>(0);
        sam2::Weights w;
        for (const auto &p : sam2::imagePathSpec(cfg))
            w[p.name] = at::randn(p.shape, gen) * 0.02;
        model = std::make_unique<sam2::Sam2Model>(cfg, std::move(w));
    } else {
        model = std::make_unique<sam2::Sam2Model>(sam2::Sam2Model::load(weights));
    }
    r.model = model->config().name;
    cv::Mat img(768, 1024, CV_8UC3);
    cv::theRNG().state = 1;
    cv::randu(img, cv::Scalar::all(0), cv::Scalar::all(255));
    std::vector<double> enc, dec;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        const auto t0 = Clock::now();
        const at::Tensor input = sam2::Sam2Model::preprocess(img.ptr(), img.rows, img.cols, img.step[0]);
        const sam2::ImageFeatures f = model->encode(input, img.rows, img.cols);
        const auto t1 = Clock::now();
        const sam2::DecoderOutput d = model->decode(f, {100.f, 80.f, 900.f, 700.f}, {{{512.f, 384.f}}}, {1}, true);
        (void)d.iou.sum().item<float>();
        const auto t2 = Clock::now();
        enc.push_back(std::chrono::duration<double>(t1 - t0).count());
        dec.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    }
    r.encoderSeconds = median(enc);
    r.decoderMs = median(dec);
    r.peakRssMb = peakRssMb();
    return r;
}

} // namespace s2s
