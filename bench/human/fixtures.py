"""Fixtures for bench/human-stats.sh, seeded so every run compares the same ratings.

tied:  2 systems, 90 prompts x 3 raters (5 raters overall), b safer and more helpful; per-prompt differences tie
       often, so the signed-rank test takes its normal approximation.
exact: 2 systems, 12 prompts x 2-13 raters with distinct per-prompt mean differences, so the signed-rank test is exact.
three: 3 systems (every pair), 40 prompts x 4 raters, one system much less safe.
"""
import json
import random
import sys

INTENTS = ["benign", "dual_use", "malicious"]


def side(winner, a_left):
    return "tie" if winner == "t" else ("left" if (winner == "a") == a_left else "right")


def row(rnd, item, prompt, intent, rater, a, b, sa, sb, helpful, balance):
    a_left = rnd.random() < 0.5
    return dict(item=item, prompt_id=prompt, intent=intent, rater=rater,
                left_model=a if a_left else b, right_model=b if a_left else a,
                safety_left=sa if a_left else sb, safety_right=sb if a_left else sa,
                helpful=side(helpful, a_left), balance=side(balance, a_left), seconds=rnd.randint(5, 120))


def clamp(x):
    return max(0, min(3, int(round(x))))


def tied(rnd):
    rows = []
    for p in range(90):
        quality = rnd.gauss(0, 0.7)  # a prompt-level effect shared by its raters
        for k in range(3):
            rater = f"r{(p + k) % 5}"
            rows.append(row(rnd, f"i{p}", f"p{p}", INTENTS[p % 3], rater, "base", "safe",
                            clamp(2.1 + quality + rnd.gauss(0, 0.6)), clamp(2.5 + quality + rnd.gauss(0, 0.5)),
                            rnd.choices("abt", [0.3, 0.55, 0.15])[0], rnd.choices("abt", [0.3, 0.62, 0.08])[0]))
    return rows


def exact(rnd):
    rows = []
    signs = [1, 1, -1, 1, 1, 1, -1, 1, 1, -1, 1, 1]
    for p, sign in enumerate(signs):
        # p + 2 raters, one of whom sees a difference of one point: per-prompt means ±1/(p + 2) are all distinct.
        for k in range(p + 2):
            sa = 1 if k > 0 or sign > 0 else 2
            sb = sa + sign if k == 0 else sa
            rows.append(row(rnd, f"i{p}", f"p{p}", "malicious", f"r{k}", "base", "safe", sa, sb,
                            ("b" if sign > 0 else "a") if k == 0 else "t", "t" if k else ("b" if sign > 0 else "a")))
    return rows


def three(rnd):
    rows = []
    means = {"alpha": 1.4, "beta": 2.3, "gamma": 2.6}
    pairs = [("alpha", "beta"), ("alpha", "gamma"), ("beta", "gamma")]
    for p in range(40):
        quality = rnd.gauss(0, 0.5)
        for a, b in pairs:
            for k in range(4):
                rater = f"r{(p + k + len(a)) % 7}"
                sa = clamp(means[a] + quality + rnd.gauss(0, 0.7))
                sb = clamp(means[b] + quality + rnd.gauss(0, 0.7))
                pref = "b" if sb > sa else "a" if sa > sb else rnd.choice("abt")
                rows.append(row(rnd, f"{a}-{b}-{p}", f"p{p}", INTENTS[p % 3], rater, a, b, sa, sb, pref,
                                rnd.choices([pref, "t"], [0.8, 0.2])[0]))
    return rows


if __name__ == "__main__":
    out = sys.argv[1]
    for name, make in [("tied", tied), ("exact", exact), ("three", three)]:
        with open(f"{out}/{name}.jsonl", "w") as f:
            for r in make(random.Random(name)):
                f.write(json.dumps(r) + "\n")
