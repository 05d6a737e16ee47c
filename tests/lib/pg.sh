# shellcheck shell=bash
# pg.sh - a private PostgreSQL cluster in a directory: loopback only, a free
# port, its unix socket in the same directory, run by an unprivileged user.
# When we are root that user is the system user `sangkien` (created when
# missing); otherwise it is the current user.  Source common.sh first.
#
# Layout of a cluster directory DIR:
#   DIR/data/          the cluster (PGDATA)
#   DIR/.s.PGSQL.PORT  the socket (trust authentication; directory mode 0700)
#   DIR/postgres.log   the server log
#   DIR/pg.env         shell assignments describing the running cluster:
#                      SK_PG_HOST SK_PG_PORT SK_PG_USER SK_PG_BIN
# TCP on 127.0.0.1 needs the password kept in DIR/password.

SK_PG_SYSTEM_USER=sangkien
SK_PG_SUPERUSER=sangkien

# The user postgres runs as.
sk_pg_owner() {
	if sk_is_root; then echo "$SK_PG_SYSTEM_USER"; else id -un; fi
}

# Run a command as the cluster's owner.
sk_pg_as_owner() {
	if sk_is_root; then
		# From /, since the current directory may be closed to that user.
		(cd / && runuser -u "$SK_PG_SYSTEM_USER" -- "$@")
	else
		"$@"
	fi
}

sk_pg_ensure_owner() {
	sk_is_root || return 0
	id -u "$SK_PG_SYSTEM_USER" >/dev/null 2>&1 && return 0
	sk_say "creating system user '$SK_PG_SYSTEM_USER' to run PostgreSQL"
	useradd --system --user-group --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin "$SK_PG_SYSTEM_USER" ||
		sk_die "cannot create system user '$SK_PG_SYSTEM_USER'"
}

# Directory holding initdb, pg_ctl and postgres (Debian keeps them off PATH).
sk_pg_bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then
		echo "$d"
	elif command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
	else
		sk_die "PostgreSQL server binaries (initdb) not found; install postgresql"
	fi
}

