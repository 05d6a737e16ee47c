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
