#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace s2s::pickle {

// Raw bytes of one torch storage; filled immediately (zip) or after the pickle (legacy format).
struct StorageBlob
{
    std::string key;
    at::ScalarType dtype = at::kFloat;
    std::int64_t numel = 0;
    std::shared_ptr<StorageBlob> root; // legacy views point at their root storage
    std::int64_t rootOffset = 0;       // in elements
    const std::uint8_t *data = nullptr;
    std::shared_ptr<void> owner; // keeps `data` alive
};

struct Value;
using ValuePtr = std::shared_ptr<Value>;

// A value of the restricted pickle machine: only what a state dict needs. The machine keeps the graph
// acyclic and at most kMaxDepth containers deep, and a Value is destroyed without recursion, so no file
// can exhaust the stack.
struct Value
{
    Value() = default;
    ~Value();
    Value(const Value &) = delete;
    Value &operator=(const Value &) = delete;

    enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Storage, Tensor, Mark };
    Kind kind = Kind::None;
    std::int64_t i = 0;
    double f = 0.0;
    std::string s;                                  // string, or "module.name" of a Global
    std::vector<ValuePtr> items;                    // tuple / list
    std::vector<std::pair<ValuePtr, ValuePtr>> dict; // insertion order
    std::shared_ptr<StorageBlob> storage;
    // Tensor view of a storage (materialised once all storages are loaded).
    std::shared_ptr<StorageBlob> tensorStorage;
    std::int64_t offset = 0;
    std::vector<std::int64_t> sizes, strides;
    int depth = 0;          // containers below this one (a leaf: 0)
    bool contained = false; // held by a tuple, list or dict: no longer mutable
};

// Deeper container nesting than a state dict ever needs; a deeper file is refused.
constexpr int kMaxDepth = 64;

// Returns the storage for a persistent id tuple ('storage', type, key, location, numel[, view]).
using PersistentLoad = std::function<std::shared_ptr<StorageBlob>(const Value &pid)>;

// A protocol-2 pickle interpreter that runs no code: only the globals a state dict needs are allowed
// (OrderedDict, _rebuild_tensor_v2, _rebuild_parameter, <T>Storage); anything else is an error.
// `where` names the file in error messages. Returns the root object and the bytes consumed.
ValuePtr unpickle(std::string_view bytes, std::size_t &consumed, const PersistentLoad &persistentLoad,
                  const std::string &where);

at::ScalarType storageDtype(const std::string &global, const std::string &where);
at::Tensor materialise(const Value &tensor, const std::string &where);

} // namespace s2s::pickle
