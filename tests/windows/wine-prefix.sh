#!/usr/bin/env bash
# tests/windows/wine-prefix.sh [--stop] WINEPREFIX - the Wine prefix the
# Windows tests run in.  Without --stop: make it (once; a prefix already
# made is kept), headless, and start its Wine server so that it stays up
# between the tests' programs (it exits by itself 60 seconds after the
# last one); run by ctest as the fixture windows.wine_prefix before any
# Windows program.  With --stop: end every Wine process of the prefix
# (wineserver -k) and wait for its server to be gone; run by ctest as
# windows.wine_stop after the last one, so that no Wine process outlives
# the tests.  Every wait is bounded and ends with a message saying what
# did not finish.
set -euo pipefail
stop=0
[ "${1:-}" != --stop ] || { stop=1; shift; }
export WINEPREFIX=${1:?usage: $0 [--stop] WINEPREFIX}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
WINE_DIR=/usr/lib/wine
[ -x "$WINE_DIR/wine64" ] || { echo "error: $WINE_DIR/wine64 not found (Debian package wine64)" >&2; exit 1; }

# bounded SECONDS WHAT COMMAND...: COMMAND, failing with a message when it
# has not ended after SECONDS.
bounded() {
	local seconds=$1 what=$2 rc=0
	shift 2
	timeout --kill-after=5 "$seconds" "$@" || rc=$?
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "FAIL: $what did not end within ${seconds}s (Wine prefix $WINEPREFIX)" >&2
	fi
	return "$rc"
}

if [ "$stop" = 1 ]; then
	# No server: nothing runs in the prefix.
	[ -f "$WINEPREFIX/system.reg" ] || exit 0
	"$WINE_DIR/wineserver" -k 2>/dev/null || true
	bounded 30 "wineserver -w after wineserver -k" "$WINE_DIR/wineserver" -w
	echo "Wine prefix $WINEPREFIX: every Wine process ended"
	exit 0
fi

if [ -f "$WINEPREFIX/system.reg" ] && [ -d "$WINEPREFIX/drive_c/users" ]; then
	echo "Wine prefix $WINEPREFIX: already made"
else
	started=$SECONDS
	rm -rf "$WINEPREFIX"
	mkdir -p "$WINEPREFIX"
	bounded 240 "wineboot --init" "$WINE_DIR/wine64" wineboot --init
	# wineboot returns before the registry is written: wait for the server.
	bounded 120 "wineserver -w after wineboot" "$WINE_DIR/wineserver" -w
	[ -f "$WINEPREFIX/system.reg" ] ||
		{ echo "error: wineboot made no prefix in $WINEPREFIX" >&2; exit 1; }
	echo "Wine prefix $WINEPREFIX made in $((SECONDS - started))s"
fi
# Fails harmlessly when a server for this prefix is already running.
"$WINE_DIR/wineserver" -p60 2>/dev/null || true
