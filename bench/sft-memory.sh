#!/usr/bin/env bash
# Memory of `safecomp sft` as the prompt file grows (see harness-memory.sh).
exec "$(dirname "$0")/harness-memory.sh" sft "$@"
