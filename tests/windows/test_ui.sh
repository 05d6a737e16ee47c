#!/usr/bin/env bash
# `sangkien ui` of the Windows sangkien.exe under Wine, driven by the Linux
# chromium (playwright-core, tests/browser) over loopback, against the Linux
# sangkiend and PostgreSQL: an initiative with Vietnamese text entered
# through the form by keyboard (tests/browser/ui_office.js entry: the wrong
# date refused beside its field, then corrected; a second one left as a
# draft), then a sync started from the page (ui_sync.js).  The server's
# database then holds the entered initiative once, with its exact title,
# summary and authors; the draft is not sent.  The store is in a folder
# named in Vietnamese.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
. "$(dirname "$0")/../lib/browser.sh"
it_begin wine_ui

it_server_start
it_operator
it_tree
mkdir -p "$T/Văn phòng Công đoàn"
S="$T/Văn phòng Công đoàn/kho.db"
code=$(admin enroll Q11-027 2>>"$T/admin.log") || it_fail "sangkien-admin.exe enroll"
client "$S" enroll "$ADDR" "$code" >>"$T/client.log" 2>&1 || it_fail "sangkien.exe enroll"

export SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots}
it_ui_start "$S"
it_browser ui_office.js entry "$UI_URL" || it_fail "entry in the browser (sangkien.exe ui)"
it_browser ../windows/ui_sync.js "$UI_URL" 1 || it_fail "sync in the browser (sangkien.exe ui)"

title='Ứng dụng mã QR “một cửa” tiếp nhận hồ sơ đoàn viên – Phường 1'
uuid=$(client "$S" list --format tsv | awk -F'\t' -v t="$title" '$4 == t { print $2 }')
[ -n "$uuid" ] || it_fail "the entered initiative is not in the store"
it_eq 1 "$(it_db_initiative_count Q11-027)" "initiatives on the server (the draft stays here)"
it_eq "$title" "$(it_db_field "$uuid" title)" "title in the database"
it_eq $'Đoàn viên quét mã QR để nộp hồ sơ; cán bộ công đoàn xử lý trên điện thoại.\nÁp dụng từ tháng 3/2022 tại bộ phận một cửa.' \
	"$(it_db_field "$uuid" summary)" "summary in the database"
it_eq "Nguyễn Thị Bích Ngọc|Chủ tịch công đoàn cơ sở;Phạm Quốc Việt|" \
	"$(it_db_field "$uuid" authors)" "authors in the database"
it_eq 2022-03-05 "$(it_psql "SELECT applied_on FROM initiatives WHERE uuid = :'u'" u="$uuid")" \
	"date typed 5/3/2022 in the database"
it_note "screenshots in $SK_SCREENSHOTS"
echo "ok"
