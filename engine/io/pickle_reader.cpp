#include "engine/io/pickle_reader.h"

#include "engine/core/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <set>

namespace s2s::pickle {

namespace {

constexpr std::size_t kMaxValues = 4'000'000; // far above any state dict; bounds hostile inputs

class Machine
{
public:
    Machine(std::string_view bytes, const PersistentLoad &load, const std::string &where)
        : m_bytes(bytes)
        , m_load(load)
        , m_where(where)
    {
    }

    ValuePtr run(std::size_t &consumed);

private:
    [[noreturn]] void fail(const std::string &what) const
    {
        throw Error(m_where + ": " + what + " (pickle byte " + std::to_string(m_pos) + ")");
    }

    std::uint8_t u8()
    {
        if (m_pos >= m_bytes.size())
            fail("truncated pickle");
        return static_cast<std::uint8_t>(m_bytes[m_pos++]);
    }

    std::string_view take(std::uint64_t n)
    {
        if (n > m_bytes.size() - m_pos)
            fail("truncated pickle (declared length " + std::to_string(n) + " exceeds the data)");
        const auto out = m_bytes.substr(m_pos, n);
        m_pos += n;
        return out;
    }

    std::uint64_t uint(int n)
    {
        const auto b = take(static_cast<std::uint64_t>(n));
        std::uint64_t v = 0;
        for (int k = n - 1; k >= 0; --k)
            v = (v << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(k)]);
        return v;
    }

    std::string line()
    {
        const auto end = m_bytes.find('\n', m_pos);
        if (end == std::string_view::npos || end - m_pos > 256)
            fail("malformed GLOBAL");
        std::string out(m_bytes.substr(m_pos, end - m_pos));
        m_pos = end + 1;
        return out;
    }

    ValuePtr make(Value::Kind kind)
    {
        if (++m_created > kMaxValues)
            fail("too many objects");
        auto v = std::make_shared<Value>();
        v->kind = kind;
        return v;
    }

    void push(ValuePtr v) { m_stack.push_back(std::move(v)); }

    ValuePtr pop()
    {
        if (m_stack.size() <= floor())
            fail("stack underflow");
        auto v = std::move(m_stack.back());
        m_stack.pop_back();
        return v;
    }

    ValuePtr &top()
    {
        if (m_stack.size() <= floor())
            fail("stack underflow");
        return m_stack.back();
    }

    std::size_t floor() const { return m_marks.empty() ? 0 : m_marks.back(); }

    std::vector<ValuePtr> popToMark()
    {
        if (m_marks.empty())
            fail("MARK missing");
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<ValuePtr> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }

    void memoPut(std::uint64_t index)
    {
        if (m_stack.empty())
            fail("memo put on an empty stack");
        if (index > kMaxValues)
            fail("memo index too large");
        m_memo[index] = m_stack.back();
    }

    ValuePtr memoGet(std::uint64_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail("memo key " + std::to_string(index) + " not defined");
        return it->second;
    }

    // Puts `child` into `container`: refuses a container that holds itself, mutating a container that
    // is already held elsewhere (the only way to build a cycle or to deepen a tree behind its depth
    // record; torch.save never does either) and nesting deeper than kMaxDepth.
    void adopt(Value &container, Value &child)
    {
        if (&child == &container || container.contained)
            fail("self-referencing pickle structure");
        if (child.depth + 1 > kMaxDepth)
            fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        container.depth = std::max(container.depth, child.depth + 1);
        child.contained = true;
    }

    void setItems(const ValuePtr &dict, const std::vector<ValuePtr> &kv)
    {
        if (dict->kind != Value::Kind::Dict)
            fail("SETITEM on a non-dict");
        if (kv.size() % 2)
            fail("odd number of items in SETITEMS");
        for (std::size_t k = 0; k < kv.size(); k += 2) {
            adopt(*dict, *kv[k]);
            adopt(*dict, *kv[k + 1]);
            dict->dict.emplace_back(kv[k], kv[k + 1]);
        }
    }

    void append(const ValuePtr &list, const ValuePtr &item)
    {
        adopt(*list, *item);
        list->items.push_back(item);
    }

