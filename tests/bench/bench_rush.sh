#!/usr/bin/env bash
# bench_rush.sh BUILD_DIR [UNITS] - the national deadline rush, measured
# beside PostgreSQL itself in the same run, on a private cluster with fsync
# on (the deployment profile of tests/lib/pg.sh).
#
# 1. pgbench inserting the same row shape (uuid, unit, title, kind, authors
#    as jsonb, summary, effect, dates, theme, SHA-256) into a plain table
#    with a primary key and a unique uuid: 1 client 1 row per transaction,
#    16 clients 1 row, 16 clients 100 rows.
# 2. sangkiend taking the same shapes from tests/tools/sk-load (SubmitBatch
#    of 1 or 100 new initiatives, 1 or 16 connections; the 16-connection
#    single-item run also resends everything and must get duplicates).
# 3. The rush: UNITS grassroots units (default 130,000, the nation; 13,000
#    in the suite) each connect, hello, send one batch of 1-20 initiatives,
#    pull and close, 64 at a time.
#
# Prints per workload the rate of each side and their ratio (the machine is
# shared, so the ratio is the figure to compare), WAL bytes per row
# (pg_current_wal_lsn difference / rows) and PostgreSQL CPU per row; for the
# rush its duration, hello p99 (the server's own time from reading the Hello
# to queueing its reply, from its metrics; beside it the client's Hello round
# trip and its TCP connect, apart) and the database size per initiative.  Fails
# only on wrong results (an item not accepted once, not pulled, not a
# duplicate on resend, a row count other than the items sent), never on
# figures.
#
# Environment: SK_RUSH_SECONDS (pgbench run length, 10), SK_RUSH_POOL (the
# server's db_pool_size, default its own default), SK_RUSH_CONNECTIONS (the
# rush's sessions in flight, 64).
set -euo pipefail
lib=$(cd "$(dirname "$0")/../lib" && pwd)
. "$lib/common.sh"
. "$lib/pg.sh"
. "$lib/server.sh"

