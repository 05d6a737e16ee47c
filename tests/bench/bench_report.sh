#!/usr/bin/env bash
# bench_report.sh BUILD_DIR [UNITS [INITIATIVES]] - time the report queries
# (sql/005_reports.sql) at national, province and district scope on
# generated data: by default 130,000 grassroots units (63 provinces, 10
# districts each, the rest spread evenly) and 1,000,000 initiatives, as the
# programme's national scale.  Starts a private PostgreSQL cluster in a
# temporary directory, prints the figures and the plans' top lines, and
# removes everything at the end.  Prints times; asserts nothing about them.
set -euo pipefail
lib=$(cd "$(dirname "$0")/../lib" && pwd)
. "$lib/common.sh"
. "$lib/pg.sh"

# Under ctest the programs come from the environment and the sizes from
# SK_BENCH_UNITS / SK_BENCH_INITIATIVES (a tenth of the national scale, to
# keep the suite short); run by hand for the full scale.
if [ $# -ge 1 ]; then
	sangkiend=$1/server/sangkiend
else
	sangkiend=${SK_SANGKIEND:?usage: bench_report.sh BUILD_DIR [UNITS [INITIATIVES]]}
fi
units=${2:-${SK_BENCH_UNITS:-130000}}
initiatives=${3:-${SK_BENCH_INITIATIVES:-1000000}}
[ -x "$sangkiend" ] || sk_die "$sangkiend not built"

# SK_BENCH_KEEP=DIR (by hand): the cluster lives in DIR and stays there,
# stopped; a later run with the same DIR and sizes migrates the kept
# database (so new migrations meet national data) and skips generating.
keep=${SK_BENCH_KEEP:-}
if [ -n "$keep" ]; then
	work=$keep
	mkdir -p "$work"
else
	work=$(mktemp -d /tmp/sk-bench-report.XXXXXX)
fi
cleanup() {
	local real
	real=$(readlink -f "$work/pg" || true)
	sk_pg_stop "$work/pg" >/dev/null 2>&1 || true
	[ -n "$keep" ] && return 0
	[ -n "$real" ] && [ "$real" != / ] && rm -rf "$real"
	rm -rf "$work"
}
trap cleanup EXIT
dir=$(sk_pg_start "$work/pg" bench)
sk_pg_load_env "$dir"
generated="$units units, $initiatives initiatives"
reuse=false
if [ -n "$keep" ] && [ "$(cat "$work/generated" 2>/dev/null)" = "$generated" ]; then
	reuse=true
else
	rm -f "$work/generated"
	dropdb --if-exists bench
	createdb -E UTF8 -T template0 bench
fi
"$sangkiend" migrate --db "$(sk_pg_conninfo bench)" >/dev/null

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d bench "$@"; }

generate() {
	echo "generating $units grassroots units and $initiatives initiatives..."
	start=$(date +%s)
	q -v units="$units" -f "$(dirname "$0")/national_tree.sql"
	q -v units="$units" -v n="$initiatives" <<-'SQL'
	-- Bulk load without the per-row feed and audit triggers; feed numbers are
	-- filled in afterwards as a migration would.
	SET session_replication_role = replica;
	SELECT sk_put_campaign('MTSK', '01 triệu sáng kiến', DATE '2021-09-01', true,
		'[{"code":"P1","name":"Giai đoạn 1","starts_on":"2021-09-01","ends_on":"2022-05-31"},
		  {"code":"P2","name":"Giai đoạn 2","starts_on":"2022-06-01","ends_on":"2023-09-30"}]');
	-- Every grassroots unit has a target in each phase, as districts set them.
	INSERT INTO phase_targets (unit_id, phase_id, target)
	SELECT u.id, p.id, 1 + u.id % 5 FROM units u CROSS JOIN phases p WHERE u.level = 'grassroots';
	INSERT INTO initiatives (uuid, unit_id, title, kind, authors, summary, effect, applied_on,
				 theme, content_sha256, status, received_at, feed_seq)
	SELECT gen_random_uuid(), g.id, 'Sáng kiến ' || i,
	       (ARRAY['scientific', 'technical', 'management'])[i % 3 + 1],
	       '[{"name": "Nguyễn Văn A"}]', 'Tóm tắt', 'Hiệu quả',
	       DATE '2021-08-20' + (i % 800),
	       (ARRAY[NULL, 'covid', 'workers-life', 'production', 'admin-reform', 'union-work'])[i % 6 + 1],
	       sha256(i::text::bytea),
	       (ARRAY['submitted', 'under_review', 'recognized', 'rewarded', 'withdrawn', 'submitted'])[i % 6 + 1],
	       now() - make_interval(days => i % 400), i
	FROM generate_series(1, :n) i
	JOIN LATERAL (SELECT u.id FROM units u WHERE u.code = 'G' || (i % :units + 1)) g ON true;
	RESET session_replication_role;
	SQL
	echo "bench: report data generated in $(($(date +%s) - start)) s"
	# The triggers were off: count the reports' counters as the migration
	# would, and fold them as sangkiend does in the background.
	start=$(date +%s)
	q -c "SELECT sk_report_recount()" >/dev/null
	q -c "SELECT sk_report_fold()" >/dev/null
	q -c "VACUUM ANALYZE"
	echo "bench: report counters folded in $(($(date +%s) - start)) s:" \
		"$(q -c "SELECT count(*) FROM report_counts") rows," \
		"$(q -c "SELECT pg_size_pretty(pg_total_relation_size('report_counts'))")," \
		"scope counters $(q -c "SELECT count(*) FROM scope_counts") rows," \
		"initiatives $(q -c "SELECT pg_size_pretty(pg_total_relation_size('initiatives'))")"
}
if $reuse; then
	echo "bench: reusing the data kept in $work ($generated)"
	# A new migration may have left the counters to be counted again.
	start=$(date +%s)
	q -c "SELECT sk_report_fold()" >/dev/null
	q -c "VACUUM ANALYZE"
	echo "bench: report counters folded in $(($(date +%s) - start)) s"
