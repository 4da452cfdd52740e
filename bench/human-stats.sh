#!/usr/bin/env bash
# `safecomp human results` against independently computed figures: Debian's scipy (sign test, Wilcoxon signed-rank),
# numpy (means, shares, win shares, Krippendorff's alpha from the 2011 paper's coincidence-matrix recipe, and a
# two-stage bootstrap of its own), on generated fixtures with known structure. Prints every figure side by side and
# exits 1 when an exact figure differs by more than 1e-9 or a bootstrap bound by more than the stated tolerance.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/require-package.sh python3-scipy /usr/bin/python3 -c "import scipy"
dotnet build src/SafeCompletions.Cli -c Release --nologo -v quiet >/dev/null
cli="dotnet src/SafeCompletions.Cli/bin/Release/net10.0/linux-x64/safecomp.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 bench/human/fixtures.py "$work"
for fixture in tied exact three; do
  $cli human results --ratings "$work/$fixture.jsonl" --out "$work/$fixture" >/dev/null
done
/usr/bin/python3 bench/human/compare.py "$work"
