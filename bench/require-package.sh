#!/usr/bin/env bash
# bench/require-package.sh PACKAGE COMMAND...: makes sure COMMAND succeeds (e.g. `/usr/bin/python3 -c "import scipy"`),
# installing Debian's PACKAGE with apt when it does not and we are root; otherwise exits 2 saying what to install.
# The benches that check against an independent reference (human-stats.sh, training.sh) call it first.
set -euo pipefail
package=$1
shift
if ! "$@" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package") >/dev/null
  else
    echo "$package is missing: apt install $package" >&2; exit 2
  fi
fi
