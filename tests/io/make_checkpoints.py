"""Writes checkpoint fixtures in every format the reader must handle, plus reference checksums.

Usage: make_checkpoints.py OUT_DIR   (needs Debian's python3-torch and python3-torchvision)
"""
import collections
import json
import os
import struct
import sys

import torch
import torch.serialization
import torchvision

out = sys.argv[1]
torch.manual_seed(0)
refs = {}


def record(name, sd):
    refs[name] = {k: {"sum": float(v.double().sum()), "first": float(v.reshape(-1)[0].double()) if v.numel() else 0.0,
                      "shape": list(v.shape), "dtype": str(v.dtype)} for k, v in sd.items()}


def save(name, obj, flat, **kw):
    torch.save(obj, os.path.join(out, name), **kw)
    record(name, flat)


# Plain dict (what torch::pickle_load can read too).
plain = {"a": torch.randn(3, 4), "b": torch.arange(10, dtype=torch.int64)}
save("plain.pt", plain, plain)

# OrderedDict state_dict with _metadata (torchvision resnet18).
sd = torchvision.models.resnet18().state_dict()
save("resnet18.pth", sd, sd)

# {"model": OrderedDict} with a single SETITEM, as SAM 2 checkpoints are.
model = collections.OrderedDict([("w", torch.randn(5, 5)), ("n.b", torch.randn(5))])
save("wrapped.pt", {"model": model}, model)

# Half, bfloat16, views sharing one storage, non-contiguous tensors.
base = torch.randn(6, 8)
mixed = collections.OrderedDict([("half", torch.randn(4, 4).half()), ("bf16", torch.randn(7).bfloat16()),
                                 ("view", base[2:4]), ("transposed", base.t()), ("base", base)])
save("mixed.pt", mixed, mixed)

# Legacy (pre-1.6) format, as torchvision's wide_resnet50_2-95faca4d.pth.
mn = torchvision.models.mobilenet_v2().state_dict()
save("legacy.pth", mn, mn, _use_new_zipfile_serialization=False)
legacy_views = collections.OrderedDict([("view", base[1:3]), ("base", base)])
save("legacy_views.pth", legacy_views, legacy_views, _use_new_zipfile_serialization=False)

# Storages tagged cuda:0 (written on a CPU-only machine by faking the location tag).
orig = torch.serialization.location_tag
torch.serialization.location_tag = lambda storage: "cuda:0"
cuda = {"x": torch.randn(3, 3), "y": torch.randn(2)}
save("cuda.pt", cuda, cuda)
torch.serialization.location_tag = orig

# SimpleNet's ckpt.pth: a dict of two OrderedDicts.
disc = collections.OrderedDict([("body.block1.0.weight", torch.randn(4, 6)), ("tail.weight", torch.randn(1, 4))])
proj = collections.OrderedDict([("layers.0fc.weight", torch.randn(6, 6))])
flat = {"discriminator." + k: v for k, v in disc.items()}
flat.update({"pre_projection." + k: v for k, v in proj.items()})
save("simplenet_ckpt.pth", {"discriminator": disc, "pre_projection": proj}, flat)


# A pickle that would run os.system if it were unpickled with pickle.load.
class Evil:
    def __reduce__(self):
        return (os.system, ("touch " + os.path.join(out, "pwned"),))


torch.save({"evil": Evil()}, os.path.join(out, "evil.pt"))

# Zip layouts that made libtorch's PyTorchStreamReader throw std::out_of_range (a version too large for
# std::stoull) or leak (no top folder): found by fuzz_checkpoint.
import zipfile
src = zipfile.ZipFile(os.path.join(out, "plain.pt"))
for name, version, flat_names in [("bigver.pt", b"99999999999999999999999", False), ("badver.pt", b"abc", False),
                                  ("newver.pt", b"99", False),
                                  ("nodir.pt", None, True)]:
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_STORED) as z:
        for n in src.namelist():
            data = src.read(n)
            if n.endswith("/version") and version is not None:
                data = version
            z.writestr(n.split("/", 1)[1].replace("/", "_") if flat_names else n, data)

# Zip layouts the reader's own directory check refuses: a name stored twice (which copy would be read?),
# a compressed version record, and an entry compressed with a method the stream reader cannot inflate.
import warnings
for name in ("dupname.pt", "deflver.pt", "bzip2.pt"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name, which is the point
        with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_STORED) as z:
            for n in src.namelist():
                method = zipfile.ZIP_STORED
                if name == "deflver.pt" and n.endswith("/version"):
                    method = zipfile.ZIP_DEFLATED
                if name == "bzip2.pt" and n.endswith("data.pkl"):
                    method = zipfile.ZIP_BZIP2
                z.writestr(n, src.read(n), compress_type=method)
                if name == "dupname.pt" and n.endswith("data.pkl"):
                    z.writestr(n, src.read(n))

with open(os.path.join(out, "refs.json"), "w") as f:
    json.dump(refs, f)
