# shellcheck shell=bash
# ui.sh - `sangkien ui` in integration and browser tests (source after
# itest.sh).  The interface runs with SANGKIEN_BROWSER=none and is found
# through its instance file (STORE.ui), which holds its address.

# it_ui_start STORE [ARGS...]: start `sangkien ui` on STORE in the
# background; sets UI_PID, UI_URL (secret included), UI_PORT and UI_BASE
# (http://127.0.0.1:PORT).  Its output goes to $T/ui.log.
it_ui_start() {
	local store=$1 old i
	shift
	# A killed ui leaves its file: wait for the new address, not the old.
	old=$(head -n 1 "$store.ui" 2>/dev/null || true)
	SANGKIEN_BROWSER=none "$SK_SANGKIEN" --store "$store" ui --no-browser "$@" \
		>>"$T/ui.log" 2>&1 &
	UI_PID=$!
	IT_PIDS+=("$UI_PID")
	for ((i = 0; i < 100; i++)); do
		UI_URL=$(head -n 1 "$store.ui" 2>/dev/null || true)
		[ -n "$UI_URL" ] && [ "$UI_URL" != "$old" ] && break
		kill -0 "$UI_PID" 2>/dev/null || it_fail "sangkien ui exited at start (see ui.log)"
		sleep 0.1
	done
	[[ $UI_URL =~ ^http://127\.0\.0\.1:([0-9]+)/\?k=[0-9a-f]{48}$ ]] ||
		it_fail "sangkien ui published '$UI_URL'"
	UI_PORT=${BASH_REMATCH[1]}
	UI_BASE=http://127.0.0.1:$UI_PORT
	it_note "sangkien ui pid $UI_PID at $UI_BASE"
}

# it_ui_stop: SIGTERM and require a clean exit.
it_ui_stop() {
	local rc=0
	sk_stop_pid "$UI_PID" || rc=$?
	[ "$rc" -eq 0 ] || it_fail "sangkien ui exited with status $rc after SIGTERM"
	UI_PID=
}

# it_console_start NAME [ARGS...]: start `sangkien-admin ui` in the
# background with the operator environment of the moment
# (SANGKIEN_ADMIN_SERVER, SANGKIEN_ADMIN_CREDENTIAL), its own data folder
# $T/console-NAME (one console per user: a second console needs another
# folder); sets CONSOLE_PID, CONSOLE_URL (secret included) and
# CONSOLE_BASE.  Its output goes to $T/console-NAME.log.
it_console_start() {
	local name=$1 dir i
	shift
	dir=$T/console-$name
	mkdir -p "$dir"
	XDG_DATA_HOME=$dir SANGKIEN_BROWSER=none "$SK_ADMIN" ui --no-browser "$@" \
		>>"$T/console-$name.log" 2>&1 &
	CONSOLE_PID=$!
	IT_PIDS+=("$CONSOLE_PID")
	CONSOLE_URL=
	for ((i = 0; i < 100; i++)); do
		CONSOLE_URL=$(head -n 1 "$dir/sangkien/admin-ui" 2>/dev/null || true)
		[ -n "$CONSOLE_URL" ] && break
		kill -0 "$CONSOLE_PID" 2>/dev/null ||
			it_fail "sangkien-admin ui exited at start (see console-$name.log)"
		sleep 0.1
	done
	[[ $CONSOLE_URL =~ ^http://127\.0\.0\.1:([0-9]+)/\?k=[0-9a-f]{48}$ ]] ||
		it_fail "sangkien-admin ui published '$CONSOLE_URL'"
	CONSOLE_BASE=http://127.0.0.1:${BASH_REMATCH[1]}
	it_note "sangkien-admin ui ($name) pid $CONSOLE_PID at $CONSOLE_BASE"
}

# it_console_stop: SIGTERM and require a clean exit.
it_console_stop() {
	local rc=0
	sk_stop_pid "$CONSOLE_PID" || rc=$?
	[ "$rc" -eq 0 ] || it_fail "sangkien-admin ui exited with status $rc after SIGTERM"
	CONSOLE_PID=
}
