#!/usr/bin/env bash
# bench_sync_10k.sh - 1,000 and then 10,000 pending initiatives synced in
# one run each.  Prints, for both sizes, the client's and the server's peak
# resident memory (VmHWM) and the wall time, and the 10k/1k ratios: bounded
# memory shows as a memory ratio near 1 while the time ratio is near 10.
# Each size gets a fresh server (its VmHWM counts from start) and a fresh
# store.  Fails only when a sync does not send everything, never on figures.
#
# Run through ctest (label "bench"), which sets the environment described in
# tests/lib/itest.sh; tests/run-all.sh prints the figures in every run.
# SK_BENCH_SIZES overrides the sizes (e.g. "200 2000").
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin bench_sync

SIZES=${SK_BENCH_SIZES:-1000 10000}

# seed STORE N: N pending initiatives, copies of one entered with `sangkien
# add` (so every column the store has gets a real value) with their own
# UUIDv7 and title.  Entering them one by one would cost N processes.
seed() {
	local store=$1 n=$2 cols sel acols asel
	it_add "$store" "Mẫu sáng kiến: tiết kiệm điện ở nhà xưởng" >/dev/null
	cols=$(sqlite3 "$store" "SELECT group_concat(name, ', ') FROM pragma_table_info('initiatives')
		 WHERE name <> 'id'")
	sel=$(sqlite3 "$store" "SELECT group_concat(CASE name
		 WHEN 'uuid' THEN printf('printf(''%%08x-%%04x-7%%03x-%%04x-%%012x'', (t.ms + s.n) >> 16,
			(t.ms + s.n) & 65535, abs(random()) %% 4096, 32768 + abs(random()) %% 16384,
			abs(random()) %% 281474976710656)')
		 WHEN 'title' THEN 't.title || '' – bản số '' || s.n'
		 ELSE 't.' || name END, ', ')
		 FROM pragma_table_info('initiatives') WHERE name <> 'id'")
	acols=$(sqlite3 "$store" "SELECT group_concat(name, ', ') FROM pragma_table_info('authors')")
	asel=$(sqlite3 "$store" "SELECT group_concat(CASE name WHEN 'initiative_id' THEN 'i.id'
		 ELSE 'a.' || name END, ', ') FROM pragma_table_info('authors')")
	sqlite3 "$store" <<-SQL || it_fail "seeding $n initiatives into the store"
		BEGIN;
		CREATE TEMP TABLE tpl AS SELECT *, created_unix_ms AS ms FROM initiatives ORDER BY id LIMIT 1;
		INSERT INTO initiatives ($cols)
		  WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $n - 1)
		  SELECT $sel FROM tpl t, s;
		INSERT INTO authors ($acols)
		  SELECT $asel FROM initiatives i, authors a, tpl t
		  WHERE a.initiative_id = t.id AND i.id <> t.id;
		COMMIT;
	SQL
	local pending
	pending=$(client "$store" list --format tsv | awk -F'\t' 'NR > 1 && $3 == "pending"' | wc -l)
	it_eq "$n" "$pending" "pending items after seeding (has the store's schema changed?)"
}

kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

declare -A client_kb client_s server_kb
it_config max_batch_items=100
for n in $SIZES; do
	it_new_db "bench_$n"
	CONNINFO=$(sk_pg_conninfo "$NEW_DB")
	DB=$NEW_DB
	it_server_start 0 "$CONNINFO"
	it_operator
	it_tree
	store=$T/store-$n.db
	it_enroll Q11-044 "$store"
	seed "$store" "$n"
	/usr/bin/time -f '%M %e' -o "$T/time-$n" \
		"$SK_SANGKIEN" --store "$store" sync >>"$T/client.log" 2>&1 ||
		it_fail "sync of $n items failed (see client.log)"
	server_kb[$n]=$(kb "$SK_SERVER_PID")
	read -r client_kb[$n] client_s[$n] <"$T/time-$n"
	it_eq "$n" "$(it_db_initiative_count Q11-044)" "initiatives stored after syncing $n"
	it_server_stop
done

set -- $SIZES
printf 'bench: sync of N pending initiatives in one run (batches of 100)\n'
printf 'bench: %8s %14s %14s %12s\n' N client_peak_kB server_peak_kB client_wall_s
for n in $SIZES; do
	printf 'bench: %8d %14d %14d %12.2f\n' "$n" "${client_kb[$n]}" "${server_kb[$n]}" "${client_s[$n]}"
done
if [ $# -ge 2 ]; then
	awk -v a="$1" -v b="$2" -v c1="${client_kb[$1]}" -v c2="${client_kb[$2]}" \
		-v s1="${server_kb[$1]}" -v s2="${server_kb[$2]}" \
		-v t1="${client_s[$1]}" -v t2="${client_s[$2]}" 'BEGIN {
		printf "bench: ratio %d/%d: items %.1f, client memory %.2f, server memory %.2f, time %.1f\n",
			b, a, b / a, c2 / c1, s2 / s1, (t1 > 0 ? t2 / t1 : 0)
	}'
fi