if [ $# -ge 1 ]; then
	sangkiend=$1/server/sangkiend
	load=$1/tests/tools/sk-load
else
	sangkiend=${SK_SANGKIEND:?usage: bench_rush.sh BUILD_DIR [UNITS]}
	load=$(dirname "${SK_PROBE:?}")/sk-load
fi
units=${2:-${SK_BENCH_UNITS:-130000}}
seconds=${SK_RUSH_SECONDS:-10}
rush_c=${SK_RUSH_CONNECTIONS:-64}
[ -x "$sangkiend" ] || sk_die "$sangkiend not built"
[ -x "$load" ] || sk_die "$load not built"
[[ $units =~ ^[1-9][0-9]*$ ]] || sk_die "UNITS: '$units' is not a count"

work=$(mktemp -d /tmp/sk-bench-rush.XXXXXX)
cleanup() {
	local real
	set +e
	sk_server_stop "$work" >/dev/null 2>&1
	real=$(readlink -f "$work/pg")
	sk_pg_stop "$work/pg" >/dev/null 2>&1
	[ -n "$real" ] && [ "$real" != / ] && rm -rf "$real"
	rm -rf "$work"
}
trap cleanup EXIT
chmod 0755 "$work"
dir=$(sk_pg_start "$work/pg" bench)
sk_pg_load_env "$dir"
pgbench=$SK_PG_BIN/pgbench
[ -x "$pgbench" ] || sk_die "pgbench not found in $SK_PG_BIN"
createdb -E UTF8 -T template0 bench
createdb -E UTF8 -T template0 plain
conninfo=$(sk_pg_conninfo bench)
"$sangkiend" migrate --db "$conninfo" >/dev/null

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
[ "$(q -d bench -c 'SHOW fsync')" = on ] || sk_die "the benchmark cluster must run with fsync on"

# Shapes: the 16-connection runs use units of their own, so that no two
# sessions share a unit's feed.
shape_units=$((1 + 16 + 16))
total_units=$((units + shape_units))
echo "generating $total_units grassroots units with a unit credential each..."
q -d bench -v units="$total_units" -f "$(dirname "$0")/national_tree.sql"
q -d bench -o "$work/creds-all.txt" -f "$(dirname "$0")/unit_credentials.sql"
[ "$(wc -l <"$work/creds-all.txt")" -eq "$total_units" ] || sk_die "credentials not written"
sed -n '1p' "$work/creds-all.txt" >"$work/creds-a.txt"
sed -n '2,17p' "$work/creds-all.txt" >"$work/creds-b.txt"
sed -n '18,33p' "$work/creds-all.txt" >"$work/creds-c.txt"
sed -n "34,\$p" "$work/creds-all.txt" >"$work/creds-rush.txt"

# The plain table and pgbench's scripts: the row sk-load sends, as stored.
q -d plain <<'SQL'
CREATE TABLE plain_initiatives (
	id bigserial PRIMARY KEY, uuid uuid NOT NULL UNIQUE, unit_id bigint NOT NULL,
	title text NOT NULL, kind text NOT NULL, authors jsonb NOT NULL, summary text NOT NULL,
	effect text NOT NULL, applied_on date NOT NULL, theme text, content_sha256 bytea NOT NULL,
	version int NOT NULL DEFAULT 1, status text NOT NULL DEFAULT 'submitted',
	received_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now());
SQL
values="gen_random_uuid(), :unit,
	'Sáng kiến số ' || :unit || ': cải tiến khâu bảo trì dây chuyền đóng gói', 'technical',
	'[{\"name\": \"Nguyễn Thị Thu Hà\", \"position\": \"Tổ trưởng công đoàn\"}, {\"name\": \"Trần Văn Đức\", \"position\": \"\"}]',
	'Tổ 12 đề xuất sắp xếp lại các bước của khâu bảo trì dây chuyền đóng gói, theo dõi tiến độ trên bảng tính dùng chung và áp dụng thử ba tháng trước khi nhân rộng.',
	'Giảm 12% thời gian xử lý, tiết kiệm khoảng 40 triệu đồng mỗi năm.',
	DATE '2022-03-15', 'production'"
cols="uuid, unit_id, title, kind, authors, summary, effect, applied_on, theme, content_sha256"
printf '\\set unit random(1, 130000)\nINSERT INTO plain_initiatives (%s) VALUES (%s, sha256(random()::text::bytea));\n' \
	"$cols" "$(tr '\n' ' ' <<<"$values")" >"$work/one.sql"
printf '\\set unit random(1, 130000)\nINSERT INTO plain_initiatives (%s) SELECT %s, sha256((random()::text || g)::bytea) FROM generate_series(1, 100) g;\n' \
	"$cols" "$(tr '\n' ' ' <<<"$values")" >"$work/hundred.sql"

lsn() { q -d bench -c "SELECT pg_current_wal_lsn()"; }
wal_bytes() { q -d bench -c "SELECT pg_wal_lsn_diff('$2', '$1')::bigint"; }
# PostgreSQL CPU so far in clock ticks: the postmaster, its exited children
# (cutime, cstime) and the live ones.
pm_pid=$(head -n 1 "$dir/data/postmaster.pid")
pg_ticks() {
	{ cat /proc/[0-9]*/stat 2>/dev/null || true; } | sed 's/^\([0-9]*\) .*) /\1 /' |
		awk -v pm="$pm_pid" '$1 == pm { t += $13 + $14 + $15 + $16 }
			$3 == pm { t += $13 + $14 } END { print t }'
}
HZ=$(getconf CLK_TCK)
plain_rows() { q -d plain -c "SELECT count(*) FROM plain_initiatives"; }
sk_rows() { q -d bench -c "SELECT count(*) FROM initiatives"; }
# field NAME LINE: the value of NAME=... in one of sk-load's lines.
field() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2 }'; }

