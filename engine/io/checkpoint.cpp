#include "engine/io/checkpoint.h"
#include "engine/io/checkpoint_structure.h"

#include "engine/core/atomic_file.h"
#include "engine/core/error.h"
#include "engine/core/json_file.h"
#include "engine/io/pickle_reader.h"

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <caffe2/serialize/versions.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

namespace s2s {

namespace fs = std::filesystem;
using pickle::StorageBlob;
using pickle::Value;
using pickle::ValuePtr;

namespace {

// A checkpoint file mapped into memory (private, copy-on-write): its structure is checked from the
// pages it touches, so a huge or sparse file that is not what its header says costs no memory, and a
// valid one is not copied into a buffer first (the tensors are the only copy).
class MappedFile
{
public:
    MappedFile(const fs::path &path, std::uint64_t size, const std::string &where)
        : m_size(static_cast<std::size_t>(size))
    {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            throw Error(where + ": cannot open for reading: " + std::strerror(errno));
        void *data = ::mmap(nullptr, m_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        const int err = errno;
        ::close(fd);
        if (data == MAP_FAILED)
            throw Error(where + ": cannot map its " + std::to_string(size >> 20) + " MB into memory: " + std::strerror(err));
        m_data = static_cast<const char *>(data);
    }
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    ~MappedFile() { ::munmap(const_cast<char *>(m_data), m_size); }

    const char *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    std::string_view view() const { return {m_data, m_size}; }

private:
    const char *m_data = nullptr;
    std::size_t m_size = 0;
};

// Bounds-checked in-memory adapter (caffe2's MemoryReadAdapter does not check bounds).
class BufferAdapter final : public caffe2::serialize::ReadAdapterInterface
{
public:
    explicit BufferAdapter(std::shared_ptr<const MappedFile> bytes)
        : m_bytes(std::move(bytes))
    {
    }
    size_t size() const override { return m_bytes->size(); }
    size_t read(uint64_t pos, void *buf, size_t n, const char *) const override
    {
        if (pos >= m_bytes->size())
            return 0;
        n = std::min<size_t>(n, m_bytes->size() - pos);
        std::memcpy(buf, m_bytes->data() + pos, n);
        return n;
    }

private:
    std::shared_ptr<const MappedFile> m_bytes;
};

std::uint64_t le(std::string_view b, std::size_t pos, int n)
{
    std::uint64_t v = 0;
    for (int k = n - 1; k >= 0; --k)
        v = (v << 8) | static_cast<std::uint8_t>(b[pos + static_cast<std::size_t>(k)]);
    return v;
}

// Declared sizes of the zip's entries from its central directory, so no entry can make the stream
// reader allocate more than the file holds.
// Returns the uncompressed ("stored") entries and their sizes, whose bytes can be used in place.
std::map<std::string, std::uint64_t> checkZipDirectory(std::string_view b, const std::string &where)
{
    if (b.size() < 22)
        throw Error(where + ": truncated zip archive");
    std::size_t eocd = std::string::npos;
    const std::size_t stop = b.size() > 65557 ? b.size() - 65557 : 0;
    for (std::size_t p = b.size() - 22 + 1; p-- > stop;)
        if (le(b, p, 4) == 0x06054b50) {
            eocd = p;
            break;
        }
    if (eocd == std::string::npos)
        throw Error(where + ": not a valid zip archive (no end of central directory; truncated?)");
    const std::uint64_t entries = le(b, eocd + 10, 2);
    std::uint64_t cd = le(b, eocd + 16, 4);
    std::map<std::string, std::uint64_t> stored;
    if (cd == 0xffffffffu || entries == 0xffffu)
        return stored; // zip64: left to the stream reader's own checks
    if (entries == 0)
        throw Error(where + ": zip archive holds no files");
    // PyTorchStreamReader leaks its zip state when its constructor throws, and lets std::stoull
    // exceptions escape, so the layout it insists on (one top folder, a small numeric version record)
    // is checked here first.
    std::string prefix;
    bool versionSeen = false;
    std::set<std::string> names;
    for (std::uint64_t e = 0; e < entries; ++e) {
        if (cd + 46 > b.size() || le(b, cd, 4) != 0x02014b50)
            throw Error(where + ": corrupt zip central directory");
        const std::uint64_t flags = le(b, cd + 8, 2);
        const std::uint64_t method = le(b, cd + 10, 2);
        if ((method != 0 && method != 8) || (flags & 1))
            throw Error(where + ": zip entry with an unsupported compression method or encryption");
        const std::uint64_t compressed = le(b, cd + 20, 4);
        const std::uint64_t uncompressed = le(b, cd + 24, 4);
        const std::uint64_t nameLength = le(b, cd + 28, 2);
        const std::uint64_t localHeader = le(b, cd + 42, 4);
        if (compressed != 0xffffffffu && (uncompressed > b.size() || compressed > b.size() || localHeader > b.size()))
            throw Error(where + ": zip entry declares " + std::to_string(uncompressed)
                        + " bytes, more than the file holds");
        if (cd + 46 + nameLength > b.size())
            throw Error(where + ": corrupt zip central directory");
        if (localHeader + 30 > b.size())
            throw Error(where + ": corrupt zip local header");
        const std::string name(b.substr(cd + 46, nameLength));
        if (!names.insert(name).second)
            throw Error(where + ": zip archive names " + name + " twice");
        if (e == 0) {
            const auto slash = name.find('/');
            if (slash == std::string::npos)
                throw Error(where + ": zip archive without a top folder (not a torch.save checkpoint)");
            prefix = name.substr(0, slash + 1);
        }
        // Keyed as the stream reader names records: without the top folder.
        if (method == 0 && compressed == uncompressed && name.compare(0, prefix.size(), prefix) == 0)
            stored[name.substr(prefix.size())] = uncompressed;
        if (name == prefix + "version" || name == prefix + ".data/version") {
            if (method != 0 || compressed != uncompressed)
                throw Error(where + ": compressed version record (not a torch.save checkpoint)");
            versionSeen = true;
            if (localHeader + 30 > b.size() || le(b, localHeader, 4) != 0x04034b50)
                throw Error(where + ": corrupt zip local header");
            const std::uint64_t start = localHeader + 30 + le(b, localHeader + 26, 2) + le(b, localHeader + 28, 2);
            if (uncompressed > 8 || start + uncompressed > b.size())
                throw Error(where + ": malformed torch.save format version record");
            std::string digits(b.substr(start, uncompressed));
            while (!digits.empty() && (digits.back() == '\n' || digits.back() == ' '))
                digits.pop_back();
            if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
                throw Error(where + ": malformed torch.save format version record");
            if (std::stoull(digits) < caffe2::serialize::kMinSupportedFileFormatVersion
                || std::stoull(digits) > caffe2::serialize::kMaxSupportedFileFormatVersion)
                throw Error(where + ": unsupported torch.save format version " + digits);
        }
        cd += 46 + nameLength + le(b, cd + 30, 2) + le(b, cd + 32, 2);
    }
    if (!versionSeen)
        throw Error(where + ": zip archive without a version record (not a torch.save checkpoint)");
    return stored;
}

enum class Layout { Zip, Legacy, Safetensors };

// The format from the file's first bytes (`size` is the whole file's), so that a file of no known
// format is refused before it is read into memory (a 4 GB file of zeros once ended in std::bad_alloc).
Layout sniffLayout(std::string_view b, std::uint64_t size, const std::string &where)
{
    if (size == 0)
        throw Error(where + ": empty file (0 bytes)");
    if (b.size() >= 4 && b.compare(0, 4, "PK\x03\x04") == 0)
        return Layout::Zip;
    if (b.size() >= 4 && static_cast<std::uint8_t>(b[0]) == 0x80 && static_cast<std::uint8_t>(b[1]) == 0x02
        && static_cast<std::uint8_t>(b[2]) == 0x8a && static_cast<std::uint8_t>(b[3]) == 0x0a)
        return Layout::Legacy;
    if (b.size() >= 9 && le(b, 0, 8) < size && b[8] == '{')
        return Layout::Safetensors;
    if (b.size() > 262 && b.compare(257, 5, "ustar") == 0)
        throw Error(where + ": tar-format checkpoints (PyTorch < 0.4) are not supported");
    // A safetensors file whose header length points past the end: say so rather than "not a checkpoint".
    if (b.size() >= 9 && b[8] == '{')
        throw Error(where + ": corrupt safetensors file (its header of " + std::to_string(le(b, 0, 8))
                    + " bytes is longer than the file, " + std::to_string(size) + " bytes)");
    throw Error(where + ": not a checkpoint (expected a PyTorch .pt/.pth or a .safetensors file)");
}

// Larger than any backbone or SAM 2 checkpoint this program reads (SAM 2.1 large: 0.9 GB).
constexpr std::uint64_t kMaxCheckpointBytes = std::uint64_t(4) << 30;

// The format from the head, then the whole file mapped.
std::shared_ptr<const MappedFile> readWhole(const fs::path &path, const std::string &where, Layout &layout)
{
    checkRegularFile(path, "");
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const auto size = in.tellg();
    if (!in || size < 0)
        throw Error(where + ": cannot open for reading");
    in.seekg(0);
    std::string head(static_cast<std::size_t>(std::min<std::streamoff>(size, 512)), '\0');
    if (!in.read(head.data(), static_cast<std::streamsize>(head.size())))
        throw Error(where + ": read error");
    layout = sniffLayout(head, static_cast<std::uint64_t>(size), where);
    if (static_cast<std::uint64_t>(size) > kMaxCheckpointBytes)
        throw Error(where + ": " + std::to_string(static_cast<std::uint64_t>(size) >> 20)
                    + " MB, larger than any checkpoint this reads (4096 MB)");
    return std::make_shared<const MappedFile>(path, static_cast<std::uint64_t>(size), where);
}

std::string firstLine(const std::string &text)
{
    const auto nl = text.find('\n');
    return nl == std::string::npos ? text : text.substr(0, nl);
}

struct PidInfo
{
    std::string type, key;
    std::int64_t numel = 0;
    const Value *view = nullptr;
};

PidInfo parsePid(const Value &pid, const std::string &where)
{
    if (pid.kind != Value::Kind::Tuple || pid.items.size() < 5 || pid.items[0]->kind != Value::Kind::String
        || pid.items[0]->s != "storage" || pid.items[1]->kind != Value::Kind::Global
        || pid.items[4]->kind != Value::Kind::Int || pid.items[4]->i < 0)
        throw Error(where + ": malformed storage reference");
    PidInfo info;
    info.type = pid.items[1]->s;
    const auto &key = pid.items[2];
    if (key->kind == Value::Kind::String)
        info.key = key->s;
    else if (key->kind == Value::Kind::Int)
        info.key = std::to_string(key->i);
    else
        throw Error(where + ": malformed storage key");
    info.numel = pid.items[4]->i;
    if (pid.items.size() > 5 && pid.items[5]->kind == Value::Kind::Tuple)
        info.view = pid.items[5].get();
    return info;
}

// Flattens nested dicts into dotted names; drops non-tensor leaves.
void flatten(const ValuePtr &v, const std::string &prefix, StateDict &out, int depth, const std::string &where)
{
    if (depth > 32)
        throw Error(where + ": nesting too deep");
    if (v->kind == Value::Kind::Tensor) {
        out.push_back({prefix, pickle::materialise(*v, where)});
        return;
    }
    if (v->kind != Value::Kind::Dict)
        return;
    for (const auto &[k, value] : v->dict) {
        std::string name;
        if (k->kind == Value::Kind::String)
            name = k->s;
        else if (k->kind == Value::Kind::Int)
            name = std::to_string(k->i);
        else
            continue;
        flatten(value, prefix.empty() ? name : prefix + "." + name, out, depth + 1, where);
    }
}

StateDict stateDictFromRoot(const ValuePtr &root, const std::string &where)
{
    if (root->kind != Value::Kind::Dict)
        throw Error(where + ": the checkpoint is not a dict of tensors");
    for (const char *wrapper : {"model", "state_dict"})
        for (const auto &[k, value] : root->dict)
            if (k->kind == Value::Kind::String && k->s == wrapper && value->kind == Value::Kind::Dict) {
                StateDict out;
                flatten(value, "", out, 0, where);
                return out;
            }
    StateDict out;
    flatten(root, "", out, 0, where);
    return out;
}

StateDict readTorchZip(const std::shared_ptr<const MappedFile> &bytes, const std::string &where)
{
    const auto stored = checkZipDirectory(bytes->view(), where);
    try {
        caffe2::serialize::PyTorchStreamReader reader(std::make_shared<BufferAdapter>(bytes));
        if (reader.hasRecord("byteorder")) {
            auto [data, size] = reader.getRecord("byteorder");
            if (std::string(static_cast<const char *>(data.get()), size) != "little")
                throw Error(where + ": big-endian checkpoints are not supported");
        }
        if (!reader.hasRecord("data.pkl"))
            throw Error(where + ": zip archive without data.pkl (not a torch.save checkpoint)");
        auto [pkl, pklSize] = reader.getRecord("data.pkl");
        std::map<std::string, std::shared_ptr<StorageBlob>> storages;
        const pickle::PersistentLoad load = [&](const Value &pid) {
            const PidInfo info = parsePid(pid, where);
            auto &slot = storages[info.key];
            if (slot)
                return slot;
            auto blob = std::make_shared<StorageBlob>();
            blob->key = info.key;
            blob->dtype = pickle::storageDtype(info.type, where);
            blob->numel = info.numel;
            const std::string record = "data/" + info.key;
            if (!reader.hasRecord(record))
                throw Error(where + ": storage record " + record + " is missing");
            const auto needed = static_cast<std::uint64_t>(info.numel) * c10::elementSize(blob->dtype);
            const auto tooShort = [&](std::uint64_t size) {
                return Error(where + ": storage " + info.key + " holds " + std::to_string(size) + " bytes, "
                             + std::to_string(needed) + " declared");
            };
            const auto inPlace = stored.find(record);
            if (inPlace != stored.end()) {
                // torch.save stores entries uncompressed: use the file's bytes directly, so the only
                // copy is the one into the tensors (saves a full copy of a 270 MB checkpoint).
                const std::uint64_t offset = reader.getRecordOffset(record);
                if (offset > bytes->size() || inPlace->second > bytes->size() - offset)
                    throw Error(where + ": storage record " + record + " reaches past the end of the file");
                if (inPlace->second < needed)
                    throw tooShort(inPlace->second);
                blob->data = reinterpret_cast<const std::uint8_t *>(bytes->data() + offset);
                blob->owner = std::shared_ptr<void>(bytes, const_cast<char *>(bytes->data()));
            } else {
                auto [data, size] = reader.getRecord(record);
                if (size < needed)
                    throw tooShort(size);
                auto owner = std::make_shared<at::DataPtr>(std::move(data));
                blob->data = static_cast<const std::uint8_t *>(owner->get());
                blob->owner = owner;
            }
            slot = blob;
            return slot;
        };
        std::size_t consumed = 0;
        const ValuePtr root = pickle::unpickle(
            std::string_view(static_cast<const char *>(pkl.get()), pklSize), consumed, load, where);
        return stateDictFromRoot(root, where);
    } catch (const c10::Error &e) {
        throw Error(where + ": not a readable PyTorch zip checkpoint (" + firstLine(e.what_without_backtrace()) + ")");
    } catch (const Error &) {
        throw;
    } catch (const std::exception &e) {
        // The stream reader can throw standard exceptions too (std::stoull on its version record).
        throw Error(where + ": not a readable PyTorch zip checkpoint (" + firstLine(e.what()) + ")");
    }
}

StateDict readTorchLegacy(const std::shared_ptr<const MappedFile> &bytes, const std::string &where)
{
    const std::string_view all = bytes->view();
    std::size_t pos = 0;
    const pickle::PersistentLoad none = [&](const Value &) -> std::shared_ptr<StorageBlob> {
        throw Error(where + ": unexpected storage in legacy header");
    };
    const auto next = [&](const pickle::PersistentLoad &load) {
        std::size_t consumed = 0;
        auto v = pickle::unpickle(all.substr(pos), consumed, load, where);
        pos += consumed;
        return v;
    };
    const ValuePtr magic = next(none);
    // 0x1950a86a20f9469cfc6c; the unpickler keeps the low 64 bits of this 10-byte integer.
    if (magic->kind != Value::Kind::Int || static_cast<std::uint64_t>(magic->i) != 0xa86a20f9469cfc6cULL)
        throw Error(where + ": bad legacy magic number");
    const ValuePtr protocol = next(none);
    if (protocol->kind != Value::Kind::Int || protocol->i != 1001)
        throw Error(where + ": unsupported legacy protocol version");
    next(none); // sys_info
    std::map<std::string, std::shared_ptr<StorageBlob>> storages;
    const pickle::PersistentLoad load = [&](const Value &pid) {
        const PidInfo info = parsePid(pid, where);
        auto &root = storages[info.key];
        if (!root) {
            root = std::make_shared<StorageBlob>();
            root->key = info.key;
            root->dtype = pickle::storageDtype(info.type, where);
            root->numel = info.numel;
        }
        if (!info.view)
            return root;
        // view_metadata = (view_key, offset, view_size)
        const auto &vm = info.view->items;
        if (vm.size() != 3 || vm[1]->kind != Value::Kind::Int || vm[2]->kind != Value::Kind::Int
            || vm[1]->i < 0 || vm[2]->i < 0)
            throw Error(where + ": malformed storage view");
        auto view = std::make_shared<StorageBlob>();
        view->key = info.key;
        view->dtype = root->dtype;
        view->root = root;
        view->rootOffset = vm[1]->i;
        view->numel = vm[2]->i;
        return view;
    };
    const ValuePtr object = next(load);
    const ValuePtr keys = next(none);
    if (keys->kind != Value::Kind::List)
        throw Error(where + ": malformed legacy storage key list");
    for (const auto &k : keys->items) {
        if (k->kind != Value::Kind::String)
            throw Error(where + ": malformed legacy storage key");
        const auto it = storages.find(k->s);
        if (it == storages.end())
            throw Error(where + ": storage " + k->s + " listed but never used");
        if (bytes->size() - pos < 8)
            throw Error(where + ": truncated legacy checkpoint (storage " + k->s + ")");
        const std::uint64_t count = le(bytes->view(), pos, 8);
        pos += 8;
        const std::uint64_t size = count * c10::elementSize(it->second->dtype);
        if (count > bytes->size() || size > bytes->size() - pos)
            throw Error(where + ": truncated legacy checkpoint (storage " + k->s + " needs " + std::to_string(size)
                        + " bytes)");
        if (static_cast<std::int64_t>(count) < it->second->numel)
            throw Error(where + ": storage " + k->s + " is shorter than declared");
        it->second->data = reinterpret_cast<const std::uint8_t *>(bytes->data() + pos);
        it->second->owner = std::shared_ptr<void>(bytes, const_cast<char *>(bytes->data()));
        pos += size;
    }
    return stateDictFromRoot(object, where);
}

const std::map<std::string, at::ScalarType> &safetensorsTypes()
{
    static const std::map<std::string, at::ScalarType> t = {
        {"F64", at::kDouble}, {"F32", at::kFloat}, {"F16", at::kHalf},  {"BF16", at::kBFloat16},
        {"I64", at::kLong},   {"I32", at::kInt},   {"I16", at::kShort}, {"I8", at::kChar},
        {"U8", at::kByte},    {"BOOL", at::kBool},
    };
    return t;
}

// With `copyData` false, only the header and the tensors' places are checked (no tensor is made).
Checkpoint readSafetensors(std::string_view b, const std::string &where, bool copyData = true)
{
    if (b.size() < 8)
        throw Error(where + ": truncated safetensors file");
    const std::uint64_t headerSize = le(b, 0, 8);
    if (headerSize > b.size() - 8 || headerSize > 100'000'000)
        throw Error(where + ": safetensors header size " + std::to_string(headerSize) + " exceeds the file");
    const nlohmann::json header = parseJson(std::string_view(b).substr(8, headerSize), where);
    if (!header.is_object())
        throw Error(where + ": invalid safetensors header (not an object)");
    const std::size_t dataStart = 8 + headerSize;
    const std::size_t dataSize = b.size() - dataStart;
    Checkpoint out;
    out.format = CheckpointFormat::Safetensors;
    std::vector<std::pair<std::uint64_t, NamedTensor>> ordered;
    for (const auto &[name, info] : header.items()) {
        if (name == "__metadata__") {
            if (!info.is_object())
                throw Error(where + ": safetensors __metadata__ is not an object");
            for (const auto &[k, v] : info.items())
                out.metadata[k] = v.is_string() ? v.get<std::string>() : v.dump();
            continue;
        }
        // An init-capture: clang 14 (the fuzz preset) cannot capture a structured binding.
        const auto bad = [&, &name = name](const std::string &what) {
            return Error(where + ": tensor " + name + " " + what);
        };
        if (!info.is_object() || !info.contains("dtype") || !info.at("dtype").is_string())
            throw bad("has no dtype");
        const std::string dtypeName = info.at("dtype").get<std::string>();
        const auto dt = safetensorsTypes().find(dtypeName);
        if (dt == safetensorsTypes().end())
            throw bad("has unsupported dtype " + dtypeName);
        if (!info.contains("shape") || !info.at("shape").is_array() || info.at("shape").size() > 16)
            throw bad("has an invalid shape");
        // Checked: [2^32, 2^32] must not wrap to 0 elements.
        constexpr std::uint64_t kMaxElements = std::uint64_t(1) << 40;
        std::vector<std::int64_t> shape;
        std::uint64_t numel = 1;
        for (const auto &d : info.at("shape")) {
            if (!d.is_number_unsigned() || d.get<std::uint64_t>() > kMaxElements)
                throw bad("has an invalid shape");
            const auto v = d.get<std::uint64_t>();
            shape.push_back(static_cast<std::int64_t>(v));
            if (v != 0 && numel > kMaxElements / v)
                throw bad("is too large (more than 2^40 elements)");
            numel *= v;
        }
        const auto &offsets = info.contains("data_offsets") ? info.at("data_offsets") : nlohmann::json();
        if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned()
            || !offsets[1].is_number_unsigned())
            throw bad("has malformed data_offsets");
        const auto begin = offsets[0].get<std::uint64_t>();
        const auto end = offsets[1].get<std::uint64_t>();
        if (begin > end || end > dataSize)
            throw bad("has data offsets outside the file");
        if (end - begin != numel * c10::elementSize(dt->second))
            throw bad("has " + std::to_string(end - begin) + " bytes for its shape");
        if (!copyData)
            continue;
        at::Tensor t = at::empty(shape, at::TensorOptions().dtype(dt->second));
        if (end > begin)
            std::memcpy(t.data_ptr(), b.data() + dataStart + begin, end - begin);
        ordered.push_back({begin, {name, t}});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b2) { return a.first < b2.first; });
    for (auto &[offset, nt] : ordered)
        out.tensors.push_back(std::move(nt));
    return out;
}

} // namespace

