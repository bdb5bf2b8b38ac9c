#pragma once

#include <filesystem>

namespace s2s {

// The container of a checkpoint checked without reading its tensors: the format from its signature, a
// torch zip's central directory, a safetensors header with every tensor's dtype, shape and data inside
// the file. Only the pages those structures lie on are read (the file is memory-mapped), so a 4 GB file
// that is not what its head says is refused at once, before anything hashes it. Throws
// s2s::Error("<file>: <reason>"), the same lines as readCheckpoint (engine/io/checkpoint.h).
void checkCheckpointStructure(const std::filesystem::path &path);

} // namespace s2s
