#!/usr/bin/env bash
# The in-process trainer (src/SafeCompletions.Training) against PyTorch on the same random-weight Llama and thread
# count: training tokens/s (LoRA SFT steps), greedy generation tokens/s with the KV cache, and peak resident memory
# against the model's parameter bytes, as ratios from one run. The reference is Debian's python3-torch running the
# plain Llama forward of bench/training/llama.py on the same model.safetensors, with OpenBLAS. First checks that both compute the
# same thing (logits, first loss, greedy tokens), then runs ours and PyTorch in turn, one process per measurement,
# for --rounds rounds, and prints medians.
#   bench/training.sh [--threads 2] [--rounds 3] [--batch 4] [--length 128] [--steps 4] [--warmup 1] [--rank 16]
#                     [--prompt-tokens 32] [--new-tokens 64] [--repeats 3] [--hidden 512] [--layers 8] [--vocab 8192]
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A opt=([threads]=2 [rounds]=3 [batch]=4 [length]=128 [steps]=4 [warmup]=1 [rank]=16 [prompt-tokens]=32
  [new-tokens]=64 [repeats]=3 [hidden]=512 [layers]=8 [vocab]=8192)
while [ $# -gt 0 ]; do
  name=${1#--}
  if [ -z "${opt[$name]+set}" ] || [ $# -lt 2 ]; then echo "bench/training.sh: unknown option or missing value: $1 (options: ${!opt[*]})" >&2; exit 2; fi
  opt[$name]=$2; shift 2
done
bench/require-package.sh python3-torch /usr/bin/python3 -c "import torch"
# Debian's torch calls whatever libblas.so.3 the system has; the default (netlib's reference BLAS) is 7-8x slower at
# these matrix sizes than OpenBLAS, which is what a Debian user who wants speed installs. The reference loads it
# explicitly, whichever BLAS the system's alternatives point at; OpenMP's build, the threading torch itself uses.
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
bench/require-package.sh libopenblas0-openmp test -e "$openblas/libblas.so.3"
dotnet build bench/SafeCompletions.Bench -c Release --nologo -v quiet >/dev/null
ours="dotnet bench/SafeCompletions.Bench/bin/Release/net10.0/linux-x64/SafeCompletions.Bench.dll training"
theirs="env LD_LIBRARY_PATH=$openblas /usr/bin/python3 bench/training/run.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl
export OMP_NUM_THREADS=${opt[threads]} MKL_NUM_THREADS=${opt[threads]}
threads=(--threads "${opt[threads]}")
train=(--batch "${opt[batch]}" --steps "${opt[steps]}" --warmup "${opt[warmup]}" --rank "${opt[rank]}")
generate=(--prompt-tokens "${opt[prompt-tokens]}" --new-tokens "${opt[new-tokens]}" --repeats "${opt[repeats]}")
load() { echo "{\"task\":\"load\",\"load1\":$(cut -d' ' -f1 /proc/loadavg)}" >>"$results"; }

$ours model --dir "$work/model" --hidden "${opt[hidden]}" --layers "${opt[layers]}" --vocab "${opt[vocab]}" --length "${opt[length]}" \
  --rows $(( ${opt[batch]} * (${opt[steps]} + ${opt[warmup]}) )) 2>/dev/null >>"$results"
$ours logits --dir "$work/model" "${threads[@]}" 2>/dev/null >>"$results"
$theirs logits "$work/model" "${threads[@]}" >>"$results"
for round in $(seq "${opt[rounds]}"); do
  echo "round $round of ${opt[rounds]}" >&2
  load; $ours train --dir "$work/model" "${threads[@]}" "${train[@]}" 2>/dev/null >>"$results"
  load; $theirs train "$work/model" "${threads[@]}" "${train[@]}" >>"$results"
  load; $ours generate --dir "$work/model" "${threads[@]}" "${generate[@]}" 2>/dev/null >>"$results"
  load; $theirs generate "$work/model" "${threads[@]}" "${generate[@]}" >>"$results"
done
load
/usr/bin/python3 bench/training/report.py "$results" "$(nproc)"
