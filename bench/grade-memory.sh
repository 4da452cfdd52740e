#!/usr/bin/env bash
# Memory of `grade` as the input grows: the same run at growing row counts, one process each.
# Peak working set should stay flat (rows stream; only a bounded window is in flight).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/SafeCompletions.Bench -c Release --nologo -v quiet
bin=bench/SafeCompletions.Bench/bin/Release/net10.0/linux-x64/SafeCompletions.Bench
for rows in ${ROWS:-5000 20000 50000}; do
  "$bin" --rows "$rows" --latency-ms 0 --concurrency 32 "$@"
done
