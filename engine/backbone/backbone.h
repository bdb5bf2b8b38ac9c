#pragma once

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace s2s {

// The taps as TorchScript source, for export (engine/export): `source` defines the method
// `taps(self, x: Tensor) -> Tuple[Tensor, Tensor]` with the same ATen ops as forwardTaps(), reading
// the (batch-norm folded) tensors in `buffers` as module attributes by name.
struct BackboneScript
{
    std::string source;
    std::vector<std::pair<std::string, at::Tensor>> buffers;
};

// A frozen ImageNet CNN that yields the two feature maps SimpleNet taps (stride 8 and stride 16).
class Backbone
{
public:
    virtual ~Backbone() = default;

    virtual std::string name() const = 0;            // "wide_resnet50_2", "mobilenet_v2"
    virtual bool pretrained() const = 0;             // false when randomly initialised
    virtual std::string weightsSha256() const = 0;   // empty when not pretrained
    virtual std::vector<int> tapChannels() const = 0; // e.g. {512, 1024}

    // x: [B,3,H,W] ImageNet-normalised float. Returns {stride-8 map, stride-16 map}.
    // Runs under inference mode; computes only the layers needed.
    virtual std::vector<at::Tensor> forwardTaps(const at::Tensor &x) = 0;

    virtual BackboneScript script() const = 0;
};

// Builds a backbone by name; weights empty means random initialisation (pretrained() == false).
// Every key and shape of the file is checked; the first mismatch is named in the error.
std::unique_ptr<Backbone> makeBackbone(const std::string &name, const std::filesystem::path &weights,
                                       unsigned seed = 0);

std::vector<std::string> backboneNames();

} // namespace s2s
