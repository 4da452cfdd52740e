#!/usr/bin/env bash
# bench/require-python-module.sh MODULE PACKAGE: makes sure /usr/bin/python3 imports MODULE, installing Debian's
# PACKAGE with apt when it does not and we are root; otherwise exits 2 saying what to install. The benches that check
# against an independent Python reference (human-stats.sh, training.sh) call it first.
set -euo pipefail
module=$1 package=$2
if ! /usr/bin/python3 -c "import $module" 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package") >/dev/null
  else
    echo "$package is missing: apt install $package" >&2; exit 2
  fi
fi
