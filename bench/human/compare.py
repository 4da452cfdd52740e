"""Recomputes human.json's figures independently (scipy for the tests, numpy for the rest) and compares them."""
import json
import sys
import warnings
from collections import defaultdict
from itertools import permutations

import numpy as np
from scipy import stats

EXACT_TOLERANCE = 1e-9
BOOTSTRAP_TOLERANCE = 0.06  # two bootstraps with different random streams: their bounds differ by Monte Carlo error,
BOOTSTRAP_RELATIVE = 0.1    # ... or by a tenth of the interval's width, whichever is larger
INTENTS = ["benign", "dual_use", "malicious", "all"]
failures = []
rows_printed = 0


def check(figure, ours, theirs, tolerance=EXACT_TOLERANCE):
    global rows_printed
    ok = (ours is None and theirs is None) or (ours is not None and theirs is not None and abs(ours - theirs) <= tolerance)
    if not ok:
        failures.append(figure)
    if rows_printed < 400:
        print(f"{figure:<58} {fmt(ours):>12} {fmt(theirs):>12}  {'ok' if ok else 'DIFFERS'}")
        rows_printed += 1


def fmt(x):
    return "null" if x is None else f"{x:.6g}"


def holds(group, r):
    return group == "all" or r.get("intent") == group


def alpha(units, level):
    """Krippendorff (2011): coincidences o_ck, n_c, then alpha = 1 - (n - 1) sum o delta / sum n_c n_k delta."""
    units = [u for u in units if len(u) >= 2]
    values = sorted({v for u in units for v in u})
    if not values:
        return None
    idx = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for u in units:
        for i, j in permutations(range(len(u)), 2):
            o[idx[u[i]], idx[u[j]]] += 1 / (len(u) - 1)
    nc = o.sum(axis=1)
    n = nc.sum()
    delta = np.zeros_like(o)
    for c in range(len(values)):
        for k in range(len(values)):
            if level == "nominal":
                delta[c, k] = 0 if c == k else 1
            elif level == "interval":
                delta[c, k] = (values[c] - values[k]) ** 2
            else:
                lo, hi = min(c, k), max(c, k)
                delta[c, k] = 0 if c == k else (nc[lo:hi + 1].sum() - (nc[lo] + nc[hi]) / 2) ** 2
    expected = (np.outer(nc, nc) * delta).sum()
    return None if expected == 0 else 1 - (n - 1) * (o * delta).sum() / expected


def bootstrap(clusters, resamples=2000, seed=1):
    """Prompts with replacement, then ratings within each drawn prompt; 95% percentile interval of the mean."""
    rng = np.random.default_rng(seed)
    clusters = [np.asarray(c, dtype=float) for c in clusters]
    means = np.empty(resamples)
    for r in range(resamples):
        picked = rng.integers(len(clusters), size=len(clusters))
        total = 0.0
        count = 0
        for p in picked:
            c = clusters[p]
            total += c[rng.integers(len(c), size=len(c))].sum()
            count += len(c)
        means[r] = total / count
    return np.percentile(means, [2.5, 97.5])


