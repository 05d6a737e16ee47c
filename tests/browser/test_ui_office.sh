#!/usr/bin/env bash
# The union office's day with `sangkien ui` in Chromium (playwright-core),
# against the real sangkiend and PostgreSQL: an initiative with Vietnamese
# text entered through the form (by keyboard), a wrong date refused beside
# its field with the rest kept, a draft that survives the process being
# killed, a sync whose progress shows while the other pages stay usable
# and after which the server holds each item once, a district note
# (sangkien-admin review changes) on Home after the next sync, and a
# conflict resolved from the page, and an edit of the one sent back.  Screenshots at 1366x768 and on a phone
# are kept in $SK_SCREENSHOTS (default: the test's directory).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
. "$(dirname "$0")/../lib/browser.sh"
it_begin ui_office

it_server_start
it_operator
it_tree
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30" >>"$T/admin.log" 2>&1 ||
	it_fail "campaign put"
# A slow link (100 ms per chunk) so a sync of a few hundred items lasts
# long enough to be watched.
it_background "$SK_CUTPROXY" --target "$ADDR" --port-file "$T/proxy.port" --cut-on none \
	--delay-ms 100 2>"$T/proxy.log"
sk_wait_file "$T/proxy.port" 10 || it_fail "sk-cutproxy did not start"
S=$T/office.db
code=$(admin enroll Q11-027 2>>"$T/admin.log")
client "$S" enroll "127.0.0.1:$(cat "$T/proxy.port")" "$code" >>"$T/client.log" 2>&1 ||
	it_fail "enroll through the proxy"
# 300 waiting initiatives, entered earlier from a file.
{
	printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
	for i in $(seq 1 300); do
		printf 'Sáng kiến số %d của tổ bảo trì\ttechnical\tLê Văn Tám|Tổ trưởng\tTóm tắt %d.\tHiệu quả %d.\t2022-04-%02d\tproduction\n' \
			"$i" "$i" "$i" $((i % 28 + 1))
	done
} >"$T/batch.tsv"
client "$S" add --from-file "$T/batch.tsv" >>"$T/client.log" 2>&1 || it_fail "add --from-file"

export SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots}
it_ui_start "$S"
# 1. Entry by keyboard, the wrong date, and a draft left half typed.
it_browser ui_office.js entry "$UI_URL" || it_fail "entry in the browser"
[ "$(it_list_field "$S" "$(client "$S" list --format tsv | awk -F'\t' '$4 ~ /^Ứng dụng mã QR/ { print $2 }')" title)" = \
	'Ứng dụng mã QR “một cửa” tiếp nhận hồ sơ đoàn viên – Phường 1' ] ||
	it_fail "the entered initiative is not in the store with its exact title"

# 2. The process is killed while a draft is open: nothing typed is lost.
kill -KILL "$UI_PID"
wait "$UI_PID" 2>/dev/null || true
it_ui_start "$S"
it_browser ui_office.js draft "$UI_URL" || it_fail "the draft after a kill"

# 3. Sync from the page: progress, the page usable meanwhile, each item once.
it_browser ui_office.js sync "$UI_URL" || it_fail "sync in the browser"
it_eq 302 "$(it_db_initiative_count Q11-027)" "initiatives on the server after the sync"
snap=$(it_db_snapshot)
it_status 0 client "$S" sync
it_eq "$snap" "$(it_db_snapshot)" "a second sync stores nothing again"

# 4. The district sends one back with a note; another is edited here while
# the district changes it (a conflict).
uA=$(client "$S" list --format tsv | awk -F'\t' '$4 ~ /^Ứng dụng mã QR/ { print $2 }')
uB=$(client "$S" list --format tsv | awk -F'\t' '$4 ~ /^Quy trình giao ca/ { print $2 }')
[ -n "$uA" ] && [ -n "$uB" ] || it_fail "uuids of the page's initiatives"
admin review start "$uA" "$uB" >>"$T/admin.log" 2>&1 || it_fail "review start"
admin review changes "$uA" --note "Đề nghị bổ sung số liệu tiết kiệm (số giờ, số hồ sơ) – Ban Tuyên giáo" \
	>>"$T/admin.log" 2>&1 || it_fail "review changes A"
it_status 0 client "$S" edit "$uB" --title "Quy trình giao ca bằng sổ điện tử (bản của đơn vị)"
admin review changes "$uB" --note "Ghi rõ tên nhà xưởng áp dụng." >>"$T/admin.log" 2>&1 ||
	it_fail "review changes B"
it_browser ui_office.js review "$UI_URL" || it_fail "note and conflict in the browser"
it_eq "Quy trình giao ca bằng sổ điện tử (bản của đơn vị)" "$(it_db_field "$uB" title)" \
	"the unit's version kept on the server"
it_eq "Rút ngắn từ 3 ngày còn 1 ngày; 1.250 hồ sơ trong quý II." "$(it_db_field "$uA" effect)" \
	"the edit made on the page is on the server"
it_eq 302 "$(it_db_initiative_count Q11-027)" "initiatives on the server at the end"
it_note "screenshots in $SK_SCREENSHOTS"
echo "ok"
