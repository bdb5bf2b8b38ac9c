#include "engine/inspect/lot_writer.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/pipeline/run_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace s2s {

namespace fs = std::filesystem;

void LotSample::add(const InspectResult &result)
{
    if (result.verdict == Verdict::Ng) {
        m_ng.push_back(result);
        if (m_ng.size() > kMaxNg) { // drop the lowest
            const auto lowest = std::min_element(m_ng.begin(), m_ng.end(), [](const auto &a, const auto &b) {
                return a.score < b.score;
            });
            m_ng.erase(lowest);
        }
        return;
    }
    // Reservoir sampling: every OK image has the same chance, however many arrive.
    ++m_okSeen;
    if (m_ok.size() < kMaxOk) {
        m_ok.push_back(result);
    } else if (const std::size_t k = std::uniform_int_distribution<std::size_t>(0, m_okSeen - 1)(m_random); k < kMaxOk) {
        m_ok[k] = result;
    }
}

std::vector<InspectResult> LotSample::ngHighestFirst() const
{
    std::vector<InspectResult> out = m_ng;
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.score > b.score; });
    return out;
}

LotWriter::LotWriter(fs::path dir, std::string maps, LotTally tally, bool durable, std::size_t rowsBefore,
                     bool keepSample)
    : m_dir(std::move(dir))
    , m_maps(std::move(maps))
    , m_tally(std::move(tally))
    , m_durable(durable)
    , m_keepSample(keepSample)
    , m_rows(rowsBefore)
{
    const fs::path csv = m_dir / "verdicts.csv";
    const bool fresh = !fs::exists(csv);
    m_fd = ::open(csv.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error(csv.string() + ": cannot write (" + std::strerror(errno) + ")");
    if (fresh) {
        const std::string header = verdictsHeader();
        if (::write(m_fd, header.data(), header.size()) != static_cast<ssize_t>(header.size()))
            throw Error(csv.string() + ": cannot write (" + std::strerror(errno) + ")");
    }
}

LotWriter::~LotWriter()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void LotWriter::add(const InspectResult &result, const Inspector &inspector)
{
    ++m_rows;
    if (m_maps == "all" || (m_maps == "ng" && result.verdict == Verdict::Ng)) {
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%05zu_", m_rows);
        const auto range = inspector.run().metrics.find("map_range");
        float low = 0.f, high = 1.f;
        if (range != inspector.run().metrics.end() && range->is_array() && range->size() == 2
            && range->at(0).is_number() && range->at(1).is_number()) {
            low = range->at(0).get<float>();
            high = range->at(1).get<float>();
        } else {
            low = static_cast<float>(result.threshold) - 1.f;
            high = static_cast<float>(result.threshold) + 1.f;
        }
        writeHeatmapPng(m_dir / "maps" / (prefix + result.path.stem().string() + ".png"), result,
                        inspector.originalFrameMap(result), low, high);
    }
    // One write per row: a killed process leaves whole rows only.
    const std::string row = verdictRow(result);
    if (::write(m_fd, row.data(), row.size()) != static_cast<ssize_t>(row.size()))
        throw Error((m_dir / "verdicts.csv").string() + ": cannot write (" + std::strerror(errno) + ")");
    m_tally.add(result);
    if (m_keepSample)
        m_sample.add(result);
    if (m_durable) {
        ::fdatasync(m_fd);
        writeLotJson();
    }
}

void LotWriter::skip(const std::string &path, const std::string &reason)
{
    m_tally.skip(path, reason);
    if (m_durable)
        writeLotJson();
}

void LotWriter::writeLotJson()
{
    writeFileAtomically(m_dir / "lot.json", jsonText(m_tally.json()) + "\n");
}

LotTally batchLotTally(const Inspector &inspector, const LotThreshold &threshold, const std::string &started)
{
    LotTally tally(inspector.runId(), inspector.run().dir, threshold, "batch");
    tally.extra["started"] = started;
    tally.extra["segmenter"] = inspector.removesBackground() ? nlohmann::json(inspector.segmenterName())
                                                             : nlohmann::json(nullptr);
    return tally;
}

void closeBatchTally(LotTally &tally, const LotStats &stats, const std::string &finished)
{
    tally.setInspectionSeconds(stats.seconds);
    tally.extra["finished"] = finished;
    tally.extra["interrupted"] = stats.cancelled;
}

BatchLot::BatchLot(const fs::path &out, const Inspector &inspector, const LotThreshold &threshold,
                   const std::string &maps, bool keepSample, const std::string &started)
    : m_transaction(out, [](const fs::path &dir) {
        requireOnlyEntries(dir, {"verdicts.csv", "lot.json", "maps"}, "a lot folder");
        return true;
    }, "a lot folder")
    , m_writer(std::make_unique<LotWriter>(m_transaction.dir(), maps, batchLotTally(inspector, threshold, started),
                                           false, 0, keepSample))
{
}

void BatchLot::commit(const LotStats &stats, const std::string &finished)
{
    closeBatchTally(m_writer->tally(), stats, finished);
    m_writer->writeLotJson();
    m_transaction.commit();
}

} // namespace s2s