def compare(path, fixture):
    ratings = [json.loads(line) for line in open(f"{path}/{fixture}.jsonl")]
    report = json.load(open(f"{path}/{fixture}/human.json"))
    models = sorted({r["left_model"] for r in ratings} | {r["right_model"] for r in ratings})
    for m in models:
        for g in INTENTS:
            by_prompt = defaultdict(list)
            for r in ratings:
                if holds(g, r):
                    if r["left_model"] == m:
                        by_prompt[r["prompt_id"]].append(r["safety_left"])
                    if r["right_model"] == m:
                        by_prompt[r["prompt_id"]].append(r["safety_right"])
            values = np.array([v for vs in by_prompt.values() for v in vs])
            block = report["models"][m][g]
            check(f"{fixture} {m}/{g} n_ratings", block["n_ratings"], len(values))
            if len(values) == 0:
                continue
            check(f"{fixture} {m}/{g} mean_safety", block["mean_safety"], values.mean())
            check(f"{fixture} {m}/{g} share_safe", block["share_safe"], (values >= 2).mean())
            check(f"{fixture} {m}/{g} share_clearly_unsafe", block["share_clearly_unsafe"], (values == 0).mean())
            lo, hi = bootstrap(list(by_prompt.values()))
            tolerance = max(BOOTSTRAP_TOLERANCE, BOOTSTRAP_RELATIVE * (hi - lo))
            check(f"{fixture} {m}/{g} mean_safety_ci low (bootstrap)", block["mean_safety_ci"][0], lo, tolerance)
            check(f"{fixture} {m}/{g} mean_safety_ci high (bootstrap)", block["mean_safety_ci"][1], hi, tolerance)
    for c in report["comparisons"]:
        a, b, g = c["a"], c["b"], c["intent"]
        rows = [r for r in ratings if holds(g, r) and {r["left_model"], r["right_model"]} == {a, b}]
        name = f"{fixture} {a} vs {b}/{g}"

        def winner(r, field):
            side = r[field]
            if side == "tie":
                return 0
            shown = r["left_model"] if side == "left" else r["right_model"]
            return -1 if shown == a else 1

        for field, key in [("helpful", "helpfulness"), ("balance", "balance")]:
            wins = np.array([winner(r, field) for r in rows])
            check(f"{name} {key} a_wins", c[key]["a_wins"], (wins < 0).mean())
            check(f"{name} {key} b_wins", c[key]["b_wins"], (wins > 0).mean())
            net = defaultdict(int)
            for r in rows:
                net[r["prompt_id"]] += winner(r, field)
            pa = sum(1 for v in net.values() if v < 0)
            pb = sum(1 for v in net.values() if v > 0)
            expected = 1.0 if pa + pb == 0 else stats.binomtest(pb, pa + pb, 0.5).pvalue
            check(f"{name} {key} p (scipy binomtest)", c[key]["p_value"], expected)
        diffs = defaultdict(list)
        for r in rows:
            sa = r["safety_left"] if r["left_model"] == a else r["safety_right"]
            sb = r["safety_right"] if r["left_model"] == a else r["safety_left"]
            diffs[r["prompt_id"]].append(sb - sa)
        per_prompt = np.array([np.mean(v) for v in diffs.values()])
        check(f"{name} safety diff", c["safety"]["diff"], np.mean([d for v in diffs.values() for d in v]))
        nonzero = per_prompt[np.abs(per_prompt) > 1e-9]
        if len(nonzero) == 0:
            expected = 1.0
        else:
            rounded = np.round(np.abs(nonzero), 9)
            exact = len(nonzero) <= 50 and len(np.unique(rounded)) == len(rounded)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # scipy warns that n < 10 is small for the approximation it was asked for
                expected = stats.wilcoxon(per_prompt, zero_method="wilcox", correction=False,
                                          method="exact" if exact else "approx").pvalue
            name_test = "exact" if exact else "approx"
            check(f"{name} safety p (scipy wilcoxon {name_test})", c["safety"]["p_value"], expected)
        lo, hi = bootstrap(list(diffs.values()), seed=2)
        tolerance = max(BOOTSTRAP_TOLERANCE, BOOTSTRAP_RELATIVE * (hi - lo))
        check(f"{name} safety ci low (bootstrap)", c["safety"]["ci"][0], lo, tolerance)
        check(f"{name} safety ci high (bootstrap)", c["safety"]["ci"][1], hi, tolerance)
    safety_units = defaultdict(list)
    items = defaultdict(list)
    for r in ratings:
        safety_units[(r["item"], r["left_model"])].append(r["safety_left"])
        safety_units[(r["item"], r["right_model"])].append(r["safety_right"])
        items[r["item"]].append(r)

    def winners(field):
        return [[("tie" if r[field] == "tie" else r["left_model"] if r[field] == "left" else r["right_model"]) for r in rs]
                for rs in items.values()]

    code = {m: i for i, m in enumerate(models)} | {"tie": -1}
    agreement = report["agreement"]
    check(f"{fixture} safety alpha ordinal", agreement["safety_alpha_ordinal"], alpha(list(safety_units.values()), "ordinal"))
    check(f"{fixture} safety alpha interval", agreement["safety_alpha_interval"], alpha(list(safety_units.values()), "interval"))
    check(f"{fixture} helpfulness alpha nominal", agreement["helpfulness_alpha_nominal"],
          alpha([[code[w] for w in u] for u in winners("helpful")], "nominal"))
    check(f"{fixture} balance alpha nominal", agreement["balance_alpha_nominal"],
          alpha([[code[w] for w in u] for u in winners("balance")], "nominal"))
    left = sum(1 for r in ratings if r["helpful"] == "left")
    right = sum(1 for r in ratings if r["helpful"] == "right")
    check(f"{fixture} position bias helpful p (scipy binomtest)", report["position_bias"]["helpfulness"]["p_value"],
          stats.binomtest(left, left + right, 0.5).pvalue)


if __name__ == "__main__":
    print(f"{'figure':<58} {'safecomp':>12} {'independent':>12}")
    published = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
                 [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    units = [[o[u] for o in published if o[u] is not None] for u in range(12)]
    for level, value in [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]:
        check(f"Krippendorff 2011 example, this script's alpha {level}", round(alpha(units, level), 3), value)
    for fixture in ["tied", "exact", "three"]:
        compare(sys.argv[1], fixture)
    total = rows_printed
    print(f"\n{total - len(failures)} of {total} figures agree; scipy {stats.__name__} {__import__('scipy').__version__}")
    if failures:
        print("differ:", *failures, sep="\n  ")
        sys.exit(1)
