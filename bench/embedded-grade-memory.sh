#!/usr/bin/env bash
# Memory and speed of `safecomp grade --grader embedded` as the input grows: XSTest's 900 completions repeated with a
# distinct prompt for every two rows (so the prompt cache works as on real data), one process per size.
# Peak resident memory should stay flat: rows stream, a bounded window is in flight.
#   bench/embedded-grade-memory.sh            (sizes: ROWS="2000 8000 30000"; needs bench/.data from ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 bench/data/convert.py --out bench/.data >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for rows in ${ROWS:-2000 8000 30000}; do
  python3 - "$rows" "$work/in.jsonl" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
source = [json.loads(line) for line in open("bench/.data/xstest.jsonl")]
with open(out, "w") as f:
    for i in range(n):
        row = source[i % len(source)]
        f.write(json.dumps({"id": f"r{i}", "prompt": f"{row['prompt']} (case {i // 2})", "response": row["response"]}) + "\n")
PY
  /usr/bin/time -f "%e %M" -o "$work/time" ./safecomp grade --in "$work/in.jsonl" --out "$work/out.jsonl" >/dev/null
  read -r seconds kilobytes < "$work/time"
  echo "rows=$rows seconds=$seconds rows_per_s=$(echo "$rows / $seconds" | bc -l | xargs printf '%.1f') peak_rss_mb=$(echo "$kilobytes / 1024" | bc -l | xargs printf '%.0f')"
done
