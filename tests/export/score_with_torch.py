"""Scores images with an exported Sam2Sim model in Python, as a PyTorch user or a Triton client would.

Usage: score_with_torch.py MODEL.pt OUT_DIR IMAGE... [--batch N]
Writes OUT_DIR/scores.csv (path,score) and OUT_DIR/maps.f32 (raw float32, N x S x S) for tst_export.
Only torch and OpenCV: the preprocessing is read from the model's extra file preprocess.json.
"""
import json
import sys

import cv2
import numpy as np
import torch


def preprocess(path, pre):
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    x = torch.from_numpy(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).permute(2, 0, 1)[None].float() / 255.0
    h, w = x.shape[2], x.shape[3]
    s, c = pre["resize_shorter_side"], pre["center_crop"]
    size = [s, int(s * w / h)] if h <= w else [int(s * h / w), s]
    x = torch.nn.functional.interpolate(x, size=size, mode="bilinear", align_corners=False, antialias=True)
    top, left = round((size[0] - c) / 2), round((size[1] - c) / 2)
    x = x[:, :, top:top + c, left:left + c]
    mean = torch.tensor(pre["mean"], dtype=torch.float32).reshape(1, 3, 1, 1)
    std = torch.tensor(pre["std"], dtype=torch.float32).reshape(1, 3, 1, 1)
    return ((x - mean) / std)[0]


def main(argv):
    batch = 4
    if "--batch" in argv:
        i = argv.index("--batch")
        batch = int(argv[i + 1])
        del argv[i:i + 2]
    model_path, out_dir, images = argv[1], argv[2], argv[3:]
    extra = {"preprocess.json": ""}
    model = torch.jit.load(model_path, _extra_files=extra)
    pre = json.loads(extra["preprocess.json"])["preprocessing"]
    scores, maps = [], []
    with torch.inference_mode():
        for start in range(0, len(images), batch):
            x = torch.stack([preprocess(p, pre) for p in images[start:start + batch]])
            s, m = model(x)
            scores += s.tolist()
            maps.append(m.numpy())
    with open(out_dir + "/scores.csv", "w") as f:
        f.write("path,score\n")
        for p, s in zip(images, scores):
            f.write("%s,%.8g\n" % (p, s))
    np.concatenate(maps).astype(np.float32).tofile(out_dir + "/maps.f32")


if __name__ == "__main__":
    main(sys.argv)
