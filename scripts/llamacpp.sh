#!/usr/bin/env bash
# Installs llama.cpp as the npm package node-llama-cpp ships it (prebuilt
# CPU binaries, nothing compiled) into .cache/llamacpp, with greedy.mjs,
# for the tests that check the engine and `provenet model convert` against
# llama.cpp (TestGreedyMatchesLlamaCpp). Needs node and npm; CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${LLAMACPP_DIR:-.cache/llamacpp}
VERSION=3.22.1
mkdir -p "$DIR"
if ! [ -f "$DIR/node_modules/node-llama-cpp/package.json" ] || ! grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/node-llama-cpp/package.json"; then
	# Only the x64 CPU binaries: the optional CUDA and Vulkan builds are
	# most of the 700 MB a plain install fetches.
	(cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts --omit=optional \
		"node-llama-cpp@$VERSION" "@node-llama-cpp/linux-x64@$VERSION" >/dev/null)
fi
cp scripts/llamacpp/greedy.mjs "$DIR/greedy.mjs"
echo "llamacpp: node-llama-cpp $VERSION in $DIR"
