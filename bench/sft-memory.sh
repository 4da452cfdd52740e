#!/usr/bin/env bash
# Memory of `safecomp sft` as the prompt set grows: the same run at growing sizes, one process each.
# Peak working set should stay flat (units are paged from SQLite; train.jsonl and rejected.jsonl stream).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/SafeCompletions.Bench -c Release --nologo -v quiet
bin=bench/SafeCompletions.Bench/bin/Release/net10.0/linux-x64/SafeCompletions.Bench
for prompts in ${PROMPTS:-5000 20000 50000}; do
  "$bin" sft --prompts "$prompts" --latency-ms 0 --concurrency 32 "$@"
done