    ValuePtr tuple(std::vector<ValuePtr> items)
    {
        auto t = make(Value::Kind::Tuple);
        for (const auto &item : items)
            adopt(*t, *item);
        t->items = std::move(items);
        return t;
    }

    ValuePtr global(const std::string &module, const std::string &name);
    ValuePtr reduce(const ValuePtr &callable, const ValuePtr &args);
    std::vector<std::int64_t> intTuple(const ValuePtr &v, const char *what);

    std::string_view m_bytes;
    const PersistentLoad &m_load;
    std::string m_where;
    std::size_t m_pos = 0;
    std::size_t m_created = 0;
    std::vector<ValuePtr> m_stack;
    std::vector<std::size_t> m_marks;
    std::map<std::uint64_t, ValuePtr> m_memo;
};

ValuePtr Machine::global(const std::string &module, const std::string &name)
{
    static const std::set<std::string> allowed = {
        "collections.OrderedDict",       "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
        "torch.FloatStorage",            "torch.HalfStorage",
        "torch.BFloat16Storage",         "torch.DoubleStorage",
        "torch.LongStorage",             "torch.IntStorage",
        "torch.ShortStorage",            "torch.CharStorage",
        "torch.ByteStorage",             "torch.BoolStorage",
    };
    const std::string full = module + "." + name;
    if (!allowed.count(full))
        fail("refuses pickle global " + full + " (only state-dict contents are accepted)");
    auto v = make(Value::Kind::Global);
    v->s = full;
    return v;
}

std::vector<std::int64_t> Machine::intTuple(const ValuePtr &v, const char *what)
{
    if (v->kind != Value::Kind::Tuple && v->kind != Value::Kind::List)
        fail(std::string("tensor ") + what + " is not a tuple");
    std::vector<std::int64_t> out;
    for (const auto &item : v->items) {
        if (item->kind != Value::Kind::Int || item->i < 0)
            fail(std::string("tensor ") + what + " holds a negative or non-integer value");
        out.push_back(item->i);
    }
    if (out.size() > 16)
        fail(std::string("tensor ") + what + " has too many dimensions");
    return out;
}

ValuePtr Machine::reduce(const ValuePtr &callable, const ValuePtr &args)
{
    if (callable->kind != Value::Kind::Global)
        fail("REDUCE of a non-callable");
    if (args->kind != Value::Kind::Tuple)
        fail("REDUCE arguments are not a tuple");
    const std::string &name = callable->s;
    if (name == "collections.OrderedDict")
        return make(Value::Kind::Dict);
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
        if (args->items.empty() || args->items[0]->kind != Value::Kind::Tensor)
            fail("_rebuild_parameter without a tensor");
        return args->items[0];
    }
    if (name == "torch._utils._rebuild_tensor_v2") {
        if (args->items.size() < 4 || args->items[0]->kind != Value::Kind::Storage
            || args->items[1]->kind != Value::Kind::Int || args->items[1]->i < 0)
            fail("malformed _rebuild_tensor_v2 arguments");
        auto t = make(Value::Kind::Tensor);
        t->tensorStorage = args->items[0]->storage;
        t->offset = args->items[1]->i;
        t->sizes = intTuple(args->items[2], "size");
        t->strides = intTuple(args->items[3], "stride");
        if (t->sizes.size() != t->strides.size())
            fail("tensor size and stride differ in length");
        return t;
    }
    fail("cannot call " + name);
}

