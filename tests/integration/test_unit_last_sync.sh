#!/usr/bin/env bash
# A unit's last sync: recorded by the server at the end of a pull, at most
# once a minute per unit (a second sync within the minute writes nothing),
# and shown by `sangkien-admin progress` in local time, dd/mm/yyyy HH:MM.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin unit_last_sync

it_server_start
it_operator
it_tree
it_enroll Q11-044 "$T/a.db"

last_sync_tsv() { admin progress --scope Q11 --format tsv | awk -F'\t' -v u="$1" '$1 == u { print $7 }'; }
synced_at() { it_psql "SELECT y.last_sync_at FROM unit_syncs y JOIN units u ON u.id = y.unit_id WHERE u.code = :'c'" c="$1"; }
# The row's version: unchanged when a sync wrote nothing.
row_xmin() { it_psql "SELECT y.xmin FROM unit_syncs y JOIN units u ON u.id = y.unit_id WHERE u.code = :'c'" c="$1"; }
wait_synced() { # UNIT NOT_EQUAL_TO: the record is written after the pull's reply
	local i
	for i in $(seq 50); do
		[ "$(synced_at "$1")" != "$2" ] && return 0
		sleep 0.1
	done
	it_fail "the last sync of $1 was not recorded"
}

it_eq "" "$(last_sync_tsv Q11-044)" "last sync before any"
out=$(admin progress --scope Q11) || it_fail "progress table"
grep -E '^Q11-044 .* chưa đồng bộ *$' <<<"$out" >/dev/null || it_fail "never synced not said: $out"

it_add "$T/a.db" "Sáng kiến: sắp xếp lại phòng chờ" >/dev/null
it_status 0 client "$T/a.db" sync
wait_synced Q11-044 ""
it_eq 1 "$(it_psql "SELECT count(*) FROM unit_syncs")" "units with a sync"
it_eq t "$(it_psql "SELECT last_sync_at > now() - interval '1 minute' FROM unit_syncs")" \
	"sync recorded now"
first=$(synced_at Q11-044)
xmin=$(row_xmin Q11-044)

# Within the minute: the row is left alone (same version, same time).
it_status 0 client "$T/a.db" sync
sleep 0.5
it_eq "$xmin" "$(row_xmin Q11-044)" "row version after a second sync within the minute"
it_eq "$first" "$(synced_at Q11-044)" "last sync after a second sync within the minute"

# Over a minute later it moves.
it_psql "UPDATE unit_syncs SET last_sync_at = last_sync_at - interval '2 minutes'"
older=$(synced_at Q11-044)
it_status 0 client "$T/a.db" sync
wait_synced Q11-044 "$older"
it_eq t "$(it_psql "SELECT last_sync_at > now() - interval '1 minute' FROM unit_syncs")" \
	"sync recorded again after a minute"

# Shown: ISO for scripts, local dd/mm/yyyy HH:MM for people, with the zone.
ms=$(it_psql "SELECT floor(extract(epoch FROM last_sync_at) * 1000)::bigint FROM unit_syncs")
want=$(TZ=Asia/Ho_Chi_Minh date -d "@$((ms / 1000))" '+%d/%m/%Y %H:%M')
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$' <<<"$(last_sync_tsv Q11-044)" ||
	it_fail "tsv last sync: $(last_sync_tsv Q11-044)"
it_eq "" "$(last_sync_tsv Q11-027)" "Q11-027 never synced"
out=$(TZ=Asia/Ho_Chi_Minh admin progress --scope Q11) || it_fail "progress table"
grep -F "Q11-044" <<<"$out" | grep -qF "$want" || it_fail "table last sync, want $want: $out"
it_contains "$out" "UTC+07:00" "zone said once"
echo "ok"
