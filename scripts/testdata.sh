#!/usr/bin/env bash
# Fetches the real data the tests read (text made by others, see
# internal/realdata) into .cache/testdata/root of the repository, laid out as
# the Debian packages install it (root/usr/share/...), without installing
# anything system-wide: `apt-get download` the .deb files, `dpkg-deb -x`
# them into one root.
#
#   python3.11-doc                 the crawl corpus (/usr/share/doc/python3.11/html)
#   fortunes, fortunes-min         labelled text (/usr/share/games/fortunes)
#   libjs-jquery, libjs-underscore what python3.11-doc's _static/*.js link to
#   diffutils-doc                  a second, non-Sphinx (texinfo) HTML set for the extractor
#   prometheus                     for its promtool (/usr/bin/promtool), which lints the nodes' /metrics
#
# Needs apt-get and dpkg-deb (Debian or a derivative that has these
# packages) and the Debian archive. Idempotent: a stamp holding the package
# list marks a finished root, and a second run with the same list does
# nothing. TESTDATA_DIR overrides the cache directory.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(python3.11-doc fortunes fortunes-min libjs-jquery libjs-underscore diffutils-doc prometheus)
DIR=${TESTDATA_DIR:-.cache/testdata}
ROOT=$DIR/root
STAMP=$DIR/stamp

want=$(printf '%s\n' "${PKGS[@]}")
if [ -f "$STAMP" ] && [ -d "$ROOT" ] && [ "$(cat "$STAMP")" = "$want" ]; then
	exit 0
fi

for tool in apt-get dpkg-deb; do
	command -v "$tool" >/dev/null || {
		echo "testdata: $tool not found: the test data comes from Debian packages (${PKGS[*]});" >&2
		echo "testdata: on another system extract them by hand and set PROVENET_TESTDATA to that root" >&2
		exit 1
	}
done

mkdir -p "$DIR"
debs=$DIR/debs
rm -rf "$debs" "$ROOT.tmp"
mkdir -p "$debs" "$ROOT.tmp"

# apt-get download needs no root and installs nothing; as root it warns that
# the _apt user cannot write here, which is harmless.
download() { (cd "$debs" && apt-get download -qq "${PKGS[@]}" 2>&1 | grep -v "^W: Download is performed unsandboxed" || true) ; }
download
if [ "$(find "$debs" -name '*.deb' | wc -l)" -ne "${#PKGS[@]}" ]; then
	echo "testdata: refreshing the package lists (apt-get update)" >&2
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	rm -f "$debs"/*.deb
	download
fi
n=$(find "$debs" -name '*.deb' | wc -l)
if [ "$n" -ne "${#PKGS[@]}" ]; then
	echo "testdata: downloaded $n of ${#PKGS[@]} packages (${PKGS[*]})" >&2
	exit 1
fi

for deb in "$debs"/*.deb; do
	dpkg-deb -x "$deb" "$ROOT.tmp"
	dpkg-deb --showformat='${Package} ${Version}\n' -W "$deb"
done >"$DIR/versions"

# Absolute symbolic links would point out of the root into the system;
# make them relative so that they resolve inside it. (Today's packages link
# relatively: html/_static/jquery.js -> ../../../../javascript/jquery/jquery.js.)
while IFS= read -r -d '' link; do
	target=$(readlink "$link")
	case $target in
	/*) ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$ROOT.tmp$target")" "$link" ;;
	esac
done < <(find "$ROOT.tmp" -type l -print0)

rm -rf "$ROOT" "$debs"
mv "$ROOT.tmp" "$ROOT"
printf '%s\n' "$want" >"$STAMP"
echo "testdata: $(du -sh "$ROOT" | cut -f1) in $ROOT from $(paste -sd, "$DIR/versions" | sed 's/,/, /g')"