ValuePtr Machine::run(std::size_t &consumed)
{
    while (true) {
        const std::uint8_t op = u8();
        switch (op) {
        case 0x80: u8(); break;                     // PROTO
        case 0x95: uint(8); break;                  // FRAME
        case '}': push(make(Value::Kind::Dict)); break;
        case ')': push(make(Value::Kind::Tuple)); break;
        case ']': push(make(Value::Kind::List)); break;
        case '(':
            if (m_marks.size() > 10000)
                fail("nesting too deep");
            m_marks.push_back(m_stack.size());
            break;
        case 'q': memoPut(u8()); break;
        case 'r': memoPut(uint(4)); break;
        case 0x94: memoPut(m_memo.size()); break;   // MEMOIZE
        case 'h': push(memoGet(u8())); break;
        case 'j': push(memoGet(uint(4))); break;
        case 'J': {
            auto v = make(Value::Kind::Int);
            v->i = static_cast<std::int32_t>(static_cast<std::uint32_t>(uint(4)));
            push(v);
            break;
        }
        case 'K': { auto v = make(Value::Kind::Int); v->i = u8(); push(v); break; }
        case 'M': { auto v = make(Value::Kind::Int); v->i = static_cast<std::int64_t>(uint(2)); push(v); break; }
        case 0x8a: {                                 // LONG1
            const std::uint8_t n = u8();
            const auto b = take(n);
            auto v = make(Value::Kind::Int);
            if (n > 8) {
                // Only the legacy magic number is this long; keep its low 64 bits.
                std::uint64_t low = 0;
                for (int k = 7; k >= 0; --k)
                    low = (low << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(k)]);
                v->i = static_cast<std::int64_t>(low);
            } else if (n > 0) {
                std::uint64_t x = 0;
                for (int k = n - 1; k >= 0; --k)
                    x = (x << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(k)]);
                if (n < 8 && (static_cast<std::uint8_t>(b[n - 1]) & 0x80))
                    x |= ~std::uint64_t(0) << (8 * n); // sign-extend
                v->i = static_cast<std::int64_t>(x);
            }
            push(v);
            break;
        }
        case 'G': {
            const auto b = take(8);
            std::uint64_t bits = 0;
            for (int k = 0; k < 8; ++k)
                bits = (bits << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(k)]);
            auto v = make(Value::Kind::Float);
            std::memcpy(&v->f, &bits, 8);
            push(v);
            break;
        }
        case 'X': case 'T': case 'B': {
            auto v = make(Value::Kind::String);
            v->s = std::string(take(uint(4)));
            push(v);
            break;
        }
        case 0x8c: case 'U': case 'C': {
            auto v = make(Value::Kind::String);
            v->s = std::string(take(u8()));
            push(v);
            break;
        }
        case 'N': push(make(Value::Kind::None)); break;
        case 0x88: case 0x89: {
            auto v = make(Value::Kind::Bool);
            v->i = op == 0x88;
            push(v);
            break;
        }
        case 't': push(tuple(popToMark())); break;
        case 0x85: { auto a = pop(); push(tuple({a})); break; }
        case 0x86: { auto b = pop(); auto a = pop(); push(tuple({a, b})); break; }
        case 0x87: { auto c = pop(); auto b = pop(); auto a = pop(); push(tuple({a, b, c})); break; }
        case 'l': {
            auto l = make(Value::Kind::List);
            for (const auto &item : popToMark())
                append(l, item);
            push(l);
            break;
        }
        case 'd': { auto d = make(Value::Kind::Dict); setItems(d, popToMark()); push(d); break; }
        case 'a': {
            auto v = pop();
            auto &l = top();
            if (l->kind != Value::Kind::List)
                fail("APPEND to a non-list");
            append(l, v);
            break;
        }
        case 'e': {
            auto items = popToMark();
            auto &l = top();
            if (l->kind != Value::Kind::List)
                fail("APPENDS to a non-list");
            for (const auto &item : items)
                append(l, item);
            break;
        }
        case 'c': {
            const std::string module = line();
            const std::string name = line();
            push(global(module, name));
            break;
        }
        case 0x93: {                                 // STACK_GLOBAL
            auto name = pop();
            auto module = pop();
            if (name->kind != Value::Kind::String || module->kind != Value::Kind::String)
                fail("malformed STACK_GLOBAL");
            push(global(module->s, name->s));
            break;
        }
        case 'R': { auto args = pop(); auto callable = pop(); push(reduce(callable, args)); break; }
        case 'Q': {                                  // BINPERSID
            auto pid = pop();
            auto v = make(Value::Kind::Storage);
            v->storage = m_load(*pid);
            push(v);
            break;
        }
        case 's': {
            auto value = pop();
            auto key = pop();
            setItems(top(), {key, value});
            break;
        }
        case 'u': {
            auto kv = popToMark();
            setItems(top(), kv);
            break;
        }
        case 'b': {                                  // BUILD: state of OrderedDict (_metadata) is dropped
            pop();
            const auto kind = top()->kind;
            if (kind != Value::Kind::Dict && kind != Value::Kind::Tensor)
                fail("BUILD on an unsupported object");
            break;
        }
        case '.': {
            if (m_stack.size() != 1 || !m_marks.empty())
                fail("malformed pickle end");
            consumed = m_pos;
            return m_stack.back();
        }
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            fail(std::string("unknown or unsupported pickle opcode ") + hex);
        }
        }
        if (m_stack.size() > kMaxValues)
            fail("stack too deep");
    }
}

} // namespace

