#include "engine/pipeline/table1.h"

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/core/threads.h"
#include "engine/background/compositor.h"
#include "engine/pipeline/routing.h"
#include "engine/pipeline/run_folder.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
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

const auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };

nlohmann::json familiesJson(const Table1Row &r)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &f : r.families)
        out.push_back({{"family", f.family},
                       {"dynamic", metricsJson(f.dynamicMetrics)},
                       {"sam2sim", metricsJson(f.sam2simMetrics)},
                       {"mask_iou", num(f.maskIou)},
                       {"images", f.images}});
    return out;
}

std::string familiesCsv(const std::vector<Table1Row> &rows)
{
    std::ostringstream csv;
    csv << "category,family,dynamic_i_auroc,dynamic_p_auroc,sam2sim_i_auroc,sam2sim_p_auroc,mask_iou,images\n";
    for (const auto &r : rows)
        for (const auto &f : r.families)
            csv << csvField(r.category) << "," << csvField(f.family) << "," << f4(f.dynamicMetrics.imageAuroc) << ","
                << f4(f.dynamicMetrics.pixelAuroc) << "," << f4(f.sam2simMetrics.imageAuroc) << ","
                << f4(f.sam2simMetrics.pixelAuroc) << "," << f4(f.maskIou) << "," << f.images << "\n";
    return csv.str();
}

// A bar of width proportional to an AUROC in [0.5, 1] (chance to perfect), for terminals and Markdown.
std::string bar(double v)
{
    if (std::isnan(v))
        return "";
    const int n = static_cast<int>(std::lround(std::clamp((v - 0.5) / 0.5, 0.0, 1.0) * 20));
    std::string out;
    for (int i = 0; i < n; ++i)
        out += "\u2588";
    for (int i = n; i < 20; ++i)
        out += "\u00b7";
    return out;
}

std::string familiesMarkdown(const std::vector<Table1Row> &rows, bool perFamily)
{
    std::ostringstream md;
    bool any = false;
    for (const auto &r : rows)
        any = any || !r.families.empty();
    if (!any)
        return {};
    md << "\n### Per background family\n\n";
    if (!perFamily)
        md << "Mask IoU of each family's composites (the cycled run; run with --per-family for AUROC per family).\n\n";
    else
        md << "Each family on the whole test set. Bars: image AUROC from 0.5 (chance) to 1.0.\n\n";
    if (!perFamily) {
        md << "| Category | Family | Mask IoU | Images |\n|---|---|---|---|\n";
        for (const auto &r : rows)
            for (const auto &f : r.families)
                md << "| " << r.category << " | " << f.family << " | " << f4(f.maskIou) << " | " << f.images << " |\n";
        return md.str();
    }
    md << "| Category | Family | Dynamic I-AUROC | | Sam2Sim I-AUROC | | Dynamic / Sam2Sim P-AUROC | Mask IoU | Images |\n";
    md << "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto &r : rows)
        for (const auto &f : r.families)
            md << "| " << r.category << " | " << f.family << " | " << f4(f.dynamicMetrics.imageAuroc) << " | `"
               << bar(f.dynamicMetrics.imageAuroc) << "` | " << f4(f.sam2simMetrics.imageAuroc) << " | `"
               << bar(f.sam2simMetrics.imageAuroc) << "` | " << f4(f.dynamicMetrics.pixelAuroc) << " / "
               << f4(f.sam2simMetrics.pixelAuroc) << " | " << f4(f.maskIou) << " | " << f.images << " |\n";
    return md.str();
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
    md << "| Category | Kind | SimpleNet static (I/P) | SimpleNet dynamic (I/P) | Sam2Sim dynamic (I/P) | AU-PRO static / dynamic / Sam2Sim | Segmenter | Diagnostic: Sam2Sim with clean-image masks (I/P) | Mask IoU |\n";
    md << "|---|---|---|---|---|---|---|---|---|\n";
    nlohmann::json json;
    json["backbone"] = o.base.backbone;
    json["backbone_pretrained"] = pretrained;
    json["preset"] = o.base.preset;
    json["epochs"] = o.base.totalEpochs();
    json["background_source"] = o.backgroundSource;
    json["background_seed"] = o.seed;
    json["selection"] = "final epoch, no test-set selection";
    json["per_family"] = o.perFamily;
    for (const auto &r : rows) {
        const std::string kind(toString(r.kind));
        csv << csvField(r.category) << "," << kind << "," << f4(r.staticMetrics.imageAuroc) << "," << f4(r.staticMetrics.pixelAuroc)
            << "," << f4(r.staticMetrics.auPro) << "," << f4(r.dynamicMetrics.imageAuroc) << ","
            << f4(r.dynamicMetrics.pixelAuroc) << "," << f4(r.dynamicMetrics.auPro) << "," << f4(r.sam2simMetrics.imageAuroc)
            << "," << f4(r.sam2simMetrics.pixelAuroc) << "," << f4(r.sam2simMetrics.auPro) << ","
            << f4(r.cleanMaskMetrics.imageAuroc) << "," << f4(r.cleanMaskMetrics.pixelAuroc) << ","
            << f4(r.cleanMaskMetrics.auPro) << "," << csvField(r.segmenter) << "," << f4(r.maskIou) << "\n";
        md << "| " << r.category << " | " << kind << " | " << f4(r.staticMetrics.imageAuroc) << " / "
           << f4(r.staticMetrics.pixelAuroc) << " | " << f4(r.dynamicMetrics.imageAuroc) << " / "
           << f4(r.dynamicMetrics.pixelAuroc) << " | " << f4(r.sam2simMetrics.imageAuroc) << " / "
           << f4(r.sam2simMetrics.pixelAuroc) << " | " << f4(r.staticMetrics.auPro) << " / " << f4(r.dynamicMetrics.auPro)
           << " / " << f4(r.sam2simMetrics.auPro) << " | " << (r.segmenter.empty() ? "-" : r.segmenter) << " | "
           << f4(r.cleanMaskMetrics.imageAuroc) << " / " << f4(r.cleanMaskMetrics.pixelAuroc) << " | " << f4(r.maskIou)
           << " |\n";
        json["categories"].push_back(table1CategoryJson(r));
    }
    for (const auto &[name, avg] : {std::pair<const char *, const Average *>{"Avg. textures", &textures},
                                    {"Avg. objects", &objects},
                                    {"Average", &all}}) {
        if (avg->n == 0)
            continue;
        md << "| **" << name << "** | | " << f4(avg->mean(0, 0)) << " / " << f4(avg->mean(0, 1)) << " | "
           << f4(avg->mean(1, 0)) << " / " << f4(avg->mean(1, 1)) << " | " << f4(avg->mean(2, 0)) << " / "
           << f4(avg->mean(2, 1)) << " | " << f4(avg->mean(0, 2)) << " / " << f4(avg->mean(1, 2)) << " / "
           << f4(avg->mean(2, 2)) << " | | " << f4(avg->mean(3, 0)) << " / " << f4(avg->mean(3, 1)) << " | |\n";
        json["averages"][name] = {{"static_i_auroc", avg->mean(0, 0)}, {"dynamic_i_auroc", avg->mean(1, 0)},
                                  {"sam2sim_i_auroc", avg->mean(2, 0)}, {"static_p_auroc", avg->mean(0, 1)},
                                  {"dynamic_p_auroc", avg->mean(1, 1)}, {"sam2sim_p_auroc", avg->mean(2, 1)},
                                  {"sam2sim_clean_masks_i_auroc", avg->mean(3, 0)},
                                  {"sam2sim_clean_masks_p_auroc", avg->mean(3, 1)}};
    }
    md << familiesMarkdown(rows, o.perFamily);
    writeFileAtomically(outDir / "table1.csv", csv.str());
    writeFileAtomically(outDir / "table1_families.csv", familiesCsv(rows));
    writeFileAtomically(outDir / "table1.md", md.str());
    json["skipped"] = skippedJson(skipped);
    writeFileAtomically(outDir / "table1.json", jsonText(json));
}

} // namespace

