#!/usr/bin/env bash
# tests/windows/wine-prefix.sh WINEPREFIX - make the Wine prefix the Windows
# tests run in (once; a prefix already made is kept), headless, and start its
# Wine server so that it stays up between the tests' programs (it exits by
# itself 60 seconds after the last one).  Run by ctest as the fixture
# windows.wine_prefix before any Windows program.
set -euo pipefail
export WINEPREFIX=${1:?usage: $0 WINEPREFIX}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
WINE_DIR=/usr/lib/wine
[ -x "$WINE_DIR/wine64" ] || { echo "error: $WINE_DIR/wine64 not found (Debian package wine64)" >&2; exit 1; }
if [ -f "$WINEPREFIX/system.reg" ] && [ -d "$WINEPREFIX/drive_c/users" ]; then
	echo "Wine prefix $WINEPREFIX: already made"
else
	started=$SECONDS
	rm -rf "$WINEPREFIX"
	mkdir -p "$WINEPREFIX"
	"$WINE_DIR/wine64" wineboot --init
	# wineboot returns before the registry is written: wait for the server.
	"$WINE_DIR/wineserver" -w
	[ -f "$WINEPREFIX/system.reg" ] ||
		{ echo "error: wineboot made no prefix in $WINEPREFIX" >&2; exit 1; }
	echo "Wine prefix $WINEPREFIX made in $((SECONDS - started))s"
fi
# Fails harmlessly when a server for this prefix is already running.
"$WINE_DIR/wineserver" -p60 2>/dev/null || true
