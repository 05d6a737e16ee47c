#!/usr/bin/env bash
# The Windows sangkien.exe under Wine against the Linux sangkiend and the
# private PostgreSQL on loopback: enroll into a store whose folder and file
# are named in Vietnamese, add initiatives with Vietnamese text (options and
# a TSV file with a Vietnamese name), sync, sync again (nothing resent),
# quota; the database holds each initiative once with its text byte for
# byte.  Without --store the store is %LOCALAPPDATA%\sangkien\store.db.
# SK_SANGKIEN and SK_ADMIN run the .exe files through tests/windows/wine-run.sh.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin wine_client

it_server_start
it_operator
it_tree
STORE="$T/Kho dữ liệu Phường 1/sáng kiến.db"
code=$(admin enroll Q11-027) || it_fail "sangkien-admin.exe enroll"
client "$STORE" enroll "$ADDR" "$code" >"$T/client.log" 2>&1 || it_fail "sangkien.exe enroll"
[ -s "$STORE" ] || it_fail "no store at the Vietnamese path $STORE"

title1='Ứng dụng mã QR để tiếp nhận hồ sơ đoàn viên — “một cửa” tại Phường 1'
summary1='Đoàn viên quét mã QR, điền hồ sơ trên điện thoại; cán bộ duyệt trong ngày.'
out=$(client "$STORE" add --title "$title1" --kind management \
	--author "Nguyễn Thị Bích Ngọc|Chủ tịch công đoàn cơ sở" --author "Phạm Quốc Việt" \
	--summary "$summary1" --effect "Rút ngắn thời gian chờ từ 3 ngày còn 1 ngày." \
	--applied-on 2022-05-19 --theme admin-reform) || it_fail "sangkien.exe add"
uuid1=$(it_uuid_of "$out")
[ -n "$uuid1" ] || it_fail "add printed no uuid: $out"

# Two more from a file whose name is Vietnamese.
TSV="$T/Danh sách sáng kiến tháng 5.tsv"
{
	printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
	printf 'Cải tiến quy trình phân loại rác thải tại chợ Bình Thới\ttechnical\tVõ Thành Lộc|Kỹ thuật viên\tPhân loại rác tại nguồn theo ba màu thùng.\tGiảm 40%% khối lượng rác chôn lấp.\t2021-09-01\t\n'
	printf 'Sổ tay điện tử cho tổ bảo trì\ttechnical\tTrần Văn Đức|Tổ trưởng;Lê Thị Ngọc Ánh\tGhi lỗi máy bằng điện thoại thay cho sổ giấy.\tSửa máy nhanh hơn một nửa.\t2022-03-15\tproduction\n'
} >"$TSV"
client "$STORE" add --from-file "$TSV" >>"$T/client.log" 2>&1 || it_fail "sangkien.exe add --from-file"
list=$(client "$STORE" list --format tsv) || it_fail "sangkien.exe list"
it_eq 3 "$(tail -n +2 <<<"$list" | wc -l)" "items in the store"
it_eq "$title1" "$(it_list_field "$STORE" "$uuid1" title)" "title listed by sangkien.exe"

it_status 0 client "$STORE" sync
it_eq 3 "$(it_db_initiative_count Q11-027)" "initiatives stored for Q11-027"
it_eq 0 "$(it_psql "SELECT count(*) FROM (SELECT uuid FROM initiatives GROUP BY uuid
	HAVING count(*) > 1) d")" "uuids stored more than once"
it_eq "$title1" "$(it_db_field "$uuid1" title)" "title in the database"
it_eq "$summary1" "$(it_db_field "$uuid1" summary)" "summary in the database"
it_eq "Nguyễn Thị Bích Ngọc|Chủ tịch công đoàn cơ sở;Phạm Quốc Việt|" \
	"$(it_db_field "$uuid1" authors)" "authors in the database"
it_eq "Trần Văn Đức|Tổ trưởng;Lê Thị Ngọc Ánh|" \
	"$(it_psql "SELECT string_agg((a->>'name') || '|' || coalesce(a->>'position', ''), ';'
		ORDER BY n) FROM initiatives i, jsonb_array_elements(i.authors)
		WITH ORDINALITY AS x(a, n) WHERE i.title = 'Sổ tay điện tử cho tổ bảo trì'")" \
	"authors from the file in the database"
# Every local receipt is the stored row.
while IFS=$'\t' read -r _ uuid state _ _ _ rid _; do
	it_eq "$(it_db_field "$uuid" record_id)" "$rid" "record id of $uuid"
	[ "$state" != new ] || it_fail "$uuid still new after sync"
done < <(tail -n +2 <<<"$(client "$STORE" list --format tsv)")

# A second sync sends nothing and changes nothing.
before=$(it_db_snapshot)
it_status 0 client "$STORE" sync
it_eq "$before" "$(it_db_snapshot)" "database after the second sync"

q=$(client "$STORE" quota --format tsv) || it_fail "sangkien.exe quota"
it_eq 3 "$(awk -F'\t' '$1 == "submitted" { print $2 }' <<<"$q")" "submitted in quota"
it_eq server "$(awk -F'\t' '$1 == "source" { print $2 }' <<<"$q")" "quota source"
it_eq 2 "$(awk -F'\t' '$1 == "quota" { print $2 }' <<<"$q")" "quota of Q11-027"
human=$(client "$STORE" quota) || it_fail "sangkien.exe quota (table)"
it_contains "$human" "Phường 1" "quota names the unit in Vietnamese"

# The default store: %LOCALAPPDATA%\sangkien\store.db of the Wine user.
appdata=$(find "$SK_WINEPREFIX/drive_c/users" -maxdepth 3 -path '*/AppData/Local' -type d | head -n 1)
[ -d "$appdata" ] || it_fail "no AppData/Local folder in the Wine prefix"
rm -rf "$appdata/sangkien"
it_on_exit "rm -rf '$appdata/sangkien'"
"$SK_SANGKIEN" list >/dev/null || it_fail "sangkien.exe list with the default store"
[ -s "$appdata/sangkien/store.db" ] || it_fail "no store in %LOCALAPPDATA%\\sangkien"
echo "ok"
