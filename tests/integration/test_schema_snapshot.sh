#!/usr/bin/env bash
# The schema `sangkiend migrate` builds, compared with the snapshot kept in
# tests/data/schema.sql (pg_dump --schema-only, normalised): a fresh
# database, the same one migrated again, and a database deployed before the
# repeatable definitions existed (versioned steps 001-007 applied as the
# old binary did) must all dump exactly the snapshot.
#
# After an intended schema change, refresh the snapshot with
#   SK_SCHEMA_REFRESH=1 ctest --test-dir build -R schema_snapshot
# and commit tests/data/schema.sql with the change.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin schema_snapshot

SNAPSHOT=$SK_SOURCE_DIR/tests/data/schema.sql

# dump DB: the schema without what differs between runs and machines
# (comments, SET lines, pg_dump's per-run \restrict key), blank lines folded.
dump() {
	pg_dump --schema-only --no-owner --no-privileges -d "$1" >"$T/raw.sql" ||
		it_fail "pg_dump of $1 failed"
	grep -vE '^(--|SET |SELECT pg_catalog\.set_config|\\(un)?restrict )' "$T/raw.sql" |
		cat -s
}

dump "$DB" >"$T/fresh.sql"
if [ "${SK_SCHEMA_REFRESH:-0}" = 1 ]; then
	cp "$T/fresh.sql" "$SNAPSHOT"
	it_note "snapshot refreshed: $SNAPSHOT"
fi
if ! diff -u "$SNAPSHOT" "$T/fresh.sql" >"$T/diff.txt"; then
	cat "$T/diff.txt" >&2
	it_fail "the migrated schema differs from tests/data/schema.sql (diff above: - snapshot,
+ migrated).  If the change is intended: SK_SCHEMA_REFRESH=1 ctest --test-dir build -R schema_snapshot"
fi

# Migrating again changes nothing.
out=$("$SK_SANGKIEND" migrate --db "$CONNINFO" 2>&1) || it_fail "second migrate: $out"
it_contains "$out" "schema up to date" "second migrate"
dump "$DB" >"$T/again.sql"
diff -u "$T/fresh.sql" "$T/again.sql" >&2 || it_fail "a second migrate changed the schema"

# A database deployed with the versioned steps only, each in its own
# transaction and recorded as the old runner did.
old=sk_it_schema_old_$$
createdb -E UTF8 -T template0 "$old" || it_fail "createdb $old"
IT_DBS+=("$old")
psql -X -q -v ON_ERROR_STOP=1 -d "$old" -c "CREATE TABLE schema_migrations (
	version int PRIMARY KEY, name text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null
for f in "$SK_SOURCE_DIR"/sql/00[1-7]_*.sql; do
	name=$(basename "$f" .sql)
	{
		echo "BEGIN;"
		cat "$f"
		echo ";"
		echo "INSERT INTO schema_migrations (version, name) VALUES (${name%%_*}, '$name');"
		echo "COMMIT;"
	} | psql -X -q -v ON_ERROR_STOP=1 -d "$old" >/dev/null 2>>"$T/migrate.log" ||
		it_fail "applying $name to the old database"
done
"$SK_SANGKIEND" migrate --db "$(sk_pg_conninfo "$old")" >>"$T/migrate.log" 2>&1 ||
	it_fail "migrating the old database"
dump "$old" >"$T/upgraded.sql"
diff -u "$T/fresh.sql" "$T/upgraded.sql" >&2 ||
	it_fail "an upgraded database differs from a fresh one (diff above)"

echo "schema snapshot: OK"
