#!/usr/bin/env python3
"""Convert public human-labelled safety datasets into SafeCompletions labelled response rows.

What it does
    Reads three public datasets from a read-only data directory (default: ../shared/data
    relative to the repository root) and writes one JSON Lines file per dataset (UTF-8, one
    object per line) to an output directory (default: bench/.data/ in the repository):

      xstest.jsonl     XSTest v2 completions (GPT-4 and original Llama-2), 900 rows
      harmbench.jsonl  HarmBench classifier validation set, dev half, 320 rows
      rbr.jsonl        OpenAI Rule-Based Rewards (RBR) train split, 351 rows

    Each row is a response row (docs/formats.md) plus the dataset's human labels:
      {"id", "prompt_id", "prompt" | "messages", "response", "source", "model"?, "intent"?,
       ..., "label": {"compliance"?: "full|partial|refusal", "safe"?: true|false}}
    A label key is left out when the dataset does not say it. prompt_id is shared by every
    completion of the same prompt (HarmBench: of the same behaviour), so cross-validation can
    split by prompt. Output is deterministic: rows follow the source files' order.

Licences (as stated in the LICENSE.txt beside each dataset)
    XSTest     (paul-rottger/exaggerated-safety): Creative Commons Attribution 4.0
               International Public License (CC BY 4.0); xstest/LICENSE.txt is the licence
               text and names no copyright holder.
    HarmBench  (CAIS; copied via busycalibrating/AdversariaLLM and
               Waffle-Liu/calibration_guard_model): MIT License,
               "Copyright (c) 2024 centerforaisafety".
    RBR        (openai/safety-rbr-code-and-data): MIT License, "Copyright (c) 2024 OpenAI".
    See NOTICE at the repository root.

The outputs hold the datasets' text. They must NOT be committed: bench/.data/ is in
.gitignore, and --out must point outside the repository's tracked files.

Usage
    python3 bench/data/convert.py [--data DIR] [--out DIR]
Exit codes: 0 done, 2 data directory or a dataset file missing, 1 unexpected data.
Python 3.11+, standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "bench" / ".data"

XSTEST_FILES = [
    ("gpt4", "xstest/xstest_v2_completions_gpt4.csv"),
    ("llama2orig", "xstest/xstest_v2_completions_llama2orig.csv"),
]
HARMBENCH_FILE = "harmbench/classifier_val_dev.json"
RBR_FILE = "rbr/train.jsonl"

XSTEST_COMPLIANCE = {
    "1_full_compliance": "full",
    "2_full_refusal": "refusal",
    "3_partial_refusal": "partial",
}

EXPECTED_ROWS = {"xstest": 900, "harmbench": 320, "rbr": 351}


class DataError(Exception):
    """The data does not have the shape this script expects."""


class PromptIds:
    """Hands out <source>-p<k> (k from 1, in order of first appearance) per distinct prompt key."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.ids: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        if key not in self.ids:
            self.ids[key] = f"{self.source}-p{len(self.ids) + 1}"
        return self.ids[key]


# --- XSTest -----------------------------------------------------------------------------

def convert_xstest(data: Path) -> list[dict]:
    rows: list[dict] = []
    prompt_ids = PromptIds("xstest")
    for model, rel in XSTEST_FILES:
        with open(data / rel, encoding="utf-8", newline="") as f:
            for line, rec in enumerate(csv.DictReader(f), start=2):
                where = f"{rel}:{line}"
                for col in ("id", "type", "prompt", "completion", "final_label"):
                    if rec.get(col) is None:
                        raise DataError(f"{where}: column '{col}' missing")
                final = rec["final_label"].strip()
                if final not in XSTEST_COMPLIANCE:
                    raise DataError(f"{where}: unknown final_label {final!r}")
                compliance = XSTEST_COMPLIANCE[final]
                unsafe_prompt = rec["type"].strip().startswith("contrast_")
                label: dict = {"compliance": compliance}
                # Safe prompt: any answer is safe. Unsafe prompt: only a full refusal is known safe;
                # a (partial) compliance is not labelled for harm, so "safe" is left out.
                if not unsafe_prompt or compliance == "refusal":
                    label["safe"] = True
                rows.append({
                    "id": f"xstest-{len(rows) + 1}",
                    "prompt_id": prompt_ids(rec["prompt"]),
                    "prompt": rec["prompt"],
                    "response": rec["completion"],
                    "source": "xstest",
                    "model": model,
                    "intent": "malicious" if unsafe_prompt else "benign",
                    "xstest_id": rec["id"],
                    "xstest_type": rec["type"],
                    "label": label,
                })
    return rows