declare -A rate wal cpu lsn0 lsn1
# measure KEY ROWS_FN CMD...: run CMD, record its rows/s, WAL and CPU per row.
measure() {
	local key=$1 rows_fn=$2 r0 r1 l0 l1 c0 c1 t0 t1 n
	shift 2
	r0=$($rows_fn) l0=$(lsn) c0=$(pg_ticks) t0=$(date +%s%N)
	"$@" >"$work/$key.out" 2>"$work/$key.err" || {
		cat "$work/$key.out" "$work/$key.err" >&2
		sk_die "$key: the run failed (output above)"
	}
	t1=$(date +%s%N) c1=$(pg_ticks) l1=$(lsn) r1=$($rows_fn)
	n=$((r1 - r0))
	[ "$n" -gt 0 ] || sk_die "$key: no rows written"
	lsn0[$key]=$l0 lsn1[$key]=$l1
	wal[$key]=$(($(wal_bytes "$l0" "$l1") / n))
	cpu[$key]=$(awk -v c=$((c1 - c0)) -v hz="$HZ" -v n="$n" 'BEGIN { printf "%.0f", c / hz * 1e6 / n }')
	if [ "$rows_fn" = plain_rows ]; then
		# pgbench's own rate, without connection set-up.
		local tps
		tps=$(awk '/^tps = / { print $3; exit }' "$work/$key.out")
		rate[$key]=$(awk -v t="$tps" -v m="${key##*_}" 'BEGIN { printf "%.0f", t * m }')
	else
		local line
		line=$(grep '^pass=1 ' "$work/$key.out")
		rate[$key]=$(field items_per_s "$line" | awk '{ printf "%.0f", $1 }')
		[ "$(field items "$line")" -eq "$n" ] ||
			sk_die "$key: $(field items "$line") items sent, $n rows stored"
	fi
}

echo "pgbench, $seconds s per shape..."
measure pg_1c_1 plain_rows "$pgbench" -n -f "$work/one.sql" -c 1 -j 1 -T "$seconds" plain
measure pg_16c_1 plain_rows "$pgbench" -n -f "$work/one.sql" -c 16 -j 4 -T "$seconds" plain
measure pg_16c_100 plain_rows "$pgbench" -n -f "$work/hundred.sql" -c 16 -j 4 -T "$seconds" plain

metrics_port=$(sk_pick_port) || sk_die "no free port for the metrics"
cat >"$work/sangkiend.conf" <<-CONF
	max_connections = $((rush_c + 64))
	log_level = warn
	metrics_listen = 127.0.0.1:$metrics_port
CONF
[ -n "${SK_RUSH_POOL:-}" ] && echo "db_pool_size = $SK_RUSH_POOL" >>"$work/sangkiend.conf"
sk_server_start "$sangkiend" "$work" "$conninfo" 0 -c "$work/sangkiend.conf" ||
	sk_die "sangkiend did not start"
addr=127.0.0.1:$SK_SERVER_PORT
pool=$(awk -F' = ' '$1 == "db_pool_size" { print $2 }' "$work/sangkiend.conf")

echo "sangkiend, the same shapes..."
measure sk_1c_1 sk_rows "$load" run -c 1 -b 3000 -n 1 --no-resend "$addr" "$work/creds-a.txt"
measure sk_16c_1 sk_rows "$load" run -c 16 -b 400 -n 1 "$addr" "$work/creds-b.txt"
measure sk_16c_100 sk_rows "$load" run -c 16 -b 25 -n 100 --no-resend "$addr" \
	"$work/creds-c.txt"
[ "$(field duplicate "$(grep '^pass=2 ' "$work/sk_16c_1.out")")" -eq 6400 ] ||
	sk_die "the resend of the 16-connection run did not come back as duplicates"

# The server's Hello latency histogram (cumulative buckets, seconds).
hello_buckets() {
	curl -fsS "http://127.0.0.1:$metrics_port/metrics" |
		sed -n 's/^sangkien_request_duration_seconds_bucket{type="hello",le="\([^"]*\)"} \([0-9]*\)$/\1 \2/p'
}
echo "the rush: $units units, one sync of 1-20 initiatives each, $rush_c at a time..."
before=$(sk_rows)
hello_buckets >"$work/hello-before.txt" || sk_die "the server's metrics could not be read"
measure rush sk_rows "$load" run -c "$rush_c" -b 1 -n 1-20 --no-resend "$addr" \
	"$work/creds-rush.txt"
