#!/usr/bin/env bash
# Rebuilds the embedded grader's committed default weights, exactly as recorded in docs/embedded-grader.md and in the
# weights file's "training" block. Needs ../shared/data (the development sets).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 bench/data/convert.py --out bench/.data
./safecomp grader train --data bench/.data/xstest.jsonl --data bench/.data/harmbench.jsonl --data bench/.data/rbr.jsonl \
  --out src/SafeCompletions.Embedded/Model/default-weights.json
