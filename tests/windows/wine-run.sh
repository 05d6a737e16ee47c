#!/usr/bin/env bash
# tests/windows/wine-run.sh --prefix WINEPREFIX PROGRAM.exe [ARGS...] - run a
# program of the Windows build under Wine (Debian wine64), headless: no X
# display, no Wine debug output, the Wine prefix in the build folder.  The
# program's exit status is this script's.  Used by ctest as the emulator of
# the Windows build and by the Wine tests (tests/windows/).
#
# Never a hang: a program still running after SK_WINE_TIMEOUT seconds
# (default 150, below ctest's limits) is stopped with its process group
# (SIGTERM, SIGKILL 10 s later) and this script fails saying so.  SIGTERM
# and SIGINT sent to this script go on to the program.
set -euo pipefail
[ "${1:-}" = --prefix ] && [ $# -ge 3 ] ||
	{ echo "usage: $0 --prefix WINEPREFIX PROGRAM.exe [ARGS...]" >&2; exit 2; }
export WINEPREFIX=$2
shift 2
WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || { echo "error: $WINE not found (Debian package wine64)" >&2; exit 1; }
[ -f "$WINEPREFIX/system.reg" ] ||
	{ echo "error: no Wine prefix in $WINEPREFIX (tests/windows/wine-prefix.sh makes it)" >&2; exit 1; }
limit=${SK_WINE_TIMEOUT:-150}
[[ $limit =~ ^[1-9][0-9]*$ ]] || { echo "error: SK_WINE_TIMEOUT=$limit is no number of seconds" >&2; exit 2; }
export WINEDEBUG=-all
# Console programs only: no window, and no offer to install Mono or Gecko.
unset DISPLAY WAYLAND_DISPLAY
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

# In the background to stay able to forward signals (bash runs no trap
# while it waits for a command in the foreground); stdin given explicitly,
# or a background command reads /dev/null.
started=$SECONDS
timeout --kill-after=10 "$limit" "$WINE" "$@" <&0 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' TERM INT HUP
while :; do
	rc=0
	wait "$pid" || rc=$?
	# A signal ends the wait early; the program is then still running.
	kill -0 "$pid" 2>/dev/null || break
done
# 124: stopped by SIGTERM, 137: by SIGKILL after it.
if { [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; } && [ $((SECONDS - started)) -ge "$limit" ]; then
	echo "FAIL: ${1##*[/\\]} did not end within ${limit}s under Wine (SK_WINE_TIMEOUT); stopped" >&2
fi
exit "$rc"
