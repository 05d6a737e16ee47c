#!/usr/bin/env bash
# The metrics port: Prometheus text format that promtool accepts, figures
# that follow what really happened (requests, items, enrollments, pulls),
# /healthz that follows the database, and a real Prometheus scraping it.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin metrics
for tool in curl promtool prometheus jq; do
	command -v "$tool" >/dev/null || it_fail "$tool is missing (tests/lib/packages.sh)"
done

metrics_port() { # LOG: the port from the start-up line
	sed -n 's|.*metrics on http://127.0.0.1:\([0-9]*\)/metrics.*|\1|p' "$1" | tail -n 1
}
it_config metrics_listen=127.0.0.1:0 enroll_free_failures=1 enroll_max_delay_ms=60000
it_server_start
MPORT=$(metrics_port "$T/sangkiend.log")
[ -n "$MPORT" ] || it_fail "no metrics port in the log"
scrape() { curl -fsS "http://127.0.0.1:$MPORT/metrics"; }
value() { # METRICS SERIES: the value of one exact series (0 when absent)
	awk -v s="$2" '$1 == s { v = $2 } END { print v == "" ? 0 : v }' <<<"$1"
}

# Some real work: three initiatives, a resync, a pull, wrong codes.
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
for t in 'Bảng phân ca tự động' 'Tủ thuốc dùng chung' 'Sổ giao ca điện tử'; do
	it_add "$T/a.db" "$t" >/dev/null
done
it_status 0 client "$T/a.db" sync
it_status 0 client "$T/a.db" sync
raw=$(it_credential Q11-044)
out=$(probe "$ADDR" hello 1 "$raw" submit Q11-044 - submit Q11-027 - 2>/dev/null)
for _ in 1 2 3; do probe "$ADDR" hello 1 - enroll ABCD-EFGH-JKLM-NPQR >/dev/null 2>&1; done

m=$(scrape)
promtool check metrics <<<"$m" >"$T/promtool.out" 2>&1 ||
	it_fail "promtool check metrics: $(cat "$T/promtool.out")"
it_eq 4 "$(value "$m" 'sangkien_items_total{type="submit",status="accepted"}')" \
	"items accepted (three from the client, one from the probe)"
it_eq 1 "$(value "$m" 'sangkien_items_total{type="submit",status="forbidden"}')" \
	"items forbidden (the probe's item for another unit)"
it_eq 2 "$(value "$m" 'sangkien_enrollments_total{result="ok"}')" "enrollments"
it_eq 2 "$(value "$m" 'sangkien_enrollments_total{result="wrong_code"}')" "wrong codes looked up"
it_eq 1 "$(value "$m" 'sangkien_enrollment_refusals_total{limit="address"}')" \
	"wrong codes refused by the address limit"
it_eq 1 "$(value "$m" 'sangkien_requests_total{type="enroll",result="UNAVAILABLE"}')" \
	"enroll requests refused, by result"
[ "$(value "$m" 'sangkien_pull_pages_total')" -ge 2 ] || it_fail "pull pages: $m"
[ "$(value "$m" 'sangkien_requests_total{type="submit",result="ok"}')" -ge 2 ] ||
	it_fail "submit requests"
# The histogram counts what the counters count.
it_eq "$(value "$m" 'sangkien_requests_total{type="hello",result="ok"}')" \
	"$(value "$m" 'sangkien_request_duration_seconds_count{type="hello"}')" "hello latency count"
it_eq 1 "$(value "$m" 'sangkien_connections{state="await_hello"}' | awk '{ print ($1 >= 0) }')" \
	"connections gauge present"
it_eq 0 "$(value "$m" 'sangkien_db_queue_depth')" "queue depth at rest"
[ "$(value "$m" 'sangkien_db_connections{state="idle"}')" -ge 1 ] || it_fail "no idle pool connection"

# /healthz: ok here; 503 for a server whose database is unreachable.
it_contains "$(curl -fsS "http://127.0.0.1:$MPORT/healthz")" "ok: database connections up" "healthz"
it_eq 404 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MPORT/other")" "other paths"
it_eq 501 "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$MPORT/metrics")" \
	"POST refused"
mkdir -p "$T/down"
: >"$T/down/sangkiend.log"
printf 'metrics_listen = 127.0.0.1:0\n' >"$T/down/sangkiend.conf"
sk_server_start "$SK_SANGKIEND" "$T/down" "hostaddr=127.0.0.1 port=1 dbname=none" 0 \
	-c "$T/down/sangkiend.conf" || it_fail "second server did not start"
down_pid=$SK_SERVER_PID
it_on_exit "sk_stop_pid $down_pid"
dport=$(metrics_port "$T/down/sangkiend.log")
it_eq 503 "$(curl -s -o "$T/down/h" -w '%{http_code}' "http://127.0.0.1:$dport/healthz")" \
	"healthz without a database"
it_contains "$(cat "$T/down/h")" "unavailable" "healthz body without a database"
SK_SERVER_PID=$(cat "$T/sangkiend.pid")

# A non-loopback metrics address is refused at start.
rc=0
"$SK_SANGKIEND" serve --listen 127.0.0.1:0 --db "$CONNINFO" -c <(echo 'metrics_listen = 0.0.0.0:0') \
	>"$T/refused.log" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || it_fail "a metrics port on 0.0.0.0 was accepted"
it_contains "$(cat "$T/refused.log")" "not a loopback address" "refusal message"

# A real Prometheus scrapes it.
pport=$(sk_pick_port) || it_fail "no free port"
cat >"$T/prometheus.yml" <<-YML
	global:
	  scrape_interval: 1s
	  evaluation_interval: 1s
	scrape_configs:
	  - job_name: sangkiend
	    static_configs:
	      - targets: ['127.0.0.1:$MPORT']
YML
prometheus --config.file="$T/prometheus.yml" --storage.tsdb.path="$T/prom" \
	--web.listen-address="127.0.0.1:$pport" >"$T/prometheus.log" 2>&1 &
IT_PIDS+=($!)
query() { # PROMQL: the first result's value, or "" when none yet
	curl -fsS --get "http://127.0.0.1:$pport/api/v1/query" --data-urlencode "query=$1" \
		2>/dev/null | jq -r '.data.result[0].value[1] // empty' 2>/dev/null || true
}
up=
for _ in $(seq 150); do
	up=$(query 'up{job="sangkiend"}')
	[ "$up" = 1 ] && break
	sleep 0.2
done
it_eq 1 "$up" "Prometheus: up{job=\"sangkiend\"}"
it_eq 4 "$(query 'sangkien_items_total{type="submit",status="accepted"}')" \
	"Prometheus: items accepted"
echo "ok"
