#!/usr/bin/env bash
# Reports from a standby: with report_db naming a streaming standby, the
# report, progress and export read there while every write (and the review
# list) stays on the primary.  Shown with the standby's replay paused: what
# is synced meanwhile is on the primary, the reports do not see it until
# replay resumes, the review list does at once.  With the standby down the
# reports read from the primary, counted in the metrics and logged.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/pg_cluster.sh"
it_begin report_standby

pgc_primary_standby
P=$PGC_PRIMARY S=$PGC_STANDBY
pgc_migrated_db "$P" sk
CONNINFO=$(pgc_conninfo "$P" sk)
it_config db_pool_size=3 metrics_listen=127.0.0.1:0 \
	"report_db=$(pgc_conninfo "$S" sk) application_name=sk_reports"
it_server_start 0 "$CONNINFO"
it_wait_log "reports, progress and lists read from report_db (2 connections)"
MPORT=$(sed -n 's|.*metrics on http://127.0.0.1:\([0-9]*\)/metrics.*|\1|p' "$T/sangkiend.log")
metric() { curl -fsS "http://127.0.0.1:$MPORT/metrics" | awk -v s="$1" '$1 == s { print $2 }'; }
on() { PGC_DB=sk pgc_psql "$1" -c "$2"; }
count_on() { on "$1" "SELECT count(*) FROM initiatives"; }
wait_replayed() { # N: until the standby holds N initiatives
	for _ in $(seq 100); do
		[ "$(count_on "$S")" = "$1" ] && return 0
		sleep 0.1
	done
	it_fail "the standby never reached $1 initiatives (has $(count_on "$S"))"
}
# What the operator sees: submitted in the report (JSON), in progress
# (TSV: code, name, quota, submitted, ...) and rows of the export (CSV).
reported() { admin report --scope Q11 --format json --output "$T/r.json" && jq -r '.totals.submitted' "$T/r.json"; }
progressed() { admin progress --scope Q11 --format tsv | awk -F'\t' '$1 == "Q11-027" { print $4 }'; }
exported() { admin export --format csv --output "$T/e.csv" && tail -n +2 "$T/e.csv" | grep -c 'Q11-027'; }
listed() { admin review list --format tsv | grep -c 'Q11-027' || true; }

it_operator
it_tree
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" --phase "P2|Giai đoạn 2|2022-06-01|2023-09-30" \
	>>"$T/admin.log" 2>&1 || it_fail "campaign put"
it_enroll Q11-027 "$T/a.db"
it_add "$T/a.db" 'Đèn LED cho nhà xưởng' >/dev/null
it_add "$T/a.db" 'Sổ giao ca điện tử' >/dev/null
it_status 0 client "$T/a.db" sync
wait_replayed 2
it_eq 2 "$(reported)" "report with the standby in step"
it_eq 2 "$(progressed)" "progress with the standby in step"
it_eq 2 "$(exported)" "export with the standby in step"

# Replay paused: the standby keeps receiving WAL (so synchronous commits
# go on) but shows nothing new.
on "$S" "SELECT pg_wal_replay_pause()" >/dev/null
for _ in $(seq 50); do
	[ "$(on "$S" "SELECT pg_get_wal_replay_pause_state()")" = paused ] && break
	sleep 0.1
done
it_eq paused "$(on "$S" "SELECT pg_get_wal_replay_pause_state()")" "replay on the standby"
for t in 'Tủ thuốc dùng chung' 'Bảng phân ca tự động' 'Thùng rác phân loại'; do
	it_add "$T/a.db" "$t" >/dev/null
done
it_status 0 client "$T/a.db" sync
it_eq 5 "$(count_on "$P")" "initiatives on the primary (writes went there)"
it_eq 2 "$(count_on "$S")" "initiatives on the paused standby"
it_eq 2 "$(reported)" "report while replay is paused (read on the standby)"
it_eq 2 "$(progressed)" "progress while replay is paused (read on the standby)"
it_eq 2 "$(exported)" "export while replay is paused (read on the standby)"
it_eq 5 "$(listed)" "the review list reads the primary"
# The report pool's sessions are the standby's; the primary has none.
it_eq 2 "$(on "$S" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sk_reports'")" \
	"report connections on the standby"
it_eq 0 "$(on "$P" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'sk_reports'")" \
	"report connections on the primary"
it_eq 0 "$(metric sangkien_report_db_fallbacks_total)" "fallbacks with the standby up"

on "$S" "SELECT pg_wal_replay_resume()" >/dev/null
wait_replayed 5
it_eq 5 "$(reported)" "report once replay resumed"

# The standby down: reports read from the primary.  (Writes would wait for
# the synchronous standby, so none are made here.)
pgc_ctl "$S" stop -m immediate >/dev/null
for _ in $(seq 100); do
	[ "$(metric 'sangkien_report_db_connections{state="idle"}')" = 0 ] &&
		[ "$(metric 'sangkien_report_db_connections{state="busy"}')" = 0 ] && break
	sleep 0.1
done
it_eq 0 "$(metric 'sangkien_report_db_connections{state="idle"}')" "report pool after the standby stopped"
it_eq 5 "$(reported)" "report with the standby down (read on the primary)"
it_eq 5 "$(progressed)" "progress with the standby down"
[ "$(metric sangkien_report_db_fallbacks_total)" -ge 2 ] ||
	it_fail "fallbacks counted: $(metric sangkien_report_db_fallbacks_total)"
it_wait_log "report_db has no connection up: this report reads from the primary"
it_server_stop
echo "ok"
