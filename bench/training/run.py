"""PyTorch's side of bench/training.sh: the same measurements as `SafeCompletions.Bench training`, one JSON line each.

  run.py logits DIR [--threads N]          compares with DIR/ours-logits.bin (float32 [length, vocab])
  run.py train DIR [--threads N] [--batch B] [--steps S] [--warmup W] [--rank R]
  run.py generate DIR [--threads N] [--prompt-tokens P] [--new-tokens K] [--repeats R]
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from llama import KvCache, Llama  # noqa: E402


def peak_resident_kb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


def blas():
    """The BLAS library torch's matrix products went to, as mapped into this process."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line.split()[-1]}
    return sorted(paths)[0] if paths else "none"


def sequence(directory):
    with open(os.path.join(directory, "sequence.json")) as f:
        s = json.load(f)
    return s["ids"], s["labels"]


def logits(args, model):
    ids, _ = sequence(args.dir)
    with torch.no_grad():
        theirs = model.forward(torch.tensor([ids]))[0]
    with open(os.path.join(args.dir, "ours-logits.bin"), "rb") as f:
        ours = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).view(theirs.shape)
    return {"task": "logits", "max_abs_diff": (ours - theirs).abs().max().item(), "max_abs_logit": theirs.abs().max().item(),
            "same_argmax_share": (ours.argmax(-1) == theirs.argmax(-1)).float().mean().item()}


def train(args, model):
    """One LoRA SFT step as SftTrainer makes it: forward, the summed completion-token loss over the trained-token count, backward, clipping to norm 1, AdamW."""
    ids, labels = sequence(args.dir)
    ids, labels = torch.tensor([ids] * args.batch), torch.tensor([labels] * args.batch)
    trained = int((labels != -100).sum())
    params = model.attach_lora(args.rank, 2 * args.rank)
    optimizer = torch.optim.AdamW(params, lr=2e-4, weight_decay=0.0)
    rates, losses = [], []
    for _ in range(args.warmup + args.steps):
        began = time.perf_counter()
        out = model.forward(ids)
        loss = F.cross_entropy(out.view(-1, out.shape[-1]), labels.view(-1), ignore_index=-100, reduction="sum") / trained
        loss.backward()
        losses.append(loss.item())
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad()
        rates.append(ids.numel() / (time.perf_counter() - began))
    timed = rates[args.warmup:]
    return {"task": "train", "batch": args.batch, "length": ids.shape[1], "rank": args.rank, "tokens_per_s": statistics.median(timed),
            "samples": [round(r, 1) for r in timed], "first_loss": losses[0], "last_loss": losses[-1]}


def generate_once(model, prompt, new_tokens):
    """Greedy decoding with the KV cache: the prompt in one pass, then one token per step."""
    tokens = []
    with torch.no_grad():
        cache = KvCache(model.config, len(prompt) + new_tokens)
        out = model.forward(torch.tensor([prompt]), cache, last_only=True)
        while True:
            tokens.append(int(out[0, -1].argmax()))
            if len(tokens) == new_tokens:
                return tokens
            out = model.forward(torch.tensor([[tokens[-1]]]), cache, last_only=True)


def generate(args, model):
    vocab = model.config["vocab_size"]
    prompt = [(i * 37 + 11) % vocab for i in range(args.prompt_tokens)]
    generate_once(model, prompt, args.new_tokens)
    rates = []
    for _ in range(args.repeats):
        began = time.perf_counter()
        tokens = generate_once(model, prompt, args.new_tokens)
        rates.append(len(tokens) / (time.perf_counter() - began))
    return {"task": "generate", "prompt_tokens": args.prompt_tokens, "new_tokens": args.new_tokens, "tokens_per_s": statistics.median(rates),
            "samples": [round(r, 1) for r in rates], "tokens": tokens}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=["logits", "train", "generate"])
    parser.add_argument("dir")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--prompt-tokens", type=int, default=32)
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = Llama(args.dir)
    result = {"logits": logits, "train": train, "generate": generate}[args.task](args, model)
    result.update(impl="pytorch", version=torch.__version__, threads=torch.get_num_threads(), parameters=model.parameter_count(), blas=blas(), vmhwm_kb=peak_resident_kb())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
