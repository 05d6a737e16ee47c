#!/usr/bin/env bash
# Progress page by page (PROTOCOL.md 6.8), with limits lowered so a small
# tree spans several pages: every unit once, with the figures of one unpaged
# reply, also when a unit is added and another moved between two pages; a
# page cut by the frame limit; a whole reply refused at once when the scope
# could not fit; `sangkien-admin progress` fetching every page.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin progress_pages

# 64 KiB frames hold about 400 units: pages of the server's 500 are cut.
it_config max_frame_bytes=65536 progress_page_units=500
it_server_start
it_operator
it_tree
admin add-unit Q10 "Liên đoàn Lao động Quận 10" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q10"
{
	echo "stt,ma_don_vi,don_vi,so_phan_bo"
	for i in 1 2 3 4 5 6; do echo "$i,Q11-10$i,Công đoàn cơ sở số $i,$((i * 3))"; done
} >"$T/q11.csv"
{
	echo "stt,ma_don_vi,don_vi,so_phan_bo"
	for i in 1 2 3 4; do echo "$i,Q10-00$i,Trường học số $i,$i"; done
} >"$T/q10.csv"
admin import-units --parent Q11 "$T/q11.csv" >>"$T/admin.log" 2>&1 || it_fail "import Q11"
admin import-units --parent Q10 "$T/q10.csv" >>"$T/admin.log" 2>&1 || it_fail "import Q10"
for u in Q11-027:2 Q11-103:3 Q10-002:1; do
	cred=$(it_credential "${u%%:*}")
	out=$(probe "$ADDR" hello 1 "$cred" submit-n "${u%%:*}" "${u#*:}")
	it_eq "${u#*:}" "$(grep -c ' ITEM_ACCEPTED ' <<<"$out")" "initiatives of ${u%%:*}"
done
OP=$SANGKIEN_ADMIN_CREDENTIAL
reloads=0
reload() { # KEY=VALUE...: new settings, applied by SIGHUP
	it_config "$@"
	kill -HUP "$SK_SERVER_PID"
	reloads=$((reloads + 1))
	for _ in $(seq 50); do
		[ "$(grep -c 'reload: ' "$T/sangkiend.log")" -ge "$reloads" ] && return 0
		sleep 0.1
	done
	it_fail "the server did not reload"
}

it_note "the reference: one unpaged reply of HCM"
whole=$(probe "$ADDR" hello 1 "$OP" op progress HCM)
it_eq "progress_reply 12 15 0 0 -" "$(sed -n 2p <<<"$whole")" "unpaged: every unit and the tree"
ref=$(grep '^progress_unit ' <<<"$whole")
it_eq 12 "$(wc -l <<<"$ref")" "units in the unpaged reply"
it_contains "$ref" "progress_unit Q11-103 9 3 0" "figures of Q11-103"
it_contains "$ref" "progress_unit Q10-002 2 1 0" "figures of Q10-002"

it_note "pages of 5 units, a unit added and one moved after the first page"
probe --timeout 20000 "$ADDR" hello 1 "$OP" progress-page HCM - 5 touch "$T/page1" \
	wait-file "$T/go" progress-page HCM + 5 progress-page HCM + 5 progress-page HCM + 5 \
	>"$T/pages.txt" 2>>"$T/probe.log" &
pid=$!
IT_PIDS+=("$pid")
for _ in $(seq 100); do [ -f "$T/page1" ] && break; sleep 0.1; done
[ -f "$T/page1" ] || it_fail "the first page did not come"
# Q10-000 sorts before the first page's cursor, Q11-999 after it; Q11-106
# (not yet listed) moves to Q10 and Q10-001 (listed) to Q11.
admin add-unit Q10-000 "Đơn vị mới trước con trỏ" --level grassroots --parent Q10 \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q10-000"
admin add-unit Q11-999 "Đơn vị mới sau con trỏ" --level grassroots --parent Q11 \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q11-999"
admin add-unit Q11-106 "Công đoàn cơ sở số 6" --level grassroots --parent Q10 \
	>>"$T/admin.log" 2>&1 || it_fail "move Q11-106"