else
	generate
	if [ -n "$keep" ]; then echo "$generated" >"$work/generated"; fi
fi

# A province and a district with units in them.
province=P1
district=P1-D1
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }
# The backend's own CPU time (ms, in clock ticks of 10 ms): on a machine
# shared with other work a query's wall time is mostly waiting for a core,
# its CPU time is what it costs (and its wall time on an idle machine, the
# data being in memory).
cpu="(split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint
      + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint) * 1000
     / $(getconf CLK_TCK)"
# run LABEL SCOPE QUERY: QUERY ten times on one connection, as the server's
# pool runs it (PL/pgSQL may switch a statement to a generic plan from the
# sixth run of a session on); prints each run's time and the mean CPU time
# of runs 2-10 (the first also loads the session's caches, which a pool
# connection has loaded long before).  SETTINGS: statements run first.
run() {
	local out rows times
	# As the server asks with its default 1 MiB frame (server/handle_report.c).
	out=$({
		echo "SET sangkien.report_max_units = 16384;"
		echo "${4:-}"
		echo '\timing on'
		echo "SELECT count(*) FROM $3;"
		echo '\timing off'
		echo "SELECT $cpu AS cpu0 \\gset"
		echo '\timing on'
		for _ in 2 3 4 5 6 7 8 9 10; do
			echo "SELECT count(*) FROM $3;"
		done
		echo '\timing off'
		echo "SELECT 'cpu ' || round(($cpu - :cpu0) / 9.0);"
	} | q)
	rows=$(grep -v '^Time:' <<<"$out" | head -n 1)
	times=$(awk '/^Time:/ { printf " %.0f", $2 }' <<<"$out")
	printf 'bench: report %-9s %-6s %8d rows, ms of runs 1-10 on one connection:%s; CPU %s ms a run%s\n' \
		"$1" "$2" "$rows" "$times" "$(awk '/^cpu / { print $2 }' <<<"$out")" \
		"${4:+ (baseline: counted from the initiatives)}"
}
grassroots() {
	q -c "SELECT count(*) FROM sk_subtree((SELECT id FROM units WHERE code = '$1')) WHERE level = 'grassroots'"
}
echo "bench: report units: national $(grassroots VN), province $(grassroots $province), district $(grassroots $district)"
# Baseline in the same run: the national figures counted from every
# initiative, as reports did before the counters (sql/014).
t0=$(date +%s%N)
q -c "SELECT i.kind, coalesce(i.theme, ''), sk_report_week(i.received_at), count(*)
      FROM initiatives i WHERE i.applied_on >= DATE '2021-09-01' AND i.status <> 'withdrawn'
      GROUP BY GROUPING SETS ((1), (2), (3))" >/dev/null
