#!/usr/bin/env bash
# Backup and restore on PostgreSQL's own machinery (README: Backups): a base
# backup with pg_basebackup and continuous WAL archiving; work goes on after
# the backup; the cluster is lost; restored from the base backup and the
# archive, it holds every row as before, sangkiend starts on it, every
# client's receipts match, and a resync sends nothing twice.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/pg_cluster.sh"
it_begin backup_restore
bin=$(sk_pg_bindir)

W=$(pgc_dir archive)
it_on_exit "rm -rf '$W'"
pgc_start main "wal_level = replica" "archive_mode = on" \
	"archive_command = 'test ! -f $W/%f && cp %p $W/%f'"
M=$PGC_DIR
pgc_migrated_db "$M" sk
CONNINFO=$(pgc_conninfo "$M" sk)
DB_MAIN=$CONNINFO
snapshot() {
	psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DB_MAIN" -c "SELECT i.id, i.uuid, u.code,
		encode(i.content_sha256, 'hex'), i.version, i.received_at, i.updated_at
		FROM initiatives i JOIN units u ON u.id = i.unit_id ORDER BY i.id"
}
add_items() { # STORE FROM TO
	local n
	{
		printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
		for n in $(seq "$2" "$3"); do
			printf 'Sáng kiến %d\tmanagement\tPhạm Văn Long|Kế toán\tSổ sách gọn hơn %d.\tBớt giấy tờ.\t2022-05-10\t\n' \
				"$n" "$n"
		done
	} >"$T/items.tsv"
	client "$1" add --from-file "$T/items.tsv" >/dev/null || it_fail "add --from-file"
}

it_server_start; it_note "t=$SECONDS server up"
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
it_enroll Q11-044 "$T/b.db"
add_items "$T/a.db" 1 10
add_items "$T/b.db" 1 10
it_status 0 client "$T/a.db" sync
it_status 0 client "$T/b.db" sync

it_note "t=$SECONDS synced"
# The base backup, while the server runs.
B=$(pgc_dir backup)
it_on_exit "rm -rf '$B'"
sk_pg_as_owner "$bin/pg_basebackup" -h "$M" -p "$(cat "$M/port")" -U "$SK_PG_SUPERUSER" \
	-D "$B/base" -X stream -c fast >"$T/basebackup.log" 2>&1 ||
	it_fail "pg_basebackup: $(cat "$T/basebackup.log")"
# Work after the backup: only the WAL archive has it.
add_items "$T/a.db" 11 20
add_items "$T/b.db" 11 15
it_status 0 client "$T/a.db" sync
it_status 0 client "$T/b.db" sync
# Close the current WAL segment and wait until it is archived.
seg=$(pgc_psql "$M" -c "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 100); do
	[ "$(pgc_psql "$M" -c "SELECT last_archived_wal FROM pg_stat_archiver")" \> "$seg" ] ||
		[ "$(pgc_psql "$M" -c "SELECT last_archived_wal FROM pg_stat_archiver")" = "$seg" ] && break
	sleep 0.1
done
it_eq "$seg" "$(pgc_psql "$M" -c "SELECT last_archived_wal FROM pg_stat_archiver")" "archived"
before=$(snapshot)
it_eq 35 "$(wc -l <<<"$before")" "rows before the loss"

it_note "t=$SECONDS archived"
# Lose the cluster.
it_server_stop
pgc_ctl "$M" stop -m immediate >/dev/null
sk_pg_as_owner rm -rf "$M/data"

# Restore: the base backup, then replay the archive to its end.
sk_pg_as_owner cp -a "$B/base" "$M/data"
echo "restore_command = 'cp $W/%f %p'" | sk_pg_as_owner tee -a "$M/data/postgresql.auto.conf" >/dev/null
sk_pg_as_owner touch "$M/data/recovery.signal"
sk_pg_start "$T/pg-main" test >/dev/null 2>&1 || it_fail "the restored cluster did not start"
for _ in $(seq 100); do
	[ "$(pgc_psql "$M" -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && break
	sleep 0.1
done
it_eq f "$(pgc_psql "$M" -c "SELECT pg_is_in_recovery()")" "recovery finished"
it_eq "$before" "$(snapshot)" "every row, receipt data included, after the restore"

it_note "t=$SECONDS restored"
# sangkiend on the restored cluster; the clients' receipts match it.
it_server_start "$PORT"
for s in a b; do
	client "$T/$s.db" list --format tsv | awk -F'\t' 'NR > 1 { print $2 "\t" $7 }'
done | sort -u >"$T/clients.tsv"
psql -X -A -t -q -d "$DB_MAIN" -F $'\t' -c "SELECT uuid, id FROM initiatives" | sort >"$T/server.tsv"
diff "$T/clients.tsv" "$T/server.tsv" >"$T/diff" || it_fail "receipts differ: $(head -c 600 "$T/diff")"
# A resync sends nothing twice: not a row stored or re-stamped.
it_status 0 client "$T/a.db" sync
it_status 0 client "$T/b.db" sync
it_eq "$before" "$(snapshot)" "after resyncing both stores"
# And work goes on.
add_items "$T/a.db" 21 21
it_status 0 client "$T/a.db" sync
it_eq 36 "$(snapshot | wc -l)" "a new item after the restore"
echo "ok"
