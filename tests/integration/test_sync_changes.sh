#!/usr/bin/env bash
# Edits before and after sending, an edit meeting a review (conflict kept,
# resolved both ways), withdrawal, what a pull brings back (status, notes,
# quota), `show` with receipt and history, --dry-run sending nothing, an
# item the server refuses not blocking the others, and a sync with nothing
# to do changing nothing.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin sync_changes

it_server_start
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
A=$T/a.db

# The reviewers' side.  While `sangkien-admin review` is not available the
# test plays the reviewer in SQL: a new status, a version bump and a note,
# as a review does (the feed trigger gives the row a new feed number).
review() { # UUID STATUS [NOTE]
	it_psql "UPDATE initiatives SET status = :'st', version = version + 1,
		 updated_at = now() WHERE uuid = :'u'::uuid" u="$1" st="$2" >/dev/null
	if [ -n "${3:-}" ]; then
		it_psql "INSERT INTO initiative_notes (initiative_id, author, status, body)
			 SELECT id, 'Ban Chính sách pháp luật', :'st', :'b' FROM initiatives
			 WHERE uuid = :'u'::uuid" u="$1" st="$2" b="$3" >/dev/null
	fi
}
db() { # UUID COLUMN
	it_psql "SELECT $2 FROM initiatives WHERE uuid = :'u'::uuid" u="$1"
}
state() { it_list_field "$A" "$1" state; }

uA=$(it_uuid_of "$(it_add "$A" 'Sổ giao ca điện tử')")
uB=$(it_uuid_of "$(it_add "$A" 'Bảng phân công trực Tết')")
uC=$(it_uuid_of "$(it_add "$A" 'Phiếu khảo sát đoàn viên trực tuyến')")
uD=$(it_uuid_of "$(it_add "$A" 'Kho lưu trữ hồ sơ giấy — sẽ rút')")

# Edit before sending: only the content that will be sent changes; the
# prefix of a uuid names the item.
it_status 0 client "$A" edit "${uA:0:28}" --title 'Sổ giao ca điện tử – Phường 1'
it_eq pending "$(state "$uA")" "state after editing an unsent item"

# --dry-run checks and sends nothing.
out=$(client "$A" sync --dry-run) || it_fail "dry run exited $?"
it_contains "$out" "4 mục chờ gửi" "dry-run summary"
it_eq 0 "$(it_db_initiative_count Q11-027)" "rows after --dry-run"

it_status 0 client "$A" sync
it_eq 4 "$(it_db_initiative_count Q11-027)" "rows after the first sync"
it_eq 'Sổ giao ca điện tử – Phường 1' "$(db "$uA" title)" "edited title sent"

# show: the receipt as stored by the server, and the history.
out=$(client "$A" show "$uA")
it_contains "$out" "hồ sơ số $(db "$uA" id), phiên bản 1" "receipt in show"
it_contains "$out" "$(db "$uA" "encode(content_sha256, 'hex')")" "content hash in show"
it_contains "$out" "nhập trên máy" "history: added"
it_contains "$out" "sửa trên máy: title" "history: edited"
it_contains "$out" "máy chủ đã nhận, biên nhận" "history: accepted"

# Edit after sending: a new revision on version 1.
it_status 0 client "$A" edit "$uA" --summary 'Ghi sổ giao ca trên máy tính bảng, có chữ ký số.'
it_status 0 client "$A" sync
it_eq 'Ghi sổ giao ca trên máy tính bảng, có chữ ký số.' "$(db "$uA" summary)" "edited summary"
it_eq 2 "$(db "$uA" version)" "server version after the edit"
it_eq 4 "$(it_db_initiative_count Q11-027)" "rows after the edit (no new row)"
it_contains "$(client "$A" show "$uA")" "phiên bản 2" "show after the edit"

