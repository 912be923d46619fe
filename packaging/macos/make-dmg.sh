#!/usr/bin/env bash
# macOS disk image: dist/mdo-planner-<version>-macos-<arch>.dmg with "MDO Planner.app" and a
# link to /Applications to drag it onto. Run on a Mac after `make package`, which (on macOS)
# makes dist/MDO Planner.app through the BUNDLE section of packaging/mdo-planner.spec.
#
# Signing and notarisation (needed for Gatekeeper on managed Macs) take the hospital's or
# vendor's Developer ID; set them in the environment to have this script do both:
#   MACOS_SIGN_IDENTITY="Developer ID Application: ..."  (codesign identity)
#   MACOS_NOTARY_PROFILE=mdo-notary                       (xcrun notarytool keychain profile)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP="${1:-$ROOT/dist/MDO Planner.app}"
OUT="${2:-$ROOT/dist}"
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -1)"
ARCH="$(uname -m)"
DMG="$OUT/mdo-planner-$VERSION-macos-$ARCH.dmg"

[ "$(uname -s)" = Darwin ] || { echo "make-dmg: run this on macOS (hdiutil)" >&2; exit 2; }
[ -d "$APP" ] || { echo "make-dmg: no app bundle at $APP (run \`make package\` on macOS)" >&2; exit 2; }
BUILT="$("$APP/Contents/MacOS/mdo-planner" --version | head -1)"
[ "$BUILT" = "mdo-planner $VERSION" ] || { echo "make-dmg: $APP is '$BUILT', expected $VERSION" >&2; exit 2; }

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  # Hardened runtime is required for notarisation; the entitlements allow what PyInstaller's
  # bootloader and Qt need (loading our own unsigned-by-Apple libraries, no JIT).
  codesign --force --deep --options runtime --timestamp \
    --entitlements "$HERE/entitlements.plist" --sign "$MACOS_SIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict "$APP"
fi

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
mkdir -p "$OUT"
rm -f "$DMG"
hdiutil create -volname "MDO Planner $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "$DMG"