Checkpoint readCheckpoint(const fs::path &path)
{
    const std::string where = path.string();
    Layout layout = Layout::Zip;
    const auto bytes = readWhole(path, where, layout);
    Checkpoint out;
    switch (layout) {
    case Layout::Zip:
        out.format = CheckpointFormat::TorchZip;
        out.tensors = readTorchZip(bytes, where);
        break;
    case Layout::Legacy:
        out.format = CheckpointFormat::TorchLegacy;
        out.tensors = readTorchLegacy(bytes, where);
        break;
    case Layout::Safetensors:
        out = readSafetensors(bytes->view(), where);
        break;
    }
    if (out.tensors.empty())
        throw Error(where + ": the checkpoint holds no tensors");
    return out;
}

void checkCheckpointStructure(const fs::path &path)
{
    const std::string where = path.string();
    Layout layout = Layout::Zip;
    const auto bytes = readWhole(path, where, layout);
    if (layout == Layout::Zip)
        (void)checkZipDirectory(bytes->view(), where);
    else if (layout == Layout::Safetensors)
        (void)readSafetensors(bytes->view(), where, false);
}

void writeSafetensors(const fs::path &path, const StateDict &tensors, const std::map<std::string, std::string> &metadata)
{
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::vector<at::Tensor> contiguous;
    std::uint64_t offset = 0;
    for (const auto &[name, tensor] : tensors) {
        std::string dtype;
        for (const auto &[n, t] : safetensorsTypes())
            if (t == tensor.scalar_type())
                dtype = n;
        if (dtype.empty())
            throw Error(path.string() + ": cannot store tensor " + name + " of this dtype in safetensors");
        at::Tensor c = tensor.detach().to(at::kCPU).contiguous();
        const std::uint64_t bytes = static_cast<std::uint64_t>(c.numel()) * c.element_size();
        header[name] = {{"dtype", dtype}, {"shape", c.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        contiguous.push_back(c);
    }
    std::string head = header.dump();
    while ((head.size() + 8) % 8)
        head.push_back(' ');
    std::string out;
    out.reserve(8 + head.size() + offset);
    for (int k = 0; k < 8; ++k)
        out.push_back(static_cast<char>((static_cast<std::uint64_t>(head.size()) >> (8 * k)) & 0xff));
    out += head;
    for (const auto &c : contiguous)
        out.append(static_cast<const char *>(c.data_ptr()), static_cast<std::size_t>(c.numel() * c.element_size()));
    writeFileAtomically(path, out);
}

std::string shapeText(at::IntArrayRef shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? "," : "") + std::to_string(shape[i]);
    return s + "]";
}

void checkTensors(const std::map<std::string, at::Tensor> &loaded, const std::vector<TensorSpec> &expected,
                  const std::string &where, bool (*ignored)(const std::string &))
{
    std::set<std::string> names;
    for (const auto &p : expected) {
        names.insert(p.name);
        const auto it = loaded.find(p.name);
        if (it == loaded.end())
            throw Error(where + "missing key " + p.name);
        if (it->second.sizes().vec() != p.shape)
            throw Error(where + "shape of " + p.name + " is " + shapeText(it->second.sizes()) + ", expected "
                        + shapeText(p.shape));
    }
    for (const auto &[name, tensor] : loaded)
        if (!names.count(name) && !(ignored && ignored(name)))
            throw Error(where + "unexpected key " + name);
}

} // namespace s2s
