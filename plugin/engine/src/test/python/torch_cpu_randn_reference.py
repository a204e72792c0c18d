#!/usr/bin/env python3
"""Regenerates plugin/engine/src/test/resources/dev/stepcast/engine/torch-cpu-randn.json, the torch reference that
TorchCpuNormalTest checks Stepcast's `torch-cpu` noise source against (CI has no torch; it only reads the JSON).

Run with a CPU build of torch on an x86-64 machine with AVX2 (torch then uses its AVX2 normal kernel, the one
`torch-cpu` follows):

    python3 plugin/engine/src/test/python/torch_cpu_randn_reference.py > \
        plugin/engine/src/test/resources/dev/stepcast/engine/torch-cpu-randn.json

Each case is one generator, torch.Generator().manual_seed(seed), and a list of successive torch.randn draws from it
(float32). Each draw is recorded by the SHA-256 of its float32 little-endian bytes, its first 8 values and the
values at a few offsets (exact float32 values, printed as the shortest decimal of their double).

"global_cases" are the same for torch's global generator after torch.manual_seed(seed), drawn with
torch.randn(shape) and no generator, as diffusers' schedulers draw Euler a / LCM step noise when the ONNX pipeline
calls scheduler.step without one: Stepcast's --diffusers mode must draw exactly these.
"""
import hashlib
import json
import sys

import numpy as np
import torch

CASES = [
    (0, [[16], [17], [31], [100]]),
    (0, [[1, 4, 64, 64], [1, 4, 64, 64]]),
    (1, [[4, 4], [5], [16], [3], [33]]),
    (42, [[100], [1, 4, 128, 128]]),
    (1234, [[1, 4, 96, 80], [1, 4, 97, 65], [15], [47]]),
    (4294967295, [[1, 4, 64, 64]]),
    ((1 << 32) + 5, [[64], [1, 4, 72, 56]]),
    (184917666, [[2, 4, 64, 64], [1, 4, 64, 64], [1, 4, 64, 64]]),
    (67280421310721, [[1, 4, 64, 64], [1, 4, 64, 64], [1, 4, 64, 64]]),
]

GLOBAL_CASES = [
    (42, [[1, 4, 64, 64]] * 4),
    (3, [[1, 4, 8, 8]] * 3),
]


def draw_record(shape, values):
    flat = values.astype("<f4").reshape(-1)
    n = flat.size
    offsets = sorted({n // 2, n - 17, n - 16, n - 1} - set(range(8)))
    return {
        "shape": shape,
        "sha256": hashlib.sha256(flat.tobytes()).hexdigest(),
        "first": [float(v) for v in flat[:8]],
        "at": {str(i): float(flat[i]) for i in offsets if 0 <= i < n},
    }


def main():
    cases = []
    for seed, shapes in CASES:
        g = torch.Generator().manual_seed(seed)
        draws = [draw_record(s, torch.randn(s, generator=g, dtype=torch.float32).numpy()) for s in shapes]
        cases.append({"seed": seed, "draws": draws})
    global_cases = []
    for seed, shapes in GLOBAL_CASES:
        torch.manual_seed(seed)
        draws = [draw_record(s, torch.randn(s, dtype=torch.float32).numpy()) for s in shapes]
        global_cases.append({"seed": seed, "draws": draws})
    out = {
        "torch": torch.__version__,
        "cpu_capability": torch.__config__.show().split("CPU capability usage: ")[1].split("\n")[0],
        "cases": cases,
        "global_cases": global_cases,
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
