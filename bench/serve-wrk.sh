#!/usr/bin/env bash
# The reward service under wrk: `safecomp serve` (embedded grader) on loopback, wrk POSTing the same batch of 16
# quickstart pairs to /v1/rewards for DURATION, against `safecomp grade` on those pairs in-process (start-up taken
# out: a 1,024-row run minus a 16-row run). Prints served pairs/s, in-process pairs/s, their ratio, latency and errors.
#   bench/serve-wrk.sh            (CONNECTIONS=4 DURATION=30s PORT=18432)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
connections=${CONNECTIONS:-4}; duration=${DURATION:-30s}; port=${PORT:-18432}
./safecomp specs list >/dev/null   # builds the tool when needed
bin=src/SafeCompletions.Cli/bin/Release/net10.0/linux-x64/safecomp
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
rows = [json.loads(l) for l in open("samples/quickstart/responses-safe-completion.jsonl")][:16]
items = [{"prompt": r["prompt"], "response": r["response"], "category": r["category"]} for r in rows]
json.dump({"items": items}, open(f"{work}/body.json", "w"))
for name, copies in (("small", 1), ("large", 64)):
    with open(f"{work}/{name}.jsonl", "w") as f:
        for c in range(copies):
            for i, r in enumerate(rows):
                f.write(json.dumps({"id": f"{c}-{i}", "prompt": r["prompt"], "response": r["response"], "category": r["category"]}) + "\n")
PY
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/body.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA

seconds() { local start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc -l; }
small=$(seconds "$bin" grade --in "$work/small.jsonl" --out "$work/g1.jsonl")
large=$(seconds "$bin" grade --in "$work/large.jsonl" --out "$work/g2.jsonl")
inprocess=$(echo "1008 / ($large - $small)" | bc -l)

"$bin" serve --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 & server=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
wrk -t2 -c"$connections" -d"$duration" --timeout 60s --latency -s "$work/post.lua" "http://127.0.0.1:$port/v1/rewards" | tee "$work/wrk.txt"
set +e; kill -TERM $server; wait $server; set -e

rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt"); non2xx=${non2xx:-0}
socket=$(awk '/Socket errors/ {print}' "$work/wrk.txt"); socket=${socket:-none}
printf 'served_pairs_per_s=%.1f in_process_pairs_per_s=%.1f ratio=%.3f non_2xx=%s socket_errors=%s connections=%s batch=16\n' \
  "$(echo "$rps * 16" | bc -l)" "$inprocess" "$(echo "$rps * 16 / $inprocess" | bc -l)" "$non2xx" "$socket" "$connections"
