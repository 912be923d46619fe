#!/usr/bin/env bash
# Linux AppImage: one file that runs on most desktop distributions without installing.
#   dist/mdo-planner-<version>-<arch>.AppImage
# Needs `appimagetool` on the PATH (from the AppImage project's releases; it is not in Debian
# and cannot be fetched by this script). Without it, the AppDir is left in build/ and the
# script says so and exits with status 3, so CI can tell "not built" from "broken".
# Usage: packaging/linux/make-appimage.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="${1:-$ROOT/dist/mdo-planner}"
OUT="${2:-$ROOT/dist}"
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -1)"
ARCH="$(uname -m)"
APPDIR="$ROOT/build/AppDir"

[ -x "$BUILD/mdo-planner" ] || { echo "make-appimage: no frozen build at $BUILD" >&2; exit 2; }

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/share/applications" \
         "$APPDIR/usr/share/icons/hicolor/256x256/apps"
cp -a "$BUILD" "$APPDIR/usr/lib/mdo-planner"
cp "$HERE/mdo-planner.desktop" "$APPDIR/mdo-planner.desktop"
cp "$HERE/mdo-planner.desktop" "$APPDIR/usr/share/applications/"
cp "$ROOT/packaging/icons/mdo-planner.png" "$APPDIR/mdo-planner.png"
cp "$ROOT/packaging/icons/mdo-planner.png" "$APPDIR/usr/share/icons/hicolor/256x256/apps/"
ln -sf mdo-planner.png "$APPDIR/.DirIcon"
cat > "$APPDIR/AppRun" <<'RUN'
#!/bin/sh
# The AppImage is read-only: a site configuration goes to /etc/xdg/mdo-planner or is named by
# MDO_PLANNER_CONFIG; per-user data and logs live in the usual XDG folders.
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/lib/mdo-planner/mdo-planner" "$@"
RUN
chmod 755 "$APPDIR/AppRun"
"$APPDIR/AppRun" --version | head -1

if ! command -v appimagetool >/dev/null 2>&1; then
  echo "make-appimage: appimagetool is not on the PATH; the AppDir is ready in $APPDIR" >&2
  exit 3
fi
mkdir -p "$OUT"
ARCH="$ARCH" appimagetool --no-appstream "$APPDIR" "$OUT/mdo-planner-$VERSION-$ARCH.AppImage"
echo "$OUT/mdo-planner-$VERSION-$ARCH.AppImage"
