#!/usr/bin/env python3
"""A PyTorch training run for `dyno exec` on a GPU (not run in Dyno's CI: it needs torch and
torchvision, and a CUDA GPU to mean much).

It trains a small CNN on CIFAR-10-shaped data for a fixed number of steps and prints its
metrics as JSON lines Dyno reads: {"dyno": {"step": 120, "loss": 0.31, "accuracy": 0.97}}.
The flags are the knobs an efficiency pass turns:

  --batch N          batch size (default 128)
  --amp              mixed precision (torch.autocast, bfloat16 on Ampere and later, else float16 + GradScaler)
  --compile          torch.compile the model (the first steps include compilation: use dyno exec --warmup 1)
  --steps N          optimisation steps (default 300)
  --synthetic        random tensors instead of downloading CIFAR-10 (measures the GPU, not the disk)

Examples:
  dyno exec -r 5 -w 1 --target accuracy>=0.6 -- python3 examples/pytorch-train.py --amp
  dyno exec -r 3 --param batch=64,128,256 --param amp=--amp,--no-amp -- python3 examples/pytorch-train.py --batch {batch} {amp}
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def report(**metrics):
    print(json.dumps({"dyno": metrics}), flush=True)


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 64, 3, padding=1)
        self.c2 = nn.Conv2d(64, 128, 3, padding=1)
        self.c3 = nn.Conv2d(128, 256, 3, padding=1)
        self.fc = nn.Linear(256 * 4 * 4, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        x = F.max_pool2d(F.relu(self.c3(x)), 2)
        return self.fc(torch.flatten(x, 1))


def batches(args, device):
    if args.synthetic:
        # A fixed random "dataset" with a learnable rule: the label is the argmax of 10 fixed projections.
        g = torch.Generator(device="cpu").manual_seed(0)
        proj = torch.randn(3 * 32 * 32, 10, generator=g)
        while True:
            x = torch.randn(args.batch, 3, 32, 32, generator=g)
            y = (x.flatten(1) @ proj).argmax(1)
            yield x.to(device, non_blocking=True), y.to(device, non_blocking=True)
    import torchvision
    import torchvision.transforms as T

    data = torchvision.datasets.CIFAR10(args.data, train=True, download=True, transform=T.Compose([T.ToTensor(), T.Normalize((0.5,) * 3, (0.5,) * 3)]))
    loader = torch.utils.data.DataLoader(data, batch_size=args.batch, shuffle=True, num_workers=4, pin_memory=True, drop_last=True)
    while True:
        for x, y in loader:
            yield x.to(device, non_blocking=True), y.to(device, non_blocking=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--amp", action=argparse.BooleanOptionalAction, default=False)
    p.add_argument("--compile", action=argparse.BooleanOptionalAction, default=False)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--synthetic", action="store_true")
    p.add_argument("--data", default="./data")
    args = p.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(0)
    model = SmallCnn().to(device).to(memory_format=torch.channels_last)
    if args.compile:
        model = torch.compile(model)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    bf16 = device == "cuda" and torch.cuda.is_bf16_supported()
    amp_dtype = torch.bfloat16 if bf16 else torch.float16
    scaler = torch.amp.GradScaler(device, enabled=args.amp and not bf16)

    start = time.perf_counter()
    seen = correct = 0
    for step, (x, y) in zip(range(1, args.steps + 1), batches(args, device)):
        x = x.contiguous(memory_format=torch.channels_last)
        with torch.autocast(device_type=device, dtype=amp_dtype, enabled=args.amp):
            out = model(x)
            loss = F.cross_entropy(out, y)
        opt.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
        correct += (out.argmax(1) == y).sum().item() if step % 10 == 0 else 0
        seen += y.numel() if step % 10 == 0 else 0
        if step % 10 == 0:
            # The accuracy of this step's batch: noisy, but enough for time-to-target.
            report(step=step, loss=loss.item(), accuracy=correct / max(seen, 1), samples_per_s=step * args.batch / (time.perf_counter() - start))
            seen = correct = 0
    if device == "cuda":
        report(step=args.steps, peak_gpu_mem_mib=torch.cuda.max_memory_allocated() / 2**20)


if __name__ == "__main__":
    main()
