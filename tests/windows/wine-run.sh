#!/usr/bin/env bash
# tests/windows/wine-run.sh --prefix WINEPREFIX PROGRAM.exe [ARGS...] - run a
# program of the Windows build under Wine (Debian wine64), headless: no X
# display, no Wine debug output, the Wine prefix in the build folder.  The
# program's exit status is this script's.  Used by ctest as the emulator of
# the Windows build and by the Wine tests (tests/windows/).
set -euo pipefail
[ "${1:-}" = --prefix ] && [ $# -ge 3 ] ||
	{ echo "usage: $0 --prefix WINEPREFIX PROGRAM.exe [ARGS...]" >&2; exit 2; }
export WINEPREFIX=$2
shift 2
WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || { echo "error: $WINE not found (Debian package wine64)" >&2; exit 1; }
[ -f "$WINEPREFIX/system.reg" ] ||
	{ echo "error: no Wine prefix in $WINEPREFIX (tests/windows/wine-prefix.sh makes it)" >&2; exit 1; }
export WINEDEBUG=-all
# Console programs only: no window, and no offer to install Mono or Gecko.
unset DISPLAY WAYLAND_DISPLAY
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
exec "$WINE" "$@"
