#include "engine/pipeline/table1.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/pipeline/run_folder.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace s2s {

namespace fs = std::filesystem;

namespace {

std::string f4(double v)
{
    if (std::isnan(v))
        return "n/a";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

struct Average
{
    double sum[4][3] = {};
    int n = 0;
    void add(const Table1Row &r)
    {
        const Metrics *m[4] = {&r.staticMetrics, &r.dynamicMetrics, &r.sam2simMetrics, &r.cleanMaskMetrics};
        for (int c = 0; c < 4; ++c) {
            sum[c][0] += m[c]->imageAuroc;
            sum[c][1] += m[c]->pixelAuroc;
            sum[c][2] += m[c]->auPro;
        }
        ++n;
    }
    double mean(int column, int metric) const { return n ? sum[column][metric] / n : std::nan(""); }
};

nlohmann::json metricsJson(const Metrics &m)
{
    const auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    return {{"image_auroc", num(m.imageAuroc)}, {"pixel_auroc", num(m.pixelAuroc)}, {"au_pro", num(m.auPro)}};
}

void writeOutputs(const fs::path &outDir, const std::vector<Table1Row> &rows, const Table1Options &o,
                  const std::vector<ScanIssue> &skipped)
{
    Average textures, objects, all;
    for (const auto &r : rows) {
        (r.kind == CategoryKind::Texture ? textures : objects).add(r);
        all.add(r);
    }
    std::ostringstream csv, md;
    csv << "category,kind,static_i_auroc,static_p_auroc,static_au_pro,dynamic_i_auroc,dynamic_p_auroc,dynamic_au_pro,"
           "sam2sim_i_auroc,sam2sim_p_auroc,sam2sim_au_pro,clean_mask_i_auroc,clean_mask_p_auroc,clean_mask_au_pro,"
           "segmenter\n";
    const bool pretrained = !o.base.backboneWeights.empty();
    md << "Backbone: " << o.base.backbone << (pretrained ? " (pretrained)" : " (NOT pretrained: random weights)")
       << ", preset " << o.base.preset << ", " << o.base.totalEpochs() << " epochs, seed " << o.base.seed
       << ", pseudo-backgrounds: " << o.backgroundSource << " (seed " << o.seed << "); final epoch, no test-set selection.\n\n";
    md << "| Category | Kind | SimpleNet static (I/P) | SimpleNet dynamic (I/P) | Sam2Sim dynamic (I/P) | AU-PRO static / dynamic / Sam2Sim | Segmenter | Diagnostic: Sam2Sim with clean-image masks (I/P) |\n";
    md << "|---|---|---|---|---|---|---|---|\n";
    nlohmann::json json;
    json["backbone"] = o.base.backbone;
    json["backbone_pretrained"] = pretrained;
    json["preset"] = o.base.preset;
    json["epochs"] = o.base.totalEpochs();
    json["background_source"] = o.backgroundSource;
    json["background_seed"] = o.seed;
    json["selection"] = "final epoch, no test-set selection";
    for (const auto &r : rows) {
        const std::string kind(toString(r.kind));
        csv << csvField(r.category) << "," << kind << "," << f4(r.staticMetrics.imageAuroc) << "," << f4(r.staticMetrics.pixelAuroc)
            << "," << f4(r.staticMetrics.auPro) << "," << f4(r.dynamicMetrics.imageAuroc) << ","
            << f4(r.dynamicMetrics.pixelAuroc) << "," << f4(r.dynamicMetrics.auPro) << "," << f4(r.sam2simMetrics.imageAuroc)
            << "," << f4(r.sam2simMetrics.pixelAuroc) << "," << f4(r.sam2simMetrics.auPro) << ","
            << f4(r.cleanMaskMetrics.imageAuroc) << "," << f4(r.cleanMaskMetrics.pixelAuroc) << ","
            << f4(r.cleanMaskMetrics.auPro) << "," << csvField(r.segmenter) << "\n";
        md << "| " << r.category << " | " << kind << " | " << f4(r.staticMetrics.imageAuroc) << " / "
           << f4(r.staticMetrics.pixelAuroc) << " | " << f4(r.dynamicMetrics.imageAuroc) << " / "
           << f4(r.dynamicMetrics.pixelAuroc) << " | " << f4(r.sam2simMetrics.imageAuroc) << " / "
           << f4(r.sam2simMetrics.pixelAuroc) << " | " << f4(r.staticMetrics.auPro) << " / " << f4(r.dynamicMetrics.auPro)
           << " / " << f4(r.sam2simMetrics.auPro) << " | " << (r.segmenter.empty() ? "-" : r.segmenter) << " | "
           << f4(r.cleanMaskMetrics.imageAuroc) << " / " << f4(r.cleanMaskMetrics.pixelAuroc) << " |\n";
        json["categories"].push_back({{"category", r.category},
                                      {"kind", kind},
                                      {"static", metricsJson(r.staticMetrics)},
                                      {"dynamic", metricsJson(r.dynamicMetrics)},
                                      {"sam2sim", metricsJson(r.sam2simMetrics)},
                                      {"sam2sim_clean_masks", metricsJson(r.cleanMaskMetrics)},
                                      {"segmenter", r.segmenter},
                                      {"seconds", r.seconds}});
    }
    for (const auto &[name, avg] : {std::pair<const char *, const Average *>{"Avg. textures", &textures},
                                    {"Avg. objects", &objects},
                                    {"Average", &all}}) {
        if (avg->n == 0)
            continue;
        md << "| **" << name << "** | | " << f4(avg->mean(0, 0)) << " / " << f4(avg->mean(0, 1)) << " | "
           << f4(avg->mean(1, 0)) << " / " << f4(avg->mean(1, 1)) << " | " << f4(avg->mean(2, 0)) << " / "
           << f4(avg->mean(2, 1)) << " | " << f4(avg->mean(0, 2)) << " / " << f4(avg->mean(1, 2)) << " / "
           << f4(avg->mean(2, 2)) << " | | " << f4(avg->mean(3, 0)) << " / " << f4(avg->mean(3, 1)) << " |\n";
        json["averages"][name] = {{"static_i_auroc", avg->mean(0, 0)}, {"dynamic_i_auroc", avg->mean(1, 0)},
                                  {"sam2sim_i_auroc", avg->mean(2, 0)}, {"static_p_auroc", avg->mean(0, 1)},
                                  {"dynamic_p_auroc", avg->mean(1, 1)}, {"sam2sim_p_auroc", avg->mean(2, 1)},
                                  {"sam2sim_clean_masks_i_auroc", avg->mean(3, 0)},
                                  {"sam2sim_clean_masks_p_auroc", avg->mean(3, 1)}};
    }
    writeFileAtomically(outDir / "table1.csv", csv.str());
    writeFileAtomically(outDir / "table1.md", md.str());
    json["skipped"] = skippedJson(skipped);
    writeFileAtomically(outDir / "table1.json", jsonText(json));
}

} // namespace

std::vector<Table1Row> runTable1(const fs::path &dataRoot, const Table1Options &o, const fs::path &outDir,
                                 const ProgressFn &progress, const CancelToken &cancel)
{
    const Dataset dataset = scanDataset(dataRoot);
    std::vector<const Category *> chosen;
    if (o.categories.empty()) {
        for (const auto &c : dataset.categories)
            chosen.push_back(&c);
    } else {
        for (const auto &name : o.categories) {
            const Category *c = dataset.find(name);
            if (!c)
                throw Error(dataRoot.string() + ": no category '" + name + "'");
            chosen.push_back(c);
        }
    }
    if (chosen.empty())
        throw Error(dataRoot.string() + ": no categories to evaluate");
    std::vector<ScanIssue> skipped = dataset.issues;
    for (const Category *c : chosen)
        skipped.insert(skipped.end(), c->issues.begin(), c->issues.end());
    EvalOptions pseudo;
    pseudo.background = BackgroundMode::Pseudo;
    pseudo.backgroundSource = o.backgroundSource;
    pseudo.seed = o.seed;

    std::vector<Table1Row> rows;
    int index = 0;
    for (const Category *category : chosen) {
        const auto start = std::chrono::steady_clock::now();
        report(progress, "table1", index++, static_cast<std::int64_t>(chosen.size()), category->name);
        RunConfig config = o.base;
        config.dataRoot = dataset.root;
        config.category = category->name;
        config.foreground = false;
        Table1Row row;
        row.category = category->name;
        row.kind = category->kind;
        // Static and dynamic share one model and its training features.
        InspectionSession plain(*category, config);
        plain.train({}, cancel);
        row.staticMetrics = plain.evaluate({}, {}, cancel).metrics;
        row.dynamicMetrics = plain.evaluate(pseudo, {}, cancel).metrics;
        if (category->kind == CategoryKind::Texture || category->keepsBackground) {
            row.sam2simMetrics = row.cleanMaskMetrics = row.dynamicMetrics;
        } else {
            config.foreground = true;
            InspectionSession sam2sim(*category, config);
            sam2sim.train({}, cancel);
            row.sam2simMetrics = sam2sim.evaluate(pseudo, {}, cancel).metrics;
            // Diagnostic: the same model and composites, with each composite's background removed by the
            // clean image's mask (a segmenter that is never fooled by the new background). The gap to
            // the Sam2Sim column is what segmentation errors on composites cost.
            EvalOptions clean = pseudo;
            clean.cleanMaskForComposite = true;
            row.cleanMaskMetrics = sam2sim.evaluate(clean, {}, cancel).metrics;
            row.segmenter = sam2sim.segmenterName();
        }
        row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        rows.push_back(row);
        writeOutputs(outDir, rows, o, skipped); // partial tables survive an interruption
    }
    report(progress, "table1", static_cast<std::int64_t>(chosen.size()), static_cast<std::int64_t>(chosen.size()));
    return rows;
}

} // namespace s2s
