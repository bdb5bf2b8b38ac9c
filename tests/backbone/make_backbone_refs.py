"""Reference outputs for the native backbones, written with torchvision (random weights).

Usage: make_backbone_refs.py OUT_DIR
Writes wrn.pth (legacy format), mbv2.pth (zip), image.png, and refs.safetensors holding the taps,
the SimpleNet patch features (official chain: unfold, layer-3 alignment, adaptive pooling) and the
preprocessed image, computed independently of the C++ code.
"""
import json
import os
import struct
import sys

import cv2
import numpy as np
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms.functional as TF

out = sys.argv[1]
torch.manual_seed(0)


def randomise_bn(model):
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
    return model.eval()


def simplenet_features(f2, f3):
    """The official SimpleNet patch-feature chain, written from its description."""
    def patches(f):
        b, c, h, w = f.shape
        u = F.unfold(f, kernel_size=3, padding=1, stride=1)
        return u.reshape(b, c, 3, 3, h * w).permute(0, 4, 1, 2, 3), (h, w)
    p2, (h, w) = patches(f2)
    p3, (h3, w3) = patches(f3)
    b, c3 = f3.shape[0], f3.shape[1]
    p3 = p3.reshape(b, h3, w3, c3, 3, 3).permute(0, 3, 4, 5, 1, 2).reshape(-1, h3, w3)
    p3 = F.interpolate(p3.unsqueeze(1), size=(h, w), mode="bilinear", align_corners=False).squeeze(1)
    p3 = p3.reshape(b, c3, 3, 3, h, w).permute(0, 4, 5, 1, 2, 3).reshape(b, h * w, c3, 3, 3)
    feats = []
    for p in (p2, p3):
        p = p.reshape(-1, *p.shape[2:])
        feats.append(F.adaptive_avg_pool1d(p.reshape(len(p), 1, -1), 1536).squeeze(1))
    joint = torch.stack(feats, dim=1)
    pooled = F.adaptive_avg_pool1d(joint.reshape(len(joint), 1, -1), 1536).reshape(len(joint), -1)
    return pooled.reshape(b, h, w, 1536).permute(0, 3, 1, 2)


tensors = {}
x = torch.randn(1, 3, 288, 288)
tensors["input"] = x

wrn = randomise_bn(torchvision.models.wide_resnet50_2())
torch.save(wrn.state_dict(), os.path.join(out, "wrn.pth"), _use_new_zipfile_serialization=False)
with torch.no_grad():
    y = wrn.maxpool(wrn.relu(wrn.bn1(wrn.conv1(x))))
    y = wrn.layer1(y)
    f2 = wrn.layer2(y)
    f3 = wrn.layer3(f2)
tensors["wrn.f2"], tensors["wrn.f3"] = f2, f3
tensors["wrn.features"] = simplenet_features(f2, f3)

mb = randomise_bn(torchvision.models.mobilenet_v2())
torch.save(mb.state_dict(), os.path.join(out, "mbv2.pth"))
with torch.no_grad():
    y = x
    for i in range(14):
        y = mb.features[i](y)
        if i == 6:
            m2 = y
    m3 = y
tensors["mbv2.f2"], tensors["mbv2.f3"] = m2, m3
tensors["mbv2.features"] = simplenet_features(m2, m3)

rng = np.random.default_rng(0)
img = (rng.random((300, 340, 3)) * 255).astype(np.uint8)
img = cv2.GaussianBlur(img, (5, 5), 0)
cv2.imwrite(os.path.join(out, "image.png"), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
t = torch.from_numpy(img).permute(2, 0, 1).float().div(255)
t = TF.resize(t, 329, antialias=True)
t = TF.center_crop(t, 288)
t = TF.normalize(t, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
tensors["preprocessed"] = t

header, blobs, offset = {}, [], 0
for k, v in tensors.items():
    b = v.detach().contiguous().float().numpy().tobytes()
    header[k] = {"dtype": "F32", "shape": list(v.shape), "data_offsets": [offset, offset + len(b)]}
    blobs.append(b)
    offset += len(b)
h = json.dumps(header).encode()
h += b" " * ((8 - (len(h) + 8) % 8) % 8)
with open(os.path.join(out, "refs.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
