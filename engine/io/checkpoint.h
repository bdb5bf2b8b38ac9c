#pragma once

#include "engine/io/sha256.h"

#include <ATen/ATen.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s2s {

struct NamedTensor
{
    std::string name;
    at::Tensor tensor;
};

// Tensors in file order, named as in the Python state dict (nested dicts joined with '.').
using StateDict = std::vector<NamedTensor>;

enum class CheckpointFormat { TorchZip, TorchLegacy, Safetensors };

struct Checkpoint
{
    CheckpointFormat format = CheckpointFormat::TorchZip;
    StateDict tensors;
    std::map<std::string, std::string> metadata; // safetensors __metadata__, empty otherwise
};

// Reads a PyTorch checkpoint (zip or legacy torch.save) or a .safetensors file, sniffing the format from
// the bytes. A root that holds only a "model" or "state_dict" dict is unwrapped; nested dicts are
// flattened with '.'; non-tensor leaves are dropped. Never runs code: unknown pickle globals are
// rejected. Throws s2s::Error("<file>: <reason>") on anything malformed.
Checkpoint readCheckpoint(const std::filesystem::path &path);

// Writes contiguous CPU tensors (f32/f16/bf16/i64/...) as .safetensors, atomically.
void writeSafetensors(const std::filesystem::path &path, const StateDict &tensors,
                      const std::map<std::string, std::string> &metadata = {});

// "[64,3,7,7]": a tensor shape as error messages about checkpoints print it.
std::string shapeText(at::IntArrayRef shape);

// One tensor a model expects: its state-dict key and shape.
struct TensorSpec
{
    std::string name;
    std::vector<std::int64_t> shape;
};

// Checks a checkpoint's tensors (by name) against what a model expects: every expected key present with
// its shape, and no key that is neither expected nor `ignored`. Throws s2s::Error(where + "missing key
// ..." / "shape of ... is [..], expected [..]" / "unexpected key ...").
void checkTensors(const std::map<std::string, at::Tensor> &loaded, const std::vector<TensorSpec> &expected,
                  const std::string &where, bool (*ignored)(const std::string &) = nullptr);

} // namespace s2s
