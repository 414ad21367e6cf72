#!/usr/bin/env bash
# The cuda build tag's compile check, for CI and for anyone without a GPU:
# builds and vets every package with -tags cuda against CUDA 11.8's headers
# and stub libraries from Debian non-free (nvidia-cuda-dev), compiles the
# GPU tests without running them (they need a GPU: gorgonia.org/cu's init
# exits without one), and compiles the forward-pass kernels with NVRTC
# (libnvrtc11.2, libnvrtc-builtins11.8), which needs no GPU.
#
# Nothing is installed system-wide: `apt-get download` the .deb files and
# extract only the headers, the stubs and NVRTC into .cache/cuda/root. The
# non-free component is added to apt's sources for the download if it is
# missing. Where apt cannot provide the packages at all, the check says so
# and stops (exit 0 unless CUDA_CHECK_REQUIRED=1), since a default build has
# no CUDA dependency.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(nvidia-cuda-dev libnvrtc11.2 libnvrtc-builtins11.8)
DIR=${CUDA_CHECK_DIR:-.cache/cuda}
ROOT=$DIR/root
STAMP=$DIR/stamp
want=$(printf '%s\n' "${PKGS[@]}")
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

skip() {
	echo "cuda-check: SKIPPED: $*" >&2
	[ "${CUDA_CHECK_REQUIRED:-0}" = 1 ] && exit 1
	exit 0
}

if ! [ -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
	command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || skip "needs apt-get and dpkg-deb"
	has() { local p; p=$(apt-cache policy nvidia-cuda-dev 2>/dev/null || true); [[ $p == *'Candidate: '[0-9]* ]]; }
	if ! has; then
		if [ -d /etc/apt/sources.list.d ]; then
			printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: non-free contrib\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
				$SUDO tee /etc/apt/sources.list.d/provenet-cuda-check.sources >/dev/null
			$SUDO apt-get update -qq || true
		fi
		has || skip "apt has no nvidia-cuda-dev (Debian non-free)"
	fi
	rm -rf "$DIR"
	mkdir -p "$DIR/debs" "$ROOT"
	(cd "$DIR/debs" && apt-get download "${PKGS[@]}" >/dev/null) || skip "apt-get download ${PKGS[*]} failed"
	for deb in "$DIR"/debs/*.deb; do
		# headers, stub libraries and NVRTC only (the package is 2.7 GB unpacked)
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$ROOT" --wildcards \
			'./usr/include/*' './usr/lib/x86_64-linux-gnu/stubs/*' './usr/lib/x86_64-linux-gnu/libnvrtc*' 2>/dev/null || true
	done
	rm -rf "$DIR/debs"
	[ -f "$ROOT/usr/include/cuda.h" ] && [ -f "$ROOT/usr/lib/x86_64-linux-gnu/stubs/libcuda.so" ] || { echo "cuda-check: cuda.h or the stubs are missing after extraction" >&2; exit 1; }
	echo "$want" >"$STAMP"
fi

ROOT=$(cd "$ROOT" && pwd)
LIB=$ROOT/usr/lib/x86_64-linux-gnu
export CGO_ENABLED=1
export CGO_CFLAGS="-I$ROOT/usr/include"
export CGO_LDFLAGS="-L$LIB -L$LIB/stubs"
export LD_LIBRARY_PATH="$LIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
GO=${GO:-go}

echo "cuda-check: vet and build with -tags cuda (CUDA 11.8 headers and stubs)"
$GO vet -tags cuda ./gpu/... ./cmd/...   # the packages the tag changes
$GO build -tags cuda -o /dev/null ./cmd/provenet
echo "cuda-check: compile the GPU tests (run them on a GPU: go test -tags cuda ./gpu/cuda/)"
$GO test -tags cuda -c -o /dev/null ./gpu/cuda/
echo "cuda-check: compile the kernels with NVRTC"
$GO test -count=1 -tags cuda -v -run 'TestCompileWithNVRTC|TestSourceMatchesEntryPoints' ./gpu/cuda/kernels/ | grep -E '^(--- |ok|FAIL|    )'
echo "cuda-check: the default build has no cgo dependency on CUDA"
if $GO list -deps ./cmd/provenet | grep -q '^gorgonia.org/cu'; then
	echo "cuda-check: a build without the tag imports gorgonia.org/cu" >&2
	exit 1
fi
echo "cuda-check: ok"
