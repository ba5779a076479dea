#!/usr/bin/env python3
"""NVML's total-energy counter for one GPU, read by nvidia-ml-py (pynvml) independently of Dyno,
every --interval-ms until SIGTERM: one JSON line per reading, {"t_ms": wall clock in ms since the
epoch (the midpoint of the call), "energy_mj": the counter}. Prints "ready" once NVML answered.
Reads only; changes no GPU setting. Used by bench/gpu-check.ts."""
import argparse
import json
import signal
import sys
import time

try:
    import pynvml
except ImportError:
    print("gpu-check: python3 has no nvidia-ml-py (pip install nvidia-ml-py): the independent counter cannot be read", file=sys.stderr)
    sys.exit(3)

parser = argparse.ArgumentParser()
parser.add_argument("--gpu", type=int, default=0)
parser.add_argument("--interval-ms", type=float, default=10)
parser.add_argument("--out", required=True)
args = parser.parse_args()

try:
    pynvml.nvmlInit()
    handle = pynvml.nvmlDeviceGetHandleByIndex(args.gpu)
    pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)
except pynvml.NVMLError as err:
    print(f"gpu-check: NVML via nvidia-ml-py, GPU {args.gpu}: {err}", file=sys.stderr)
    sys.exit(3)

stopping = False


def stop(*_):
    global stopping
    stopping = True


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
with open(args.out, "w", encoding="utf-8") as out:
    print("ready", flush=True)
    while not stopping:
        before = time.time()
        mj = pynvml.nvmlDeviceGetTotalEnergyConsumption(handle)
        after = time.time()
        out.write(json.dumps({"t_ms": (before + after) * 500, "energy_mj": mj}) + "\n")
        time.sleep(args.interval_ms / 1000)
pynvml.nvmlShutdown()
