#!/usr/bin/env bash
# A report whose scope has more grassroots units than one reply can list
# leaves the unit list out (units_omitted) without computing it, and every
# total is still complete; a smaller scope lists its units as before.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin report_limit

# The smallest frame limit allows 65536 / 64 = 1024 unit entries.
it_config max_frame_bytes=65536
it_server_start
it_operator
it_tree
{
	echo "stt,ma_don_vi,don_vi,so_phan_bo"
	for i in $(seq 100 1199); do echo "$i,Q11-$i,Công đoàn cơ sở số $i,1"; done
} >"$T/many.csv"
admin import-units --parent Q11 "$T/many.csv" >>"$T/admin.log" 2>&1 ||
	it_fail "import of 1,100 units"
admin add-unit Q5 "Liên đoàn Lao động Quận 5" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q5"
printf 'stt,ma_don_vi,don_vi,so_phan_bo\n1,Q5-001,Phường 1,3\n' >"$T/q5.csv"
admin import-units --parent Q5 "$T/q5.csv" >>"$T/admin.log" 2>&1 || it_fail "import Q5"
cred=$(it_credential Q11-027)
probe "$ADDR" hello 1 "$cred" submit Q11-027 - submit Q11-027 - >/dev/null

op=$SANGKIEN_ADMIN_CREDENTIAL
out=$(probe "$ADDR" hello 1 "$op" report Q11 -)
it_eq "report_reply Q11 MTSK 2021-09-01 0 0" "$(sed -n 2p <<<"$out")" \
	"1,102 units: no unit listed"
it_contains "$out" "report_units_omitted" "the reply says the units were left out"
it_contains "$out" "report_kind management 2 0" "totals still count every initiative"
it_eq 2 "$(grep '^report_kind ' <<<"$out" | awk '{s += $3} END {print s}')" \
	"the kinds add up to the scope's initiatives"

out=$(probe "$ADDR" hello 1 "$op" report Q5 -)
it_eq "report_reply Q5 MTSK 2021-09-01 0 1" "$(sed -n 2p <<<"$out")" "one unit: listed"
it_contains "$out" "report_unit Q5-001 3 0 0" "Q5's unit with its quota"
[[ $out != *report_units_omitted* ]] || it_fail "a small scope's units were left out"
echo "ok"