# The directory a cluster really lives in.  The requested one is used when
# the owner can reach it and its socket path fits the 107-byte limit of unix
# sockets; otherwise (e.g. a checkout under /root when postgres runs as
# `sangkien`) the cluster goes to /tmp and the requested path becomes a
# symbolic link to it.
sk_pg_resolve_dir() {
	local want=$1 parent real
	parent=$(dirname "$want")
	mkdir -p "$parent"
	parent=$(cd "$parent" && pwd -P)
	want="$parent/$(basename "$want")"
	if [ -L "$want" ]; then
		real=$(readlink "$want")
		if [ -d "$real" ]; then
			echo "$real"
			return 0
		fi
		rm -f "$want"
	fi
	if [ ${#want} -le 80 ] && sk_pg_as_owner test -x "$parent"; then
		if [ ! -d "$want" ]; then
			mkdir -p "$want"
			sk_is_root && chown "$SK_PG_SYSTEM_USER:" "$want"
		fi
		chmod 0700 "$want"
		echo "$want"
		return 0
	fi
	if [ -d "$want" ] && ! rmdir "$want" 2>/dev/null; then
		sk_die "user '$(sk_pg_owner)' cannot reach $want, which is not empty; move it away"
	fi
	real=/tmp/sangkien-pg-$(printf '%s' "$want" | md5sum | cut -c1-12)
	sk_warn "user '$(sk_pg_owner)' cannot use $want"
	sk_warn "(a parent directory is closed to it, or the path is too long for a socket):"
	sk_warn "the cluster lives in $real instead, and $want links to it"
	mkdir -p "$real"
	sk_is_root && chown "$SK_PG_SYSTEM_USER:" "$real"
	chmod 0700 "$real"
	ln -sfn "$real" "$want"
	echo "$real"
}

# Create the cluster when missing.  PROFILE "test" trades durability for
# speed (fsync off) and allows many connections for parallel tests.
sk_pg_init() {
	local dir=$1 profile=$2 bin pwfile
	bin=$(sk_pg_bindir)
	[ -f "$dir/data/PG_VERSION" ] && return 0
	sk_say "creating PostgreSQL cluster in $dir/data"
	rm -rf "$dir/data"
	pwfile="$dir/password"
	(umask 077 && head -c 18 /dev/urandom | base64 >"$pwfile")
	sk_is_root && chown "$SK_PG_SYSTEM_USER:" "$pwfile"
	sk_pg_as_owner "$bin/initdb" -D "$dir/data" -U "$SK_PG_SUPERUSER" \
		--pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; sk_die "initdb failed (log above)"; }
	{
		echo "# written by tests/lib/pg.sh"
		echo "listen_addresses = '127.0.0.1'"
		echo "unix_socket_directories = '$dir'"
		echo "unix_socket_permissions = 0700"
		if [ "$profile" = test ]; then
			echo "fsync = off"
			echo "synchronous_commit = off"
			echo "full_page_writes = off"
			echo "max_connections = 300"
		else
			echo "max_connections = 100"
		fi
	} | sk_pg_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
}

sk_pg_is_running() {
	local dir=$1
	[ -f "$dir/data/PG_VERSION" ] &&
		sk_pg_as_owner "$(sk_pg_bindir)/pg_ctl" status -D "$dir/data" >/dev/null 2>&1
}

# Start the cluster in DIR (creating it when needed) unless it already runs,
# then write DIR/pg.env.  Prints the real directory on stdout.
sk_pg_start() {
	local want=$1 profile=${2:-deploy} dir bin port try
	sk_pg_ensure_owner
	dir=$(sk_pg_resolve_dir "$want")
	bin=$(sk_pg_bindir)
	sk_pg_init "$dir" "$profile"
	if sk_pg_is_running "$dir"; then
		port=$(head -n 4 "$dir/data/postmaster.pid" | tail -n 1)
		sk_say "PostgreSQL already running in $dir (port $port)"
	else
		port=$(cat "$dir/port" 2>/dev/null || true)
		for try in 1 2 3 4 5; do
			if [ -z "$port" ] || sk_port_in_use "$port"; then
				port=$(sk_pick_port) || sk_die "no free port found"
			fi
			if sk_pg_as_owner "$bin/pg_ctl" start -D "$dir/data" -w -t 60 \
				-l "$dir/postgres.log" -o "-p $port" >/dev/null; then
				break
			fi
			sk_warn "PostgreSQL did not start on port $port (attempt $try)"
			tail -n 5 "$dir/postgres.log" >&2 || true
			port=
		done
		[ -n "$port" ] || sk_die "PostgreSQL would not start; see $dir/postgres.log"
		echo "$port" | sk_pg_as_owner tee "$dir/port" >/dev/null
		sk_say "PostgreSQL running in $dir (port $port)"
	fi
	cat >"$dir/pg.env.tmp" <<-ENV
		SK_PG_HOST='$dir'
		SK_PG_PORT='$port'
		SK_PG_USER='$SK_PG_SUPERUSER'
		SK_PG_BIN='$bin'
	ENV
	mv -f "$dir/pg.env.tmp" "$dir/pg.env"
	echo "$dir"
}

sk_pg_stop() {
	local want=$1 dir
	dir=$want
	[ -L "$want" ] && dir=$(readlink "$want")
	[ -f "$dir/data/PG_VERSION" ] || return 0
	if sk_pg_is_running "$dir"; then
		sk_say "stopping PostgreSQL in $dir"
		sk_pg_as_owner "$(sk_pg_bindir)/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 \
			>/dev/null
	fi
	rm -f "$dir/pg.env"
}

# Load DIR/pg.env and export the libpq variables psql and createdb read.
sk_pg_load_env() {
	local dir=$1
	[ -f "$dir/pg.env" ] || sk_die "no running cluster described in $dir/pg.env"
	# shellcheck disable=SC1091
	. "$dir/pg.env"
	export SK_PG_HOST SK_PG_PORT SK_PG_USER SK_PG_BIN
	export PGHOST=$SK_PG_HOST PGPORT=$SK_PG_PORT PGUSER=$SK_PG_USER
}

# libpq connection string for database NAME of the loaded cluster.
sk_pg_conninfo() {
	echo "host=$SK_PG_HOST port=$SK_PG_PORT user=$SK_PG_USER dbname=$1"
}
