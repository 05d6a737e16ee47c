#!/usr/bin/env bash
# pg_fixture.sh start|stop DIR - the ctest fixture around the integration
# tests: one private PostgreSQL cluster for the whole run, in DIR.
set -euo pipefail
lib=$(cd "$(dirname "$0")/../lib" && pwd)
. "$lib/common.sh"
. "$lib/pg.sh"

case ${1:-} in
start)
	# Every run starts from an empty cluster, even after an interrupted one.
	sk_pg_stop "$2"
	rm -rf "$(readlink -f "$2")/data"
	dir=$(sk_pg_start "$2" test)
	sk_pg_load_env "$dir"
	psql -X -q -d postgres -c 'select 1' >/dev/null ||
		sk_die "the test cluster in $dir does not answer"
	;;
stop)
	sk_pg_stop "$2"
	;;
*)
	echo "usage: pg_fixture.sh start|stop DIR" >&2
	exit 2
	;;
esac
