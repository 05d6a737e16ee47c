# shellcheck shell=bash
# pg_cluster.sh - clusters of a test's own (for backups and failover), on
# top of pg.sh: each in its own directory, stopped and removed at the test's
# exit.  Source after itest.sh; call after it_begin.

# pgc_dir NAME: the real directory of the test's cluster NAME.
pgc_dir() { sk_pg_resolve_dir "$T/pg-$1"; }

# pgc_psql DIR SQL...: psql as the superuser on database postgres of DIR.
pgc_psql() {
	local dir=$1
	shift
	psql -X -A -t -q -v ON_ERROR_STOP=1 -h "$dir" -p "$(cat "$dir/port")" -U "$SK_PG_SUPERUSER" \
		-d "${PGC_DB:-postgres}" "$@"
}

# pgc_ctl DIR ARGS...: pg_ctl on DIR's data as the cluster's owner.
pgc_ctl() {
	local dir=$1
	shift
	sk_pg_as_owner "$(sk_pg_bindir)/pg_ctl" -D "$dir/data" "$@"
}

# pgc_start NAME [EXTRA_CONF_LINE...]: create (when new) and start cluster
# NAME; extra postgresql.conf lines are added before the first start.
# Prints nothing; PGC_DIR is its directory.
pgc_start() {
	local name=$1 dir line
	shift
	dir=$(pgc_dir "$name")
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		sk_pg_init "$dir" test >/dev/null 2>&1 || it_fail "initdb of $name"
	fi
	for line in "$@"; do
		echo "$line" | sk_pg_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
	done
	sk_pg_start "$T/pg-$name" test >/dev/null 2>&1 || it_fail "cluster $name did not start"
	it_on_exit "sk_pg_as_owner '$(sk_pg_bindir)/pg_ctl' -D '$dir/data' stop -m immediate >/dev/null 2>&1; rm -rf '$dir'"
	PGC_DIR=$dir
}

# pgc_conf_append DIR LINE...: add lines to DIR's postgresql.conf.
pgc_conf_append() {
	local dir=$1 line
	shift
	for line in "$@"; do
		echo "$line" | sk_pg_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
	done
}

# pgc_conninfo DIR DB: libpq connection string for DB on cluster DIR.
pgc_conninfo() {
	echo "host=$1 port=$(cat "$1/port") user=$SK_PG_SUPERUSER dbname=$2"
}

# pgc_migrated_db DIR DB: create DB on DIR and migrate it.
pgc_migrated_db() {
	PGC_DB=postgres pgc_psql "$1" -c "CREATE DATABASE $2 ENCODING 'UTF8' TEMPLATE template0" ||
		it_fail "createdb $2"
	"$SK_SANGKIEND" migrate --db "$(pgc_conninfo "$1" "$2")" >>"$T/migrate.log" 2>&1 ||
		it_fail "migrate $2"
}

# pgc_primary_standby: clusters "primary" and "standby", the standby
# streaming from the primary and synchronous (application_name standby1: a
# commit returns once the standby has flushed it).  Sets PGC_PRIMARY and
# PGC_STANDBY (their directories).
pgc_primary_standby() {
	local bin p s
	bin=$(sk_pg_bindir)
	pgc_start primary "wal_level = replica" "max_wal_senders = 5" "hot_standby = on" \
		"synchronous_commit = on"
	p=$PGC_DIR
	s=$(pgc_dir standby)
	sk_pg_as_owner "$bin/pg_basebackup" -h "$p" -p "$(cat "$p/port")" -U "$SK_PG_SUPERUSER" \
		-D "$s/data" -R -X stream >"$T/basebackup.log" 2>&1 ||
		it_fail "pg_basebackup: $(cat "$T/basebackup.log")"
	pgc_conf_append "$s" "unix_socket_directories = '$s'"
	# -R wrote primary_conninfo into postgresql.auto.conf; the last line there wins.
	echo "primary_conninfo = 'host=$p port=$(cat "$p/port") user=$SK_PG_SUPERUSER application_name=standby1'" |
		sk_pg_as_owner tee -a "$s/data/postgresql.auto.conf" >/dev/null
	pgc_start standby
	pgc_psql "$p" -c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" \
		-c "SELECT pg_reload_conf()" >/dev/null
	for _ in $(seq 50); do
		[ "$(pgc_psql "$p" -c "SELECT sync_state FROM pg_stat_replication")" = sync ] && break
		sleep 0.2
	done
	it_eq sync "$(pgc_psql "$p" -c "SELECT sync_state FROM pg_stat_replication")" \
		"standby is synchronous"
	PGC_PRIMARY=$p PGC_STANDBY=$s
}