admin add-unit Q10-001 "Trường học số 1" --level grassroots --parent Q11 \
	>>"$T/admin.log" 2>&1 || it_fail "move Q10-001"
touch "$T/go"
wait "$pid" || it_fail "the pages' probe failed"
cat "$T/pages.txt" >&2
it_eq "progress_reply 5 8 0 1 Q11-027
progress_reply 5 5 0 1 Q11-104
progress_reply 3 3 0 0 Q11-999" "$(grep '^progress_reply ' "$T/pages.txt" | sed -n 1,3p)" \
	"first page with the levels above, then 5 and the rest"
it_eq "progress_reply 0 0 0 0 Q11-999" "$(grep '^progress_reply ' "$T/pages.txt" | sed -n 4p)" \
	"after the last page: nothing, the cursor kept"
got=$(grep '^progress_unit ' "$T/pages.txt")
it_eq "" "$(cut -d' ' -f2 <<<"$got" | sort | uniq -d)" "no unit twice"
it_eq "$ref
progress_unit Q11-999 0 0 0" "$got" "every unit once, with the unpaged figures, and the one added after the cursor"

it_note "sangkien-admin progress over pages of 5 (each a request)"
reload max_frame_bytes=65536 progress_page_units=5
logged=$(wc -l <"$T/sangkiend.log")
tsv=$(admin progress --scope HCM --format tsv) || it_fail "admin progress"
it_eq 14 "$(sed 1d <<<"$tsv" | wc -l)" "units listed by sangkien-admin progress"
it_eq "" "$(sed 1d <<<"$tsv" | cut -f1 | sort | uniq -d)" "no unit twice in sangkien-admin progress"
it_eq "$(sed 1d <<<"$tsv" | cut -f1 | LC_ALL=C sort)" "$(sed 1d <<<"$tsv" | cut -f1)" \
	"sangkien-admin progress by code"
it_contains "$tsv" "Q11-103	Công đoàn cơ sở số 3	9	3	0	33.3	" "Q11-103 in the table"
it_eq 3 "$(tail -n +"$((logged + 1))" "$T/sangkiend.log" | grep -c ': request [0-9]* progress$')" \
	"one request per page"

it_note "a district of 2,100 units: pages cut by the frame, the whole reply refused at once"
reload max_frame_bytes=65536 progress_page_units=500
admin add-unit Q5 "Liên đoàn Lao động Quận 5" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q5"
# In files of 300 rows: an import request stays within the 64 KiB frame.
for part in 0 1 2 3 4 5 6; do
	{
		echo "stt,ma_don_vi,don_vi,so_phan_bo"
		for i in $(seq $((part * 300 + 1)) $((part * 300 + 300))); do
			printf '%d,Q5-%04d,Công đoàn cơ sở Quận 5 số %d,%d\n' "$i" "$i" "$i" $((i % 7))
		done
	} >"$T/q5-$part.csv"
	admin import-units --parent Q5 "$T/q5-$part.csv" >>"$T/admin.log" 2>&1 ||
		it_fail "import Q5, part $part"
done
out=$(probe "$ADDR" hello 1 "$OP" op progress VN progress-page VN - 0)
it_eq "error LIMIT_EXCEEDED" "$(sed -n 2p <<<"$out")" "unpaged reply of 2,114 units refused"
first=$(grep '^progress_reply ' <<<"$out")
n=$(cut -d' ' -f2 <<<"$first")
[ "$n" -gt 100 ] && [ "$n" -lt 500 ] || it_fail "first page not cut by the frame: $first"
it_eq 1 "$(cut -d' ' -f5 <<<"$first")" "more after a page cut by the frame"
tsv=$(admin progress --scope VN --format tsv) || it_fail "admin progress of VN"
it_eq 2114 "$(sed 1d <<<"$tsv" | wc -l)" "every unit of the nation"
it_eq "" "$(sed 1d <<<"$tsv" | cut -f1 | sort | uniq -d)" "no unit of the nation twice"
it_contains "$tsv" "Q5-2100	Công đoàn cơ sở Quận 5 số 2100	0	0	0	-	" "the last unit"

echo "ok"
