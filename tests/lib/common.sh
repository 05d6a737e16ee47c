# shellcheck shell=bash
# common.sh - helpers shared by deploy/quickstart.sh, tests/run-all.sh and
# the integration tests.  Source it; it defines functions only.

# Messages go to stderr so stdout stays for results.
sk_say() { printf '==> %s\n' "$*" >&2; }
sk_warn() { printf 'warning: %s\n' "$*" >&2; }
sk_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The checkout's top directory (this file lives in tests/lib/).
sk_checkout_root() {
	(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
}

sk_is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root: directly when we are root, else through sudo.
sk_as_root() {
	if sk_is_root; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		sk_die "'$*' needs root and sudo is not installed"
	fi
}

# _sk_wait TEST PATH SECONDS: poll `test TEST PATH` for at most SECONDS.
_sk_wait() {
	local flag=$1 path=$2 seconds=$3 i
	for ((i = 0; i < seconds * 10; i++)); do
		test "$flag" "$path" && return 0
		sleep 0.1
	done
	test "$flag" "$path"
}

# Wait until FILE exists and is not empty (a port file), at most SECONDS.
# Returns 1 on timeout.
sk_wait_file() { _sk_wait -s "$1" "${2:-10}"; }

# Wait until PATH exists, even empty (a marker), at most SECONDS.
sk_wait_path() { _sk_wait -e "$1" "${2:-10}"; }

# Is something listening on 127.0.0.1:PORT?
sk_port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A port that nothing listens on right now (bash cannot bind, so this is a
# best effort; callers retry when the port is taken before they use it).
# Picked from 10000-30999, below the kernel's ephemeral range (read from
# /proc; 32768 by default), so an outgoing connection never holds it.
sk_pick_port() {
	local p i low=10000 high=30999 ephemeral
	read -r ephemeral _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || ephemeral=32768
	[ "$ephemeral" -gt $((high + 1)) ] || high=$((ephemeral - 1))
	for ((i = 0; i < 50; i++)); do
		p=$((low + RANDOM % (high - low + 1)))
		sk_port_in_use "$p" || { echo "$p"; return 0; }
	done
	return 1
}

# Stop a process we started: SIGTERM, wait up to SECONDS, then SIGKILL.
# Returns the process's exit status when it is a child of this shell (so
# callers can check a clean shutdown), else 0.
sk_stop_pid() {
	local pid=$1 seconds=${2:-10} i child=0
	[ -n "$pid" ] || return 0
	[ "$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" = "$BASHPID" ] &&
		child=1
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < seconds * 10; i++)); do
		# A child that exited stays a zombie until waited for.
		[ "$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" = Z ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null &&
		[ "$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" != Z ]; then
		sk_warn "process $pid ignored SIGTERM for ${seconds}s; killing it"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	[ "$child" -eq 1 ] || return 0
	wait "$pid" 2>/dev/null
}
