#!/usr/bin/env bash
# Pretrains the Model Factory base (gpu/train/testdata/factory-base) from
# Debian text with the project's own trainer: every fortunes file except
# the topics science, food, startrek and zippy (kept unseen for
# TestTopicFineTune) and the Python 3.11 documentation (tutorial,
# reference, howto, faq, library).
#
#   apt-get install fortunes python3.11-doc
#   make build && scripts/pretrain-base.sh OUT [STEPS] [BATCH] [extra flags]
#
# PROVENET names the binary (default bin/provenet). Document IDs are file
# paths, so the held-out split is the same wherever the packages are
# installed at their Debian paths. (This is the one place that wants them
# installed system-wide: `make testdata`'s copy under .cache/testdata/root
# has other paths, so other IDs and another split. The tests find the data
# there through internal/realdata.)
set -euo pipefail
P=${PROVENET:-bin/provenet}
OUT=${1:?usage: pretrain-base.sh OUT [STEPS] [BATCH] [flags]}
STEPS=${2:-1400}
BATCH=${3:-16}
shift $(($# < 3 ? $# : 3))
F=/usr/share/games/fortunes
D=/usr/share/doc/python3.11/html
data=()
for f in $(ls "$F" | grep -v '\.dat$\|\.u8$' | grep -v '^science$\|^food$\|^startrek$\|^zippy$'); do
	data+=(--data "$F/$f")
done
for d in tutorial reference howto faq library; do
	data+=(--data "$D/$d")
done
exec "$P" factory pretrain "${data[@]}" --out "$OUT" --seq 256 --batch "$BATCH" \
	--steps "$STEPS" --print-every 50 --eval-seqs 128 "$@"
