#!/usr/bin/env bash
# The test command of the README: builds everything (warnings are errors) and runs every test, offline.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build SafeCompletions.slnx -c Release --nologo -v quiet
dotnet test SafeCompletions.slnx -c Release --no-build --nologo -v quiet --logger "console;verbosity=normal" 2>&1 | tee /tmp/safecomp-test.log
# One plain closing line, "N passed, N failed", for readers that look for it.
grep -E "^(Passed|Failed)!" /tmp/safecomp-test.log | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 passed, \1 failed/'
