#!/bin/sh
# gen.sh copies the first 2^16 G1 points (32-byte compressed BN254 points,
# 2 MiB) of EigenDA's SRS from the eigenda module in the Go module cache into
# g1.point.prefix, checks the source file against eigenda's published sha256,
# and records the prefix's sha256 in g1.point.prefix.sha256.
#
# Usage (from anywhere): sh chain/da/srs/gen.sh
set -eu

VERSION=v0.9.2
POINTS=65536
BYTES=$((POINTS * 32))

here=$(cd "$(dirname "$0")" && pwd)
modcache=$(go env GOMODCACHE)
src="$modcache/github.com/!layr-!labs/eigenda@$VERSION/resources/srs"

if [ ! -f "$src/g1.point" ]; then
	(cd "$here" && go mod download "github.com/Layr-Labs/eigenda@$VERSION")
fi

want=$(awk '$2 == "g1.point" { print $1 }' "$src/srs-files-16777216.sha256")
got=$(sha256sum "$src/g1.point" | awk '{ print $1 }')
if [ "$want" != "$got" ]; then
	echo "gen.sh: $src/g1.point sha256 $got, want $want" >&2
	exit 1
fi

head -c "$BYTES" "$src/g1.point" >"$here/g1.point.prefix.tmp"
mv "$here/g1.point.prefix.tmp" "$here/g1.point.prefix"
(cd "$here" && sha256sum g1.point.prefix >g1.point.prefix.sha256)
echo "source: eigenda@$VERSION resources/srs/g1.point sha256 $got" >&2
cat "$here/g1.point.prefix.sha256"
