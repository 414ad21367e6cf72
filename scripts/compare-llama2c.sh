#!/usr/bin/env bash
# Compare provenet's CPU decode with llama2.c (C with OpenMP) on the same
# random stories15M weights: same greedy tokens, and tokens per second.
#
# llama2.c is not vendored (and this machine has no network): pass the path
# of a run.c from karpathy/llama2.c whose main() has been changed to print
# the greedy token IDs from BOS instead of text, with usage `run model.bin
# steps` (the transformer() function itself unchanged). The figures in
# docs/STATUS.md came from commit 00401b62's run.c, modified that way.
#
# Run it on a quiet machine: OpenMP's spinning threads collapse when other
# processes share the cores (measured: 675 tok/s quiet, 14 tok/s under load).
set -euo pipefail
runc=${1:?usage: scripts/compare-llama2c.sh path/to/run.c}
out=$(mktemp -d)
gcc -Ofast -fopenmp -march=native -o "$out/run" "$runc" -lm
cd "$(dirname "$0")/.."
PROVENET_LLAMA2C_RUN="$out/run" go test -run TestAgainstLlama2C -v -count=1 ./gpu/model | grep -E 'llama2.c|provenet|identical|PASS|FAIL'