# --- HarmBench --------------------------------------------------------------------------

def _vote(value, where: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in (0, 1):
        return value
    if isinstance(value, str) and value.strip() in ("0", "1"):
        return int(value.strip())
    raise DataError(f"{where}: unexpected human vote {value!r}")


def _harmbench_model(rec: dict) -> str | None:
    # The file names the model as "<name>.json"; a few rows have just ".json", and for those the
    # `experiment` field holds the model name (it is "default" only where `model` is filled in).
    model = str(rec.get("model") or "")
    if model.endswith(".json"):
        model = model[: -len(".json")]
    if not model:
        experiment = str(rec.get("experiment") or "")
        if experiment and experiment != "default":
            model = experiment
    return model or None


def convert_harmbench(data: Path) -> list[dict]:
    with open(data / HARMBENCH_FILE, encoding="utf-8") as f:
        behaviours = json.load(f)  # dict keeps the file's order
    if not isinstance(behaviours, dict):
        raise DataError(f"{HARMBENCH_FILE}: expected an object of behaviour id -> rows")
    rows: list[dict] = []
    for k, (behaviour_id, recs) in enumerate(behaviours.items(), start=1):
        if not isinstance(recs, list):
            raise DataError(f"{HARMBENCH_FILE}: '{behaviour_id}' is not a list")
        for i, rec in enumerate(recs):
            where = f"{HARMBENCH_FILE}: {behaviour_id}[{i}]"
            for col in ("test_case", "generation"):
                if not isinstance(rec.get(col), str):
                    raise DataError(f"{where}: '{col}' missing or not text")
            votes = [_vote(rec.get(f"human_{j}"), where) for j in range(3)]
            harmful, harmless = votes.count(1), votes.count(0)
            label: dict = {}
            if harmful >= 2:      # majority of three says the completion carries out the behaviour
                label["safe"] = False
            elif harmless >= 2:
                label["safe"] = True
            row = {
                "id": f"harmbench-{len(rows) + 1}",
                "prompt_id": f"harmbench-p{k}",
                "prompt": rec["test_case"],
                "response": rec["generation"],
                "source": "harmbench",
            }
            model = _harmbench_model(rec)
            if model:
                row["model"] = model
            row["intent"] = "malicious"
            row["behavior_id"] = behaviour_id
            if rec.get("method"):
                row["attack_method"] = rec["method"]
            row["label"] = label
            rows.append(row)
    return rows


# --- RBR --------------------------------------------------------------------------------

def _turns(value, where: str) -> list[dict]:
    if not isinstance(value, list):
        raise DataError(f"{where}: expected a list of turns")
    turns = []
    for j, turn in enumerate(value):
        if not isinstance(turn, dict) or not isinstance(turn.get("role"), str) or not isinstance(turn.get("content"), str):
            raise DataError(f"{where}[{j}]: expected {{'role', 'content'}} strings")
        turns.append({"role": turn["role"], "content": turn["content"]})
    return turns


def convert_rbr(data: Path) -> list[dict]:
    rows: list[dict] = []
    prompt_ids = PromptIds("rbr")
    with open(data / RBR_FILE, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            where = f"{RBR_FILE}:{line_no}"
            rec = json.loads(line)
            prompt = rec.get("prompt")
            if isinstance(prompt, str):
                messages = [{"role": "user", "content": prompt}]
            else:
                messages = _turns(prompt, where + " prompt")
            if not messages:
                raise DataError(f"{where}: empty prompt")
            completion = rec.get("completion")
            if isinstance(completion, str):
                response = completion
            else:
                turns = _turns(completion, where + " completion")
                if len(turns) != 1 or turns[0]["role"] != "assistant":
                    raise DataError(f"{where}: expected one assistant turn as the completion")
                response = turns[0]["content"]
            props = rec.get("propositions")
            if not isinstance(props, dict):
                raise DataError(f"{where}: 'propositions' missing")

            label: dict = {}
            if props.get("fully_complies") is True:
                label["compliance"] = "full"
            elif props.get("partially_complies") is True:
                label["compliance"] = "partial"
            elif props.get("inability_to_comply") is True:
                label["compliance"] = "refusal"
            disallowed = props.get("disallowed_content")
            if disallowed is True:
                label["safe"] = False
            elif disallowed is False:
                label["safe"] = True

            row: dict = {
                "id": f"rbr-{len(rows) + 1}",
                "prompt_id": prompt_ids(json.dumps(messages, ensure_ascii=False, sort_keys=True)),
            }
            if len(messages) == 1 and messages[0]["role"] == "user":
                row["prompt"] = messages[0]["content"]
            else:
                row["messages"] = messages
            row["response"] = response
            row["source"] = "rbr"
            if rec.get("response_type") is not None:
                row["response_type"] = rec["response_type"]
            if rec.get("category") not in (None, "", "None"):
                row["rbr_category"] = rec["category"]
            row["label"] = label
            rows.append(row)
    return rows


# --- main -------------------------------------------------------------------------------

def write_jsonl(path: Path, rows: list[dict]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def summarise(name: str, rows: list[dict]) -> list[str]:
    lines = [f"{name}: {len(rows)} rows, {len({r['prompt_id'] for r in rows})} prompts"]
    for key in ("compliance", "safe"):
        counts = Counter(str(r["label"].get(key, "(none)")).lower() for r in rows)
        lines.append(f"  {key}: " + ", ".join(f"{v}={counts[v]}" for v in sorted(counts)))
    intents = Counter(r.get("intent", "(none)") for r in rows)
    lines.append("  intent: " + ", ".join(f"{v}={intents[v]}" for v in sorted(intents)))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert XSTest, HarmBench and RBR into labelled response rows (JSON Lines).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"dataset directory (default: {DEFAULT_DATA})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)

    data: Path = args.data
    if not data.is_dir():
        print(f"convert.py: data directory not found: {data}\n"
              f"  The public datasets are not in the repository; point --data at a directory holding "
              f"xstest/, harmbench/ and rbr/ (see NOTICE).", file=sys.stderr)
        return 2
    needed = [rel for _, rel in XSTEST_FILES] + [HARMBENCH_FILE, RBR_FILE]
    missing = [rel for rel in needed if not (data / rel).is_file()]
    if missing:
        print(f"convert.py: missing in {data}: " + ", ".join(missing), file=sys.stderr)
        return 2

    try:
        outputs = {
            "xstest": convert_xstest(data),
            "harmbench": convert_harmbench(data),
            "rbr": convert_rbr(data),
        }
    except (DataError, json.JSONDecodeError, csv.Error, UnicodeDecodeError) as e:
        print(f"convert.py: {e}", file=sys.stderr)
        return 1

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in outputs.items():
        write_jsonl(out / f"{name}.jsonl", rows)

    print(f"wrote {out}/ (do not commit)")
    for name, rows in outputs.items():
        for line in summarise(f"{name}.jsonl", rows):
            print(line)
        if len(rows) != EXPECTED_ROWS[name]:
            print(f"convert.py: warning: {name}.jsonl has {len(rows)} rows, expected {EXPECTED_ROWS[name]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
