#!/usr/bin/env bash
# Pack the one-folder build (dist/mdo-planner, from `make package`) into a Linux tarball that
# IT unpacks and installs per user or system-wide with its install.sh:
#   dist/mdo-planner-<version>-linux-<arch>.tar.gz
# Usage: packaging/linux/make-tarball.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="${1:-$ROOT/dist/mdo-planner}"
OUT="${2:-$ROOT/dist}"
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -1)"
ARCH="$(uname -m)"
NAME="mdo-planner-$VERSION-linux-$ARCH"

if [ ! -x "$BUILD/mdo-planner" ]; then
  echo "make-tarball: no frozen build at $BUILD (run \`make package\` first)" >&2
  exit 2
fi
# Refuse to pack a build whose version differs from pyproject.toml (a stale dist/).
BUILT="$("$BUILD/mdo-planner" --version | head -1)"
if [ "$BUILT" != "mdo-planner $VERSION" ]; then
  echo "make-tarball: $BUILD is '$BUILT', pyproject.toml says $VERSION: rebuild it" >&2
  exit 2
fi

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/$NAME/icons"
cp -a "$BUILD" "$STAGE/$NAME/app"
cp "$HERE/mdo-planner.desktop" "$HERE/install.sh" "$STAGE/$NAME/"
cp "$ROOT/packaging/site-config.example.toml" "$STAGE/$NAME/"
cp "$ROOT/packaging/icons/mdo-planner.svg" "$ROOT/packaging/icons/mdo-planner-48.png" \
   "$ROOT/packaging/icons/mdo-planner.png" "$ROOT/packaging/icons/mdo-planner-512.png" \
   "$STAGE/$NAME/icons/"
chmod 755 "$STAGE/$NAME/install.sh"
mkdir -p "$OUT"
# Owner and timestamps normalised so that two builds of one commit differ only in content.
tar --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-$(date +%s)}" \
    -C "$STAGE" -czf "$OUT/$NAME.tar.gz" "$NAME"
echo "$OUT/$NAME.tar.gz"
