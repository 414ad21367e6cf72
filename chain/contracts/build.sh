#!/usr/bin/env bash
# build.sh compiles chain/contracts/src/*.sol with the pinned solc-js and
# regenerates the Go bindings in chain/bindings.
#
#   build.sh         npm ci (solc 0.8.37, pinned in package-lock.json),
#                    compile into build/, abigen (go-ethereum v1.17.10, pinned
#                    by go.mod) into ../bindings
#   build.sh check   the same into a temporary directory, then diff against
#                    the committed build/ and ../bindings: fails when the
#                    committed bindings do not match the sources (for CI)
#
# Needs node/npm and go. A normal `go build` needs neither npm nor this
# script: the outputs are committed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=${1:-build}
contracts=(Registry EpochAnchor ClaimsDistributor PaymentEscrow)

case "$mode" in
build | check) ;;
*)
	echo "usage: $0 [build|check]" >&2
	exit 2
	;;
esac

cd "$here"
if [ ! -x node_modules/.bin/solcjs ] || ! node -e 'process.exit(require("solc").version().startsWith("0.8.37+") ? 0 : 1)' 2>/dev/null; then
	npm ci --no-audit --no-fund --silent
fi

out_build="$here/build"
out_bind="$root/chain/bindings"
if [ "$mode" = check ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	out_build="$tmp/build"
	out_bind="$tmp/bindings"
fi
mkdir -p "$out_build" "$out_bind"

node compile.js "$out_build"

cd "$root"
go build -o "$out_build/.abigen" github.com/ethereum/go-ethereum/cmd/abigen
for c in "${contracts[@]}"; do
	lower=$(echo "$c" | tr '[:upper:]' '[:lower:]')
	"$out_build/.abigen" --v2 --pkg bindings --type "$c" \
		--abi "$out_build/$c.abi" --bin "$out_build/$c.bin" \
		--out "$out_bind/$lower.go"
done
rm -f "$out_build/.abigen"

if [ "$mode" = check ]; then
	status=0
	diff -r "$here/build" "$out_build" || status=1
	for c in "${contracts[@]}"; do
		lower=$(echo "$c" | tr '[:upper:]' '[:lower:]')
		diff -u "$root/chain/bindings/$lower.go" "$out_bind/$lower.go" || status=1
	done
	if [ $status -ne 0 ]; then
		echo "chain/bindings or chain/contracts/build do not match chain/contracts/src: run make contracts" >&2
		exit 1
	fi
	echo "bindings match sources"
fi