# An edit made while the district already reviews it: both versions kept.
review "$uB" under_review
it_status 0 client "$A" edit "$uB" --title 'Bảng phân công trực Tết (sửa)'
it_status 3 client "$A" sync
it_eq conflict "$(state "$uB")" "state after editing an item under review"
it_eq 'Bảng phân công trực Tết' "$(db "$uB" title)" "server copy untouched"
out=$(client "$A" show "$uB")
it_contains "$out" "Bản trên máy chủ (phiên bản 2)" "show lists the server's version"
it_contains "$out" "Bảng phân công trực Tết (sửa)" "show keeps the local version"
it_contains "$out" "Đang xét duyệt" "show has the server status"
it_status 1 client "$A" edit "$uB" --title 'Sửa thêm khi đang xung đột'
it_status 0 client "$A" resolve "$uB" --take-server
it_eq synced "$(state "$uB")" "state after --take-server"
it_eq 'Bảng phân công trực Tết' "$(it_list_field "$A" "$uB" title)" "title after --take-server"
# Known to be under review now: refused here without a round trip.
it_status 1 client "$A" edit "$uB" --title 'Không được sửa'

# Sent back for changes with a note: the edit was made on version 1, the
# server is at 2, so it conflicts; keeping mine resends it on version 2.
review "$uC" needs_changes 'Đề nghị bổ sung số liệu khảo sát (số phiếu, tỷ lệ).'
it_status 0 client "$A" edit "$uC" --effect 'Thu 1.250 phiếu, 92% đoàn viên tham gia.'
it_status 3 client "$A" sync
it_eq conflict "$(state "$uC")" "state after editing on an old version"
it_contains "$(client "$A" show "$uC")" "Đề nghị bổ sung số liệu khảo sát" "note pulled"
it_status 0 client "$A" resolve "$uC" --keep-mine
it_eq pending "$(state "$uC")" "state after --keep-mine"
it_status 0 client "$A" sync
it_eq synced "$(state "$uC")" "state after resending"
it_eq 'Thu 1.250 phiếu, 92% đoàn viên tham gia.' "$(db "$uC" effect)" "kept effect on server"

# Withdraw: stays on record as withdrawn.
it_status 0 client "$A" withdraw "$uD" --reason 'Trùng với sáng kiến năm trước'
it_status 0 client "$A" sync
it_eq withdrawn "$(db "$uD" status)" "server status after withdrawal"
it_eq 4 "$(it_db_initiative_count Q11-027)" "rows after withdrawal"
it_contains "$(client "$A" show "$uD")" "Đã rút" "show after withdrawal"

# Pull brings back status and the quota (changed by the district).
review "$uB" recognized
cat >"$T/quota.csv" <<-'CSV'
	stt,ma_don_vi,don_vi,so_phan_bo
	27,Q11-027,Phường 1,9
	44,Q11-044,Bệnh Viện,5
CSV
admin import-units --parent Q11 "$T/quota.csv" >>"$T/admin.log" 2>&1 || it_fail "quota change"
it_status 0 client "$A" sync
it_contains "$(client "$A" show "$uB")" "Được công nhận" "recognized status pulled"
it_server_stop
q=$(client "$A" quota --format tsv 2>/dev/null)
it_eq 9 "$(awk -F'\t' '$1 == "quota" { print $2 }' <<<"$q")" "quota cached from the pull"
it_eq cache "$(awk -F'\t' '$1 == "source" { print $2 }' <<<"$q")" "quota source offline"
it_server_start "$PORT"

# An item the server refuses (another unit's) does not block the others.
uE=$(it_uuid_of "$(it_add "$A" 'Sáng kiến bị máy chủ từ chối')")
uF=$(it_uuid_of "$(it_add "$A" 'Sáng kiến gửi cùng lô')")
sqlite3 "$A" "UPDATE initiatives SET unit_code = 'Q11-044' WHERE uuid = '$uE'"
it_status 3 client "$A" sync
it_eq forbidden "$(state "$uE")" "refused item"
it_eq synced "$(state "$uF")" "item in the same batch"
it_eq 5 "$(it_db_initiative_count Q11-027)" "rows after the refused item"

# Nothing left: another sync changes nothing on the server.
before=$(it_db_snapshot)
out=$(client "$A" sync) || [ $? -eq 3 ] || it_fail "idle sync failed"
it_contains "$out" "Đã gửi 0 sáng kiến mới" "idle sync summary"
it_eq "$before" "$(it_db_snapshot)" "database after an idle sync"
echo "ok"
