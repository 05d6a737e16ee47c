# shellcheck shell=bash
# server.sh - start and stop sangkiend in the background.  Source common.sh
# first.

# sk_server_start BIN RUNDIR CONNINFO PORT [EXTRA ARGS...]
# Starts `BIN serve` on 127.0.0.1:PORT (0: a free port) with its log in
# RUNDIR/sangkiend.log, waits until it listens, and sets SK_SERVER_PID and
# SK_SERVER_PORT (also written to RUNDIR/sangkiend.pid and RUNDIR/port).
# The process is a child of the calling shell, so `wait` gets its status.
# With SK_SERVER_DETACH=1 it also leaves the caller's session, so it keeps
# running after the calling script and its terminal are gone.
sk_server_start() {
	local bin=$1 rundir=$2 conninfo=$3 port=$4 detach=()
	shift 4
	[ "${SK_SERVER_DETACH:-0}" = 1 ] && detach=(setsid)
	rm -f "$rundir/port"
	nohup "${detach[@]}" "$bin" serve --listen "127.0.0.1:$port" --db "$conninfo" \
		--port-file "$rundir/port" "$@" </dev/null >>"$rundir/sangkiend.log" 2>&1 &
	SK_SERVER_PID=$!
	echo "$SK_SERVER_PID" >"$rundir/sangkiend.pid"
	if ! sk_wait_file "$rundir/port" 20 || ! kill -0 "$SK_SERVER_PID" 2>/dev/null; then
		tail -n 20 "$rundir/sangkiend.log" >&2 || true
		kill -KILL "$SK_SERVER_PID" 2>/dev/null || true
		SK_SERVER_PID=
		rm -f "$rundir/sangkiend.pid"
		sk_warn "sangkiend did not start listening (log above: $rundir/sangkiend.log)"
		return 1
	fi
	SK_SERVER_PORT=$(tr -d '[:space:]' <"$rundir/port")
	[[ $SK_SERVER_PORT =~ ^[0-9]+$ ]] || {
		sk_warn "sangkiend wrote '$SK_SERVER_PORT' to $rundir/port, not a port"
		return 1
	}
}

# sk_server_stop RUNDIR: SIGTERM the server started there; returns its exit
# status when it is our child (0 expected after SIGTERM).
sk_server_stop() {
	local rundir=$1 pid rc=0
	pid=$(cat "$rundir/sangkiend.pid" 2>/dev/null || true)
	[ -n "$pid" ] || return 0
	sk_stop_pid "$pid" 15 || rc=$?
	rm -f "$rundir/sangkiend.pid"
	return "$rc"
}
