#!/usr/bin/env bash
# Memory of a resumable run (`eval` or `sft`) as the prompt set grows: the same run at growing sizes, one process
# each, against loopback endpoints with no latency. Peak working set should stay flat: prompts are paged from SQLite
# and the outputs stream.   bench/harness-memory.sh eval|sft [extra bench options]   (sizes: PROMPTS="5000 20000 50000")
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bench/harness-memory.sh eval|sft [options]}
shift
dotnet build bench/SafeCompletions.Bench -c Release --nologo -v quiet
bin=bench/SafeCompletions.Bench/bin/Release/net10.0/linux-x64/SafeCompletions.Bench
for prompts in ${PROMPTS:-5000 20000 50000}; do
  "$bin" "$mode" --prompts "$prompts" --latency-ms 0 --concurrency 32 "$@"
done
