#!/bin/sh
# Install MDO Planner from this unpacked tarball.
#
#   ./install.sh                       per user: ~/.local/opt/mdo-planner, no root needed
#   sudo ./install.sh --system         all users: /opt/mdo-planner
#   ./install.sh --db-url URL [--privacy MODE]
#                                      also write the site configuration (database URL,
#                                      default agenda privacy) for this installation
#   ./install.sh --uninstall [--system]
#                                      remove the program (never the users' data or logs)
#   --prefix DIR                       install the program files into DIR instead
#
# Unattended: every option works without a terminal; the exit status is 0 on success.
# Re-running over an existing installation upgrades it and keeps its site configuration.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
SYSTEM=0
UNINSTALL=0
PREFIX=""
DB_URL=""
PRIVACY=""

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --system) SYSTEM=1 ;;
    --uninstall) UNINSTALL=1 ;;
    --prefix) PREFIX="${2:?--prefix needs a folder}"; shift ;;
    --db-url) DB_URL="${2:?--db-url needs a URL}"; shift ;;
    --privacy) PRIVACY="${2:?--privacy needs full, pseudonymised or minimal}"; shift ;;
    -h|--help) usage 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage 2 ;;
  esac
  shift
done

case "$PRIVACY" in
  ""|full|pseudonymised|minimal) ;;
  *) echo "install.sh: --privacy must be full, pseudonymised or minimal, not '$PRIVACY'" >&2; exit 2 ;;
esac

if [ "$SYSTEM" = 1 ]; then
  PREFIX="${PREFIX:-/opt/mdo-planner}"
  BIN_DIR=/usr/local/bin
  SHARE=/usr/share
else
  [ -n "${HOME:-}" ] || { echo "install.sh: HOME is not set" >&2; exit 2; }
  PREFIX="${PREFIX:-$HOME/.local/opt/mdo-planner}"
  BIN_DIR="$HOME/.local/bin"
  SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
DESKTOP="$SHARE/applications/mdo-planner.desktop"
ICONS="$SHARE/icons/hicolor"

if [ "$UNINSTALL" = 1 ]; then
  rm -rf "$PREFIX"
  rm -f "$BIN_DIR/mdo-planner" "$DESKTOP"
  for size in 48x48 256x256 512x512; do rm -f "$ICONS/$size/apps/mdo-planner.png"; done
  rm -f "$ICONS/scalable/apps/mdo-planner.svg"
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
  echo "MDO Planner removed from $PREFIX (data and logs of the users are kept)"
  exit 0
fi

[ -x "$HERE/app/mdo-planner" ] || { echo "install.sh: $HERE/app/mdo-planner is missing" >&2; exit 2; }

# Copy beside the old installation, then swap: a failed copy leaves the old one working.
mkdir -p "$(dirname "$PREFIX")"
NEW="$PREFIX.new.$$"
rm -rf "$NEW"
cp -a "$HERE/app" "$NEW"
if [ -f "$PREFIX/mdo-planner.toml" ]; then
  cp -p "$PREFIX/mdo-planner.toml" "$NEW/mdo-planner.toml"
fi
if [ -n "$DB_URL" ] || [ -n "$PRIVACY" ]; then
  toml_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
  {
    echo "# Written by install.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); see site-config.example.toml"
    if [ -n "$DB_URL" ]; then
      echo "[database]"
      echo "url = $(toml_string "$DB_URL")"
      echo "allow_user_database = false"
    fi
    if [ -n "$PRIVACY" ]; then
      echo "[agenda]"
      echo "privacy_default = \"$PRIVACY\""
    fi
  } > "$NEW/mdo-planner.toml"
  chmod 644 "$NEW/mdo-planner.toml"
fi
rm -rf "$PREFIX.old.$$"
[ -e "$PREFIX" ] && mv "$PREFIX" "$PREFIX.old.$$"
mv "$NEW" "$PREFIX"
rm -rf "$PREFIX.old.$$"

mkdir -p "$BIN_DIR" "$SHARE/applications" "$ICONS/48x48/apps" "$ICONS/256x256/apps" \
         "$ICONS/512x512/apps" "$ICONS/scalable/apps"
ln -sf "$PREFIX/mdo-planner" "$BIN_DIR/mdo-planner"
cp "$HERE/icons/mdo-planner-48.png" "$ICONS/48x48/apps/mdo-planner.png"
cp "$HERE/icons/mdo-planner.png" "$ICONS/256x256/apps/mdo-planner.png"
cp "$HERE/icons/mdo-planner-512.png" "$ICONS/512x512/apps/mdo-planner.png"
cp "$HERE/icons/mdo-planner.svg" "$ICONS/scalable/apps/mdo-planner.svg"
# The menu entry starts the program by its full path: ~/.local/bin is often not on the PATH
# of a graphical session.
sed "s|^Exec=mdo-planner|Exec=\"$PREFIX/mdo-planner\"|" "$HERE/mdo-planner.desktop" > "$DESKTOP"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true

"$PREFIX/mdo-planner" --version | head -1
echo "installed in $PREFIX; menu entry $DESKTOP"
