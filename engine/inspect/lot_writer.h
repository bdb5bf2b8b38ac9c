#pragma once

#include "engine/core/folder_transaction.h"
#include "engine/inspect/inspector.h"
#include "engine/inspect/lot_files.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace s2s {

// What the lot report shows besides the counts: the highest-scoring NG images (with their maps) and an
// even sample of the OK ones, kept bounded however long the lot.
class LotSample
{
public:
    static constexpr std::size_t kMaxNg = 24;
    static constexpr std::size_t kMaxOk = 6;

    void add(const InspectResult &result);
    std::vector<InspectResult> ngHighestFirst() const;
    const std::vector<InspectResult> &ok() const { return m_ok; }

private:
    std::vector<InspectResult> m_ng;
    std::vector<InspectResult> m_ok;
    std::size_t m_okSeen = 0;
    std::mt19937_64 m_random{0x5eed};
};

// Writes a lot's files (engine/inspect/lot_files.h) into `dir`: one verdicts.csv row per image, maps of NG
// (or all) images, lot.json. With `durable` (a watch), each row is flushed to disk as it is written and
// lot.json is rewritten atomically after it, so a killed process leaves a lot that is whole up to its
// last row; a batch writes into a transaction's folder and calls finish() before the commit.
class LotWriter
{
public:
    LotWriter(std::filesystem::path dir, std::string maps, LotTally tally, bool durable, std::size_t rowsBefore,
              bool keepSample);
    ~LotWriter();
    LotWriter(const LotWriter &) = delete;
    LotWriter &operator=(const LotWriter &) = delete;

    // A scored image: map (written first, so a row never names a map that is not there), row, lot.json.
    void add(const InspectResult &result, const Inspector &inspector);
    void skip(const std::string &path, const std::string &reason);
    void writeLotJson();

    LotTally &tally() { return m_tally; }
    const LotSample &sample() const { return m_sample; }
    std::size_t rows() const { return m_rows; }

private:
    std::filesystem::path m_dir;
    std::string m_maps;
    LotTally m_tally;
    bool m_durable;
    bool m_keepSample;
    std::size_t m_rows;
    int m_fd = -1;
    LotSample m_sample;
};

// The figures of a batch lot: mode "batch", started, segmenter; closeBatchTally adds the pass's
// seconds, finished and interrupted. A batch lot's lot.json and the lot report read them.
LotTally batchLotTally(const Inspector &inspector, const LotThreshold &threshold, const std::string &started);
void closeBatchTally(LotTally &tally, const LotStats &stats, const std::string &finished);

// A batch lot (`sam2sim inspect --images`, the studio's Save lot): written into a transaction's folder,
// so OUT appears whole or not at all (an earlier lot there is replaced, nothing else), lot.json carrying
// mode "batch", started, segmenter, finished and interrupted. The CLI and the studio write lots with it.
class BatchLot
{
public:
    // Throws s2s::Error when `out` holds something other than an earlier lot, or is in use.
    BatchLot(const std::filesystem::path &out, const Inspector &inspector, const LotThreshold &threshold,
             const std::string &maps, bool keepSample, const std::string &started);

    LotWriter &writer() { return *m_writer; }
    // lot.json with the pass's figures, then the folder takes OUT's place.
    void commit(const LotStats &stats, const std::string &finished);

private:
    FolderTransaction m_transaction;
    std::unique_ptr<LotWriter> m_writer;
};

} // namespace s2s
