"""Writes a random-weight SAM 2.1 checkpoint in the official layout ({"model": OrderedDict}, 471 tensors).

Key names and shapes come from data/sam2.1_hiera_tiny_keys.txt (the state dict of SAM2Base built from
the 2.1 tiny YAML). Values are seeded, so the file is identical for a given torch build.
Usage: make_sam2_checkpoint.py OUT.pt [SEED]
"""
import collections
import math
import os
import sys

import torch


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    keys = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "sam2.1_hiera_tiny_keys.txt")
    gen = torch.Generator().manual_seed(seed)
    state = collections.OrderedDict()
    for line in open(keys):
        name, shape = line.split()
        shape = [int(s) for s in shape.split(",")] if shape else []
        noise = torch.randn(shape, generator=gen)
        if name.endswith("positional_encoding_gaussian_matrix"):
            value = noise  # the real buffer is N(0, 1) too
        elif name.endswith(".weight") and len(shape) >= 2 and "embed" not in name and "token" not in name:
            fan_in = math.prod(shape[1:])
            value = noise / math.sqrt(fan_in)
        elif name.endswith(".weight") and len(shape) == 1:
            value = 1.0 + 0.1 * noise  # norms
        elif name.endswith(".bias"):
            value = 0.05 * noise
        else:
            value = 0.5 * noise  # position embeddings, tokens, prompt embeddings
        state[name] = value.contiguous()
    torch.save({"model": state}, out)


if __name__ == "__main__":
    main()
