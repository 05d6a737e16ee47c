#!/usr/bin/env bash
# Edit, then withdraw, before a sync: both go, in order.  The server keeps
# the edited content on record as withdrawn, and the unit's copy never
# reverts to the older content.  Also: text a reviewer wrote with terminal
# control sequences reaches `sangkien show` filtered.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin edit_withdraw

it_server_start
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
A=$T/a.db
db() { # UUID COLUMN
	it_psql "SELECT $2 FROM initiatives WHERE uuid = :'u'::uuid" u="$1"
}

u=$(it_uuid_of "$(it_add "$A" 'Sổ giao ca điện tử')")
it_status 0 client "$A" sync
it_eq 1 "$(db "$u" version)" "version after the first sync"

it_status 0 client "$A" edit "$u" --title 'Sổ giao ca điện tử – bản cuối'
out=$(client "$A" withdraw "$u" --reason 'Trùng với sáng kiến của Phường 2')
it_contains "$out" "được gửi trước, rồi đến yêu cầu rút" "withdraw says the edit goes first"
it_contains "$(client "$A" show "$u")" "sau đó là yêu cầu rút" "show: edit, then withdrawal"

out=$(client "$A" sync) || it_fail "sync exited $?"
it_contains "$out" "Bản sửa được chấp nhận: 1; yêu cầu rút được chấp nhận: 1" "sync summary"
it_eq 'Sổ giao ca điện tử – bản cuối' "$(db "$u" title)" "the server keeps the edited title"
it_eq withdrawn "$(db "$u" status)" "the server's status"
it_eq 3 "$(db "$u" version)" "edit then withdrawal: two versions"
it_eq synced "$(it_list_field "$A" "$u" state)" "state here"
out=$(client "$A" show "$u")
it_contains "$out" "Tên:            Sổ giao ca điện tử – bản cuối" "the unit keeps the edited title"
it_contains "$out" "Đã rút" "show: withdrawn on the server"
# A second sync changes nothing and brings nothing back.
it_status 0 client "$A" sync
it_eq 'Sổ giao ca điện tử – bản cuối' "$(it_list_field "$A" "$u" title)" "title after resync"

# A note written with escape sequences (clear screen, set the window title,
# OSC 52 clipboard) reaches the unit; show prints it without them.
v=$(it_uuid_of "$(it_add "$A" 'Phiếu khảo sát trực tuyến')")
it_status 0 client "$A" sync
it_psql "UPDATE initiatives SET status = 'under_review', version = version + 1,
	 updated_at = now() WHERE uuid = :'u'::uuid" u="$v" >/dev/null
it_psql "INSERT INTO initiative_notes (initiative_id, author, status, body)
	 SELECT id, E'Ban \\x1b[31mKiểm tra', 'under_review',
		E'Cần bổ sung\\x1b[2J\\x1b]0;owned\\x07 số liệu\\x1b]52;c;QUFB\\x07 \\u202e' FROM initiatives
	 WHERE uuid = :'u'::uuid" u="$v" >/dev/null
it_status 0 client "$A" sync
client "$A" show "$v" >"$T/show.out" 2>&1 || it_fail "show exited $?"
grep -q 'Cần bổ sung' "$T/show.out" || it_fail "show lacks the note"
if LC_ALL=C grep -q $'\x1b\|\x07\|\xe2\x80\xae' "$T/show.out"; then
	it_fail "show printed control characters from the server: $(od -c "$T/show.out" | head)"
fi
it_contains "$(cat "$T/show.out")" "Cần bổ sung?[2J?]0;owned? số liệu?]52;c;QUFB? ?" \
	"show prints each control character as ?"
echo "ok"
