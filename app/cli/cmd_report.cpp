// sam2sim report: the PDF inspection report of a run folder (and optionally its per-image CSV).
#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/headless_app.h"
#include "app/cli/input_checks.h"

#include "engine/core/error.h"
#include "engine/pipeline/run_folder.h"
#include "engine/pipeline/table1.h"
#include "resources/app_resources.h"
#include "ui/report/image_results.h"
#include "ui/report/report_writer.h"
#include "ui/report/threshold_rule.h"

#include <QFontDatabase>
#include <QLocale>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace s2s::cli {
namespace {

constexpr const char *kUsage =
    "Usage: sam2sim report --run RUN --out REPORT.pdf [options]\n"
    "Writes the PDF inspection report of a run folder: provenance, threshold rule, metrics,\n"
    "confusion matrix, ROC curves, score histogram, pseudo-background robustness and a gallery\n"
    "of the test images by score with heatmaps and ground-truth outlines.\n\n"
    "Options:\n"
    "  --run DIR               run folder (config.json, scores.csv, metrics.json, maps/)\n"
    "  --out FILE              the PDF to write (written atomically)\n"
    "  --threshold-rule RULE   f1 | fpr:RATE | value:X (default: the threshold stored with the run)\n"
    "  --csv FILE              also write per-image results (path, defect type, label, score,\n"
    "                          verdict, outcome) at the report's threshold\n"
    "  --gallery N             show only the N highest-scoring images (default: all)\n"
    "  --table1 DIR            add the run category's per-family robustness (dynamic vs Sam2Sim bars,\n"
    "                          mask IoU) from a 'sam2sim table1 --per-family' folder or table1.json\n"
    "  --language LANG         en (default), de or ko: the language of the report\n"
    "  --json                  print the result as JSON\n"
    "Needs no display: QT_QPA_PLATFORM defaults to 'offscreen'.";

int run(const std::vector<std::string> &argv)
{
    const Args args("report", argv, {"run", "out", "threshold-rule", "csv", "gallery", "language", "table1"}, {"json"});
    args.expectNoPositionals();
    const std::filesystem::path runDir = args.required("run");
    const std::string out = args.required("out");
    std::optional<ui::ThresholdRule> rule;
    if (const auto text = args.value("threshold-rule"))
        rule = ui::ThresholdRule::parse(*text);
    const std::string language = args.valueOr("language", "en");
    if (language != "en" && language != "de" && language != "ko")
        throw Error("--language must be en, de or ko, not '" + language + "'");
    const int gallery = args.intOr("gallery", 0);
    if (gallery < 0)
        throw Error("--gallery must be 0 (all) or positive");

    std::error_code ec;
    if (!std::filesystem::is_directory(runDir, ec))
        throw Error(runDir.string() + ": no such run folder");
    // Outputs are checked before any work, and may never overwrite each other or the run's own files.
    checkOutputFile(out, "--out");
    const auto csvOut = args.value("csv");
    if (csvOut) {
        checkOutputFile(*csvOut, "--csv");
        if (samePath(*csvOut, out))
            throw Error(*csvOut + ": --csv and --out name the same file");
    }
    checkNotRunFile(out, runDir, "--out");
    checkNotInput(args, {"out", "csv"}, {"table1"});
    if (csvOut)
        checkNotRunFile(*csvOut, runDir, "--csv");
    const RunSummary summary = loadRunSummary(runDir);
    nlohmann::json perFamily;
    if (const auto table1 = args.value("table1"))
        perFamily = readTable1Category(*table1, summary.config.category);

    const auto app = makeHeadlessApplication("report");
    if (language != "en") {
        const QLocale locale(QString::fromStdString(language));
        if (ui::installTranslations(*app, locale).isEmpty())
            throw Error("no embedded translation for '" + language + "'");
        if (language == "ko" && QFontDatabase::families(QFontDatabase::Korean).isEmpty())
            throw Error("no font with Korean glyphs is installed (e.g. fonts-noto-cjk)");
    }
    ui::ReportOptions options;
    options.thresholdRule = rule;
    options.galleryLimit = gallery;
    options.perFamily = perFamily;
    const ui::ReportResult result = ui::writeReport(summary, QString::fromStdString(out), options);
    if (const auto csv = args.value("csv"))
        ui::writeResultsCsv(summary, result.threshold.value, QString::fromStdString(*csv));

    if (args.flag("json")) {
        nlohmann::json json = {
            {"report", out},
            {"pages", result.pages},
            {"threshold", {{"value", result.threshold.value}, {"rule", result.threshold.rule.toStdString()}}},
            {"confusion",
             {{"tp", result.confusion.tp}, {"fp", result.confusion.fp}, {"tn", result.confusion.tn},
              {"fn", result.confusion.fn}}},
        };
        if (const auto csv = args.value("csv"))
            json["csv"] = *csv;
        std::cout << json.dump(2) << "\n";
    } else {
        std::cout << out << ": " << result.pages << " pages, threshold " << result.threshold.value << " ("
                  << result.threshold.rule.toStdString() << "), TP " << result.confusion.tp << " FP "
                  << result.confusion.fp << " TN " << result.confusion.tn << " FN " << result.confusion.fn
                  << "\n";
    }
    return 0;
}

const CommandRegistration reg{{"report", "PDF inspection report of a run (and per-image CSV)", kUsage, &run}};

} // namespace
} // namespace s2s::cli