Value::~Value()
{
    // Children whose last owner is this value are taken apart here, one at a time, instead of by their
    // own destructors recursively.
    std::vector<ValuePtr> pending;
    const auto release = [&pending](Value &v) {
        for (auto &item : v.items)
            pending.push_back(std::move(item));
        for (auto &[key, value] : v.dict) {
            pending.push_back(std::move(key));
            pending.push_back(std::move(value));
        }
        v.items.clear();
        v.dict.clear();
    };
    release(*this);
    while (!pending.empty()) {
        ValuePtr v = std::move(pending.back());
        pending.pop_back();
        if (v && v.use_count() == 1)
            release(*v);
    }
}

ValuePtr unpickle(std::string_view bytes, std::size_t &consumed, const PersistentLoad &persistentLoad,
                  const std::string &where)
{
    Machine machine(bytes, persistentLoad, where);
    return machine.run(consumed);
}

at::ScalarType storageDtype(const std::string &global, const std::string &where)
{
    static const std::map<std::string, at::ScalarType> types = {
        {"torch.FloatStorage", at::kFloat},   {"torch.HalfStorage", at::kHalf},
        {"torch.BFloat16Storage", at::kBFloat16}, {"torch.DoubleStorage", at::kDouble},
        {"torch.LongStorage", at::kLong},     {"torch.IntStorage", at::kInt},
        {"torch.ShortStorage", at::kShort},   {"torch.CharStorage", at::kChar},
        {"torch.ByteStorage", at::kByte},     {"torch.BoolStorage", at::kBool},
    };
    const auto it = types.find(global);
    if (it == types.end())
        throw Error(where + ": unsupported storage type " + global);
    return it->second;
}

at::Tensor materialise(const Value &t, const std::string &where)
{
    const auto &blob = t.tensorStorage;
    if (!blob)
        throw Error(where + ": tensor without storage");
    const StorageBlob *base = blob->root ? blob->root.get() : blob.get();
    const std::int64_t baseOffset = blob->root ? blob->rootOffset : 0;
    if (!base->data && base->numel > 0)
        throw Error(where + ": storage " + blob->key + " has no data");
    // Extent check: the furthest element must lie inside the storage (also guards overflow).
    std::int64_t numel = 1, last = t.offset;
    for (std::size_t d = 0; d < t.sizes.size(); ++d) {
        if (t.sizes[d] == 0)
            numel = 0;
        else if (t.sizes[d] > (std::int64_t(1) << 40) || t.strides[d] > (std::int64_t(1) << 40))
            throw Error(where + ": tensor dimensions out of range");
        else {
            numel *= t.sizes[d];
            last += (t.sizes[d] - 1) * t.strides[d];
        }
        if (numel > (std::int64_t(1) << 40))
            throw Error(where + ": tensor too large");
    }
    const auto options = at::TensorOptions().dtype(blob->dtype);
    if (numel == 0)
        return at::empty(t.sizes, options);
    if (last >= blob->numel || baseOffset + blob->numel > base->numel)
        throw Error(where + ": tensor in storage " + blob->key + " reaches past the storage's end");
    const auto elementSize = static_cast<std::int64_t>(c10::elementSize(blob->dtype));
    void *data = const_cast<std::uint8_t *>(base->data) + baseOffset * elementSize;
    return at::from_blob(data, {blob->numel}, options).as_strided(t.sizes, t.strides, t.offset)
        .clone(at::MemoryFormat::Contiguous);
}

} // namespace s2s::pickle
