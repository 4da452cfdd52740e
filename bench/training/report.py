"""Prints bench/training.sh's table from its results file (one JSON line per measurement process).

Speeds are the median over the rounds of each process's median step; peak memory is the largest VmHWM over the
processes of that task. Exits 1 when the two implementations do not compute the same thing (logits beyond the
tolerance, a different first loss, different greedy tokens), since then the speeds are not comparable.
"""
import json
import statistics
import sys

LOGIT_TOLERANCE = 1e-4  # relative to the largest logit: both compute in float32 with different kernels and summation orders


def main(path, cores):
    rows = [json.loads(line) for line in open(path) if line.startswith("{")]
    by = lambda task, impl: [r for r in rows if r["task"] == task and r.get("impl") == impl]
    model = by("model", "ours")[0]
    logits = by("logits", "pytorch")[0]
    loads = [r["load1"] for r in rows if r["task"] == "load"]
    ours_train, torch_train = by("train", "ours"), by("train", "pytorch")
    ours_gen, torch_gen = by("generate", "ours"), by("generate", "pytorch")
    t, g = ours_train[0], ours_gen[0]
    mb = lambda kb: kb / 1024
    model_mb = model["parameter_bytes"] / 1048576

    print(f"model: Llama, {model['parameters']:,} parameters, float32 {model_mb:.1f} MB; threads {t['threads']} both sides; "
          f"PyTorch {torch_train[0]['version']} with {torch_train[0]['blas']}; {len(ours_train)} rounds, ours and PyTorch in turn")
    failures = []
    bound = LOGIT_TOLERANCE * max(1.0, logits["max_abs_logit"])
    print(f"agreement: logits max abs diff {logits['max_abs_diff']:.2e} (largest logit {logits['max_abs_logit']:.2f}, tolerance {bound:.1e}), "
          f"same argmax at {logits['same_argmax_share']:.0%} of positions")
    if logits["max_abs_diff"] > bound:
        failures.append("logits differ beyond the tolerance")
    loss_diff = abs(t["first_loss"] - torch_train[0]["first_loss"])
    print(f"agreement: first training loss (B = 0, the base model's) ours {t['first_loss']:.6f}, PyTorch {torch_train[0]['first_loss']:.6f}")
    if loss_diff > 1e-4 * abs(t["first_loss"]):
        failures.append("first losses differ")
    same_tokens = ours_gen[0]["tokens"] == torch_gen[0]["tokens"]
    print(f"agreement: greedy tokens {'identical' if same_tokens else 'DIFFERENT'} ({len(g['tokens'])} new tokens)")
    if not same_tokens:
        failures.append("greedy generations differ")

    def speeds(results):
        return statistics.median(r["tokens_per_s"] for r in results)

    table = [
        (f"training tokens/s (LoRA r={t['rank']} on all 7 projections, batch {t['batch']} x {t['length']} tokens, fwd+bwd+clip+AdamW)",
         speeds(ours_train), speeds(torch_train), True),
        (f"generation tokens/s (greedy, KV cache, {g['prompt_tokens']}-token prompt, {g['new_tokens']} new)", speeds(ours_gen), speeds(torch_gen), True),
        ("peak RSS training, MB", mb(max(r["vmhwm_kb"] for r in ours_train)), mb(max(r["vmhwm_kb"] for r in torch_train)), False),
        ("peak RSS generation, MB", mb(max(r["vmhwm_kb"] for r in ours_gen)), mb(max(r["vmhwm_kb"] for r in torch_gen)), False),
    ]
    print()
    print("| figure | ours | PyTorch | ours/PyTorch |")
    print("|---|---|---|---|")
    for name, ours, theirs, speed in table:
        extra = "" if speed else f" ({ours / model_mb:.1f}x / {theirs / model_mb:.1f}x the model's {model_mb:.0f} MB)"
        print(f"| {name} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.2f}{extra} |")
    print()
    print("per-round medians, ours: train " + ", ".join(f"{r['tokens_per_s']:.1f}" for r in ours_train)
          + "; generate " + ", ".join(f"{r['tokens_per_s']:.1f}" for r in ours_gen))
    print("per-round medians, PyTorch: train " + ", ".join(f"{r['tokens_per_s']:.1f}" for r in torch_train)
          + "; generate " + ", ".join(f"{r['tokens_per_s']:.1f}" for r in torch_gen))
    print("speed goal: ours/PyTorch >= 1.0; memory: lower is better (a ratio below 1.0 is less memory than PyTorch)")
    if loads and max(loads) > cores:
        print(f"MEASURED UNDER LOAD: 1-minute load average {min(loads):.1f} to {max(loads):.1f} on {cores} cores during the run; "
              "absolute figures and single rounds are noisy (see the per-round medians); rely on the ratio of medians over several rounds")
    if failures:
        print("NOT COMPARABLE: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