t1=$(date +%s%N)
printf 'bench: report national baseline: by kind, theme and week from every initiative %8.1f ms\n' \
	"$(ms "$t0" "$t1")"
# Below 16,384 grassroots units (a tenth of the nation, as the suite runs)
# the national report lists every unit's figures, as a province's does;
# above, it says they are omitted and computes none.
# Baseline in the same run: the units' figures and a province's or a
# district's counted from their initiatives, as before their counters
# (sql/023, sql/026).
recount="SET sangkien.units_counted_from = 2147483647;"
run national "VN" "sk_report('VN', NULL, '')"
run national "VN" "sk_report('VN', NULL, '')" "$recount"
run province "$province" "sk_report('$province', NULL, '')"
run province "$province" "sk_report('$province', NULL, '')" "$recount"
run district "$district" "sk_report('$district', NULL, '')"
run district "$district" "sk_report('$district', NULL, '')" "$recount"
run quota G1 "sk_quota('G1', NULL)"
echo "plan of the district's unit figures (top lines):"
q -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
      SELECT * FROM sk_units_figures(ARRAY(SELECT id FROM sk_subtree(
	(SELECT id FROM units WHERE code = '$district')) WHERE level = 'grassroots'), 1)" |
	head -n 25

# National progress page by page (PROTOCOL.md 6.8), as the server asks:
# pages of progress_page_units (1,000) units after the cursor, until none
# remains; each page's time and the total, beside the baseline of the same
# run: every unit's figures in one query, as a whole reply counted them.
progress_pages() { # LABEL [SETTINGS]
	q <<SQL
${2:-}
DO \$\$
DECLARE
	v_cursor text := '';
	v_last text;
	v_units int;
	v_more boolean;
	v_all int := 0;
	v_t0 timestamptz;
	v_start timestamptz := clock_timestamp();
	v_cpu0 bigint := $cpu;
	v_ms double precision[] := '{}';
BEGIN
	LOOP
		v_t0 := clock_timestamp();
		SELECT count(*) FILTER (WHERE p.part = 'unit'),
		       max(p.code COLLATE "C") FILTER (WHERE p.part = 'unit'),
		       bool_or(p.part = 'more')
		INTO v_units, v_last, v_more
		FROM sk_progress_page('VN', NULL, v_cursor, 1000, false) p;
		v_ms := v_ms || extract(epoch FROM clock_timestamp() - v_t0) * 1000;
		v_all := v_all + v_units;
		EXIT WHEN NOT coalesce(v_more, false);
		v_cursor := v_last;
	END LOOP;
	RAISE NOTICE 'bench: progress national VN$1 % units in % pages of 1000: total % ms, CPU % ms; ms a page: first %, min %, median %, max %',
		v_all, cardinality(v_ms),
		round(extract(epoch FROM clock_timestamp() - v_start)::numeric * 1000, 1),
		$cpu - v_cpu0,
		round(v_ms[1]::numeric, 1),
		round((SELECT min(x) FROM unnest(v_ms) x)::numeric, 1),
		round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(v_ms) x)::numeric, 1),
		round((SELECT max(x) FROM unnest(v_ms) x)::numeric, 1);
	RAISE NOTICE 'bench: progress national pages, ms each: %',
		(SELECT string_agg(round(x::numeric)::text, ' ') FROM unnest(v_ms) x);
END
\$\$;
SQL
}
progress_pages ""
# Baseline in the same run: the pages' units counted from their initiatives.
progress_pages " (baseline: units counted from their initiatives)" "$recount"
t0=$(date +%s%N)
q -c "SELECT count(*) FROM sk_progress_units(ARRAY(SELECT id FROM sk_subtree(
	(SELECT id FROM units WHERE code = 'VN')) WHERE level = 'grassroots'), 1)" >/dev/null
t1=$(date +%s%N)
printf 'bench: progress national baseline: every unit in one query (a whole reply) %8.1f ms\n' \
	"$(ms "$t0" "$t1")"
echo "plan of a national page's units (top lines; the grassroots units by code from an index):"
q -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
      SELECT g.id FROM units g
      WHERE g.level = 'grassroots' AND (g.code COLLATE \"C\") > 'G5'
	AND g.parent_id = ANY ('$(q -c "SELECT array_agg(id) FROM units WHERE level <> 'grassroots'")'::bigint[])
      ORDER BY g.code COLLATE \"C\" LIMIT 1001" | head -n 8 | cut -c1-160