nlohmann::json table1CategoryJson(const Table1Row &r)
{
    return {{"category", r.category},
            {"kind", std::string(toString(r.kind))},
            {"static", metricsJson(r.staticMetrics)},
            {"dynamic", metricsJson(r.dynamicMetrics)},
            {"sam2sim", metricsJson(r.sam2simMetrics)},
            {"sam2sim_clean_masks", metricsJson(r.cleanMaskMetrics)},
            {"segmenter", r.segmenter},
            {"mask_iou", num(r.maskIou)},
            {"families", familiesJson(r)},
            {"seconds", r.seconds}};
}

nlohmann::json readTable1Category(const fs::path &fileOrDir, const std::string &category)
{
    const fs::path file = fs::is_directory(fileOrDir) ? fileOrDir / "table1.json" : fileOrDir;
    const nlohmann::json j = readJsonFile(file);
    if (!j.contains("categories") || !j.at("categories").is_array())
        throw Error(file.string() + ": not a table1.json (no \"categories\")");
    for (const auto &c : j.at("categories"))
        if (c.is_object() && c.value("category", std::string()) == category) {
            bool any = false;
            if (c.contains("families") && c.at("families").is_array())
                for (const auto &f : c.at("families"))
                    any = any || (f.is_object() && f.contains("dynamic") && f.at("dynamic").is_object()
                                  && f.at("dynamic").value("image_auroc", nlohmann::json(nullptr)).is_number());
            if (!any)
                throw Error(file.string() + ": no per-family AUROCs for '" + category + "' (run table1 with --per-family)");
            return c;
        }
    throw Error(file.string() + ": no category '" + category + "'");
}

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

    // Every training and every evaluation is a part of the job: "part" events give its overall progress.
    const auto familyCount = o.perFamily ? static_cast<std::int64_t>(proceduralFamilies().size()) : 0;
    std::int64_t parts = 0, part = 0;
    for (const Category *c : chosen)
        parts += 3 + familyCount + (backgroundRouting(c->kind, c->keepsBackground).extraction ? 3 + familyCount : 0);

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
        std::string trainingStage = "training (SimpleNet)";
        const TrainProgressFn training = [&](const TrainProgress &p) {
            report(progress, trainingStage, p.done, p.total);
        };
        const bool object = backgroundRouting(category->kind, category->keepsBackground).extraction;
        std::map<std::string, Table1Family> families;
        const auto familyRow = [&](const std::string &name) -> Table1Family & {
            Table1Family &f = families[name];
            if (f.family.empty()) {
                const double nan = std::nan("");
                f.family = name;
                f.dynamicMetrics = f.sam2simMetrics = Metrics{nan, nan, nan, nan, nan};
            }
            return f;
        };
        const auto meanIou = [](const Evaluation &ev, const std::string &family, int *count) {
            double sum = 0.0;
            int n = 0;
            for (const auto &r : ev.images)
                if (r.maskIou >= 0.0 && (family.empty() || r.background == family)) {
                    sum += r.maskIou;
                    ++n;
                }
            if (count)
                *count = n;
            return n ? sum / n : std::nan("");
        };
        // Memory stays at one model's training features or one test set's: each model is trained,
        // its training features dropped, then every test set (static, cycled, each family) extracted,
        // scored and dropped in turn; the second model starts after the first is gone. Only scores and
        // metrics are kept (13.3 GB on a 209/83 category at 512 px when everything was kept).
        const auto evaluateOnce = [&](TrainingSession &session, const EvalOptions &options) {
            report(progress, "part", part++, parts, category->name);
            Evaluation ev = session.evaluate(options, progress, cancel);
            session.releaseTestFeatures();
            releaseFreeMemory();
            return ev;
        };
        const auto trainOnly = [&](TrainingSession &session, bool withStaticTest) {
            report(progress, "part", part++, parts, category->name);
            session.extractFeatures(progress, cancel, withStaticTest);
            session.train(training, cancel);
            session.releaseTrainingFeatures();
            releaseFreeMemory();
        };
        {
            // Static and dynamic share one model.
            TrainingSession plain(*category, config);
            trainOnly(plain, true);
            // The scorer and pose "auto" chose for the category, for the Sam2Sim model too: resolved, so
            // that its foreground extraction stays on (auto keeps the background of aligned objects).
            config.scorer = plain.config().scorer;
            config.align = plain.config().align;
            config.resize = plain.config().resize;
            row.staticMetrics = evaluateOnce(plain, {}).metrics;
            row.dynamicMetrics = evaluateOnce(plain, pseudo).metrics;
            if (o.perFamily)
                for (const std::string &name : proceduralFamilies()) {
                    EvalOptions one = pseudo;
                    one.backgroundSource = name;
                    Table1Family &f = familyRow(name);
                    f.dynamicMetrics = evaluateOnce(plain, one).metrics;
                    if (!object) { // textures: one model for every column
                        f.sam2simMetrics = f.dynamicMetrics;
                        f.images = static_cast<int>(category->test.size());
                    }
                }
        }
        releaseFreeMemory();
        if (!object) {
            row.sam2simMetrics = row.cleanMaskMetrics = row.dynamicMetrics;
        } else {
            config.foreground = true;
            trainingStage = "training (Sam2Sim)";
            TrainingSession sam2sim(*category, config);
            trainOnly(sam2sim, false); // Sam2Sim is only tested on composites
            const Evaluation cycled = evaluateOnce(sam2sim, pseudo);
            row.sam2simMetrics = cycled.metrics;
            row.maskIou = meanIou(cycled, {}, nullptr);
            for (const auto &r : cycled.images)
                if (!r.background.empty()) {
                    Table1Family &f = familyRow(r.background);
                    int n = 0;
                    f.maskIou = meanIou(cycled, r.background, &n);
                    f.images = n;
                }
            // Diagnostic: the same model and composites, with each composite's background removed by the
            // clean image's mask (a segmenter that is never fooled by the new background). The gap to
            // the Sam2Sim column is what segmentation errors on composites cost.
            EvalOptions clean = pseudo;
            clean.cleanMaskForComposite = true;
            row.cleanMaskMetrics = evaluateOnce(sam2sim, clean).metrics;
            row.segmenter = sam2sim.segmenterName();
            if (o.perFamily)
                for (const std::string &name : proceduralFamilies()) {
                    EvalOptions one = pseudo;
                    one.backgroundSource = name;
                    Table1Family &f = familyRow(name);
                    const Evaluation ev = evaluateOnce(sam2sim, one);
                    f.sam2simMetrics = ev.metrics;
                    f.maskIou = meanIou(ev, {}, &f.images);
                }
        }
        releaseFreeMemory();
        for (const std::string &name : proceduralFamilies())
            if (const auto it = families.find(name); it != families.end())
                row.families.push_back(it->second);
        row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        rows.push_back(row);
        writeOutputs(outDir, rows, o, skipped); // partial tables survive an interruption
    }
    report(progress, "part", parts, parts);
    report(progress, "table1", static_cast<std::int64_t>(chosen.size()), static_cast<std::int64_t>(chosen.size()));
    return rows;
}

} // namespace s2s
