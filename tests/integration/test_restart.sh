#!/usr/bin/env bash
# Restarting the server (SIGTERM, start) loses nothing: what was stored stays
# stored, clients carry on, and the quota counts everything once.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin restart

it_server_start
it_operator
it_tree
it_enroll Q11-044 "$T/a.db"
for i in 1 2 3; do
	it_add "$T/a.db" "Sáng kiến số $i: cải tiến quy trình khám bệnh" >/dev/null
done
it_status 0 client "$T/a.db" sync
before=$(it_db_snapshot)

# A client is connected while the server stops; it must still exit cleanly.
it_background probe --timeout 10000 "$ADDR" hello 1 - ping touch "$T/idle-ready" read \
	>"$T/idle.out" 2>/dev/null
sk_wait_path "$T/idle-ready" 10 || it_fail "idle client did not connect: $(cat "$T/idle.out")"
it_server_stop
wait "${IT_PIDS[0]}" || true
IT_PIDS=()
# The idle client is told the connection ends: an error frame or a close.
[[ $(sed -n 3p "$T/idle.out") =~ ^(error\ [A-Z_]+|closed)$ ]] ||
	it_fail "idle client during shutdown saw: $(cat "$T/idle.out")"
it_eq "$before" "$(it_db_snapshot)" "database after SIGTERM"

# Offline, the quota comes from the cache with its date.
q=$(client "$T/a.db" quota --format tsv) || it_fail "quota offline with a cached copy failed"
it_eq cache "$(awk -F'\t' '$1 == "source" { print $2 }' <<<"$q")" "quota source offline"
it_eq 3 "$(awk -F'\t' '$1 == "submitted" { print $2 }' <<<"$q")" "cached submitted"
grep -qE '^as_of	[0-9]{4}-[0-9]{2}-[0-9]{2}T' <<<"$q" || it_fail "as_of is not ISO 8601: $q"

it_server_start "$PORT"
it_eq "$before" "$(it_db_snapshot)" "database after the restart"
for i in 4 5; do
	it_add "$T/a.db" "Sáng kiến số $i: sắp xếp lại phòng chờ" >/dev/null
done
it_status 0 client "$T/a.db" sync
it_eq 5 "$(it_db_initiative_count Q11-044)" "rows after the restart"
it_eq 0 "$(client "$T/a.db" list --format tsv | awk -F'\t' 'NR > 1 && $3 != "synced"' | wc -l)" \
	"items not synced"
q=$(client "$T/a.db" quota --format tsv)
it_eq server "$(awk -F'\t' '$1 == "source" { print $2 }' <<<"$q")" "quota source online"
it_eq 5 "$(awk -F'\t' '$1 == "submitted" { print $2 }' <<<"$q")" "submitted after the restart"
it_eq 5 "$(awk -F'\t' '$1 == "quota" { print $2 }' <<<"$q")" "quota of Q11-044"
prog=$(admin progress --scope Q11 --format tsv)
it_eq 5 "$(awk -F'\t' '$1 == "Q11-044" { print $4 }' <<<"$prog")" "submitted in progress"
echo "ok"