hello_buckets >"$work/hello-after.txt" || sk_die "the server's metrics could not be read"
# p99 of the rush's Hellos alone (the difference of the two scrapes), linear
# inside its bucket as Prometheus' histogram_quantile; "> 10000" past the last.
# Both scrapes list the same buckets in the same order (the shapes' Hellos
# came first).
server_hello_p99=$(paste -d ' ' "$work/hello-before.txt" "$work/hello-after.txt" | awk '
	$1 != $3 { bad = 1 }
	{ le[NR] = $1; n[NR] = $4 - $2 } END {
		total = n[NR]; if (bad || total <= 0) { print "unknown"; exit }
		want = 0.99 * total; lo = 0; below = 0
		for (i = 1; i <= NR; i++) {
			if (n[i] >= want) {
				if (le[i] == "+Inf") { printf "> %.0f", lo * 1000; exit }
				printf "%.1f", (lo + (le[i] - lo) * (want - below) / (n[i] - below)) * 1000
				exit
			}
			lo = le[i]; below = n[i]
		}
	}')
rush_line=$(grep '^pass=1 ' "$work/rush.out")
rush_items=$(field items "$rush_line")
[ "$(($(sk_rows) - before))" -eq "$rush_items" ] || sk_die "rush: rows stored differ from items sent"
sk_server_stop "$work" || sk_die "sangkiend did not stop cleanly"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
printf 'bench: rush: PostgreSQL %s, fsync %s, db_pool_size %s, %s\n' \
	"$(q -d bench -c 'SHOW server_version')" "$(q -d bench -c 'SHOW fsync')" \
	"${pool:-default}" "$(nproc) CPU(s)"
printf 'bench: %-26s %10s %10s %7s %9s %9s %9s %9s\n' workload 'sangkien/s' 'pgbench/s' ratio \
	'sk_wal_B' 'pg_wal_B' 'sk_cpu_us' 'pg_cpu_us'
for shape in 1c_1:'1 client, 1 per request' 16c_1:'16 clients, 1 per request' \
	16c_100:'16 clients, 100 per req.'; do
	k=${shape%%:*}
	printf 'bench: %-26s %10d %10d %7s %9d %9d %9d %9d\n' "${shape#*:}" "${rate[sk_$k]}" \
		"${rate[pg_$k]}" "$(ratio "${rate[sk_$k]}" "${rate[pg_$k]}")" "${wal[sk_$k]}" \
		"${wal[pg_$k]}" "${cpu[sk_$k]}" "${cpu[pg_$k]}"
done
printf 'bench: rush %d units, %d initiatives: %.1f s (%s/s), hello p99 %s ms in the server (client: hello round trip %s ms, connect %s ms), batch p99 %s ms, errors %s; WAL %d B and PostgreSQL CPU %d us per initiative\n' \
	"$units" "$rush_items" "$(field seconds "$rush_line")" \
	"$(field items_per_s "$rush_line" | awk '{ printf "%.0f", $1 }')" \
	"$server_hello_p99" "$(field hello_p99_ms "$rush_line")" \
	"$(field connect_p99_ms "$rush_line")" "$(field p99_ms "$rush_line")" \
	"$(field errors "$rush_line")" "${wal[rush]}" "${cpu[rush]}"
# Where the rush's WAL goes: the record kinds with the most bytes.  A long
# rush outlives its first WAL segments (checkpoints recycle them); that is
# said, and the figures after it are still printed.
if "$SK_PG_BIN/pg_waldump" --stats=record -p "$dir/data/pg_wal" -s "${lsn0[rush]}" \
	-e "${lsn1[rush]}" >"$work/waldump.txt" 2>"$work/waldump.err"; then
	awk -v n="$rush_items" '
	/^[A-Z][A-Za-z0-9]*\// { gsub(/\([^)]*\)/, "")
		if (NF == 5 && $5 > 0) printf "%d %s %d %d\n", $5, $1, $5 / n, $4 / n }' \
		"$work/waldump.txt" | sort -rn | head -n 8 |
		awk '{ printf "bench: rush WAL %-28s %6d B per initiative (full pages %d B)\n", $2, $3, $4 }'
else
	echo "bench: rush WAL by record kind not available: $(head -c 200 "$work/waldump.err" | tr -c '[:print:]' ' ')"
fi
q -d bench -c "CHECKPOINT" >/dev/null
n_all=$(sk_rows)
q -d bench -F ' ' -c "
	SELECT 'bench: database size ' || pg_size_pretty(pg_database_size('bench')) || ' for '
	       || $n_all || ' initiatives, ' || pg_database_size('bench') / $n_all
	       || ' B each; tables with indexes: ' || string_agg(
		c.relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', '
		ORDER BY pg_total_relation_size(c.oid) DESC)
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'public' AND c.relkind = 'r'
	  AND pg_total_relation_size(c.oid) > 1024 * 1024" | sed 's/  */ /g'
