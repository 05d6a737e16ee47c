#!/usr/bin/env bash
# High availability on PostgreSQL's own machinery: a primary and a
# synchronous streaming standby, sangkiend's `db` listing both with
# target_session_attrs=read-write.  The primary is killed in the middle of
# many syncs and the standby promoted: the same sangkiend finds the new
# primary by itself, the clients' reruns finish, nothing is lost or stored
# twice, and every receipt matches.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/pg_cluster.sh"
it_begin failover

pgc_primary_standby
P=$PGC_PRIMARY S=$PGC_STANDBY

pgc_migrated_db "$P" sk
CONNINFO="host=$P,$S port=$(cat "$P/port"),$(cat "$S/port") user=$SK_PG_SUPERUSER dbname=sk target_session_attrs=read-write"
it_config db_pool_size=3 query_timeout_ms=3000
it_server_start 0 "$CONNINFO"
server_pid=$SK_SERVER_PID
it_operator
it_tree
units=(Q11-027 Q11-044)
for i in 0 1 2 3; do
	it_enroll "${units[$((i % 2))]}" "$T/c$i.db"
	{
		printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
		for n in $(seq 60); do
			printf 'Sáng kiến số %d của máy %d\ttechnical\tNguyễn Thị Hoa|Tổ trưởng\t%s\t%s\t2022-04-15\t\n' \
				"$n" "$i" "Cải tiến quy trình $n." "Tiết kiệm thời gian."
		done
	} >"$T/items$i.tsv"
	client "$T/c$i.db" add --from-file "$T/items$i.tsv" >/dev/null || it_fail "add --from-file"
done

# Many syncs at once, in small batches; the primary dies in the middle.
for i in 0 1 2 3; do
	it_background client "$T/c$i.db" sync --batch 1 --retries 20 --max-wait 2 \
		>"$T/sync$i.out" 2>&1
done
PGC_DB=sk
stored() { pgc_psql "$P" -c "SELECT count(*) FROM initiatives" 2>/dev/null || echo 0; }
for _ in $(seq 200); do
	[ "$(stored)" -ge 20 ] && break
	sleep 0.05
done
n=$(stored)
pgc_ctl "$P" stop -m immediate >/dev/null
PGC_DB=
it_note "primary killed with $n of 240 stored"
[ "$n" -ge 20 ] && [ "$n" -lt 240 ] || it_fail "the primary died with $n of 240 stored: not in the middle"
pgc_ctl "$S" promote -w >/dev/null || it_fail "promote failed"
it_note "standby promoted"
for pid in "${IT_PIDS[@]}"; do wait "$pid" || true; done
IT_PIDS=()
# Reruns until everything went (each rerun resumes where the last stopped).
for i in 0 1 2 3; do
	ok=0
	for _ in 1 2 3; do
		if client "$T/c$i.db" sync --retries 10 --max-wait 2 >>"$T/sync$i.out" 2>&1; then
			ok=1
			break
		fi
	done
	[ "$ok" = 1 ] || it_fail "store $i never finished: $(tail -5 "$T/sync$i.out")"
done
kill -0 "$server_pid" || it_fail "sangkiend died"
it_eq "$server_pid" "$SK_SERVER_PID" "the same sangkiend throughout"

# Nothing lost, nothing twice, receipts as the clients hold them.
NEW=$(pgc_conninfo "$S" sk)
dbq() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$NEW" -c "$1"; }
it_eq 240 "$(dbq "SELECT count(*) FROM initiatives")" "rows on the new primary"
it_eq 240 "$(dbq "SELECT count(DISTINCT uuid) FROM initiatives")" "distinct uuids"
for i in 0 1 2 3; do
	client "$T/c$i.db" list --format tsv | awk -F'\t' 'NR > 1 { print $2 "\t" $7 "\t" $3 }' \
		>"$T/client$i.tsv"
	# Two stores per unit: each also pulls its twin's 60.
	it_eq 120 "$(wc -l <"$T/client$i.tsv")" "items in store $i"
	it_eq "" "$(awk -F'\t' '$3 != "synced"' "$T/client$i.tsv" | head -3)" "unsynced items in store $i"
done
cat "$T"/client[0-3].tsv | cut -f1,2 | sort -u >"$T/clients.tsv"
it_eq "" "$(cut -f1 "$T/clients.tsv" | uniq -d | head -3)" "a uuid with two record ids"
dbq "SELECT uuid, id FROM initiatives" | tr '|' '\t' | sort >"$T/server.tsv"
diff "$T/clients.tsv" "$T/server.tsv" >"$T/diff" || it_fail "receipts differ: $(head -c 600 "$T/diff")"

# A resync sends nothing twice.
before=$(dbq "SELECT count(*), max(updated_at) FROM initiatives")
it_status 0 client "$T/c0.db" sync
it_eq "$before" "$(dbq "SELECT count(*), max(updated_at) FROM initiatives")" "after a resync"
echo "ok"
