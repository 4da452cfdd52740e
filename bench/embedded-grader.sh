#!/usr/bin/env bash
# The embedded grader's figures: accuracy on rows it was not trained on (5-fold cross-validation, split by prompt)
# and throughput end to end. Needs ../shared/data (the development sets); converts them into bench/.data first.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 bench/data/convert.py --out bench/.data >/dev/null
dotnet build bench/EmbeddedGrader.Bench -c Release --nologo -v quiet >/dev/null
bin=bench/EmbeddedGrader.Bench/bin/Release/net10.0/linux-x64/SafeCompletions.Bench.Embedded
"$bin" accuracy --data bench/.data "$@"
"$bin" throughput --data bench/.data
