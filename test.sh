#!/usr/bin/env bash
# The test command of the README: builds everything (warnings are errors) and runs every test, offline.
set -euo pipefail
cd "$(dirname "$0")"
# The report test opens report.html in Debian's headless Chromium: install it when missing and we may.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || echo "warning: could not install chromium" >&2
fi
# The docs' trainer snippets (docs/serve.md) run under Debian's python3, standard library only.
if [ ! -x /usr/bin/python3 ] && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3) >/dev/null 2>&1 || echo "warning: could not install python3" >&2
fi
# The chat-template tests compare our Jinja interpreter with Jinja2 itself (Debian's python3-jinja2).
if ! /usr/bin/python3 -c 'import jinja2' >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jinja2) >/dev/null 2>&1 || echo "warning: could not install python3-jinja2" >&2
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build SafeCompletions.slnx -c Release --nologo -v quiet
status=0
dotnet test SafeCompletions.slnx -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?
# One plain closing line over every test project, "N passed, N failed", for readers that look for it.
sed -nE 's/^(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+).*/\3 \2/p' "$log" | awk '{ p += $1; f += $2 } END { print p " passed, " f " failed" }'
exit "$status"
