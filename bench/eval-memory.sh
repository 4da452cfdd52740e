#!/usr/bin/env bash
# Memory of `safecomp eval` as the prompt set grows (see harness-memory.sh).
exec "$(dirname "$0")/harness-memory.sh" eval "$@"
