#!/usr/bin/env bash
# What the unit's pull brings back, whatever the server holds: an
# initiative whose notes alone exceed a frame does not stall the pull (its
# oldest notes are left out, the newest go, later changes still arrive); a
# phase boundary moved by `campaign put` reaches the unit's store; a new
# submission is not counted again as changed by the pull that follows it;
# a duplicate resend leaves the unit's feed as it was.  The limits are
# lowered so that little data is needed.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin pull_progress

it_config max_frame_bytes=65536 pull_max_items=5
it_server_start
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
A=$T/a.db
P1="P1|Giai đoạn 1|2021-09-01|2022-05-31"
P2="P2|Giai đoạn 2|2022-06-01|2023-09-30"
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "$P1" --phase "$P2" >>"$T/admin.log" 2>&1 || it_fail "campaign put"

# --- a new submission is counted once -------------------------------------
u1=$(it_uuid_of "$(it_add "$A" 'Sổ giao ca điện tử')")
u2=$(it_uuid_of "$(it_add "$A" 'Bảng phân công trực Tết')")
out=$(client "$A" sync) || it_fail "first sync exited $?"
it_contains "$out" "2 được nhận" "first sync sent both"
it_contains "$out" "Nhận về từ máy chủ: 0 sáng kiến có thay đổi" \
	"the pull right after a submission counts nothing as changed"
it_eq 0 "$(client "$A" show "$u1" | grep -c 'trạng thái' || true)" \
	"no status event in the history for the pull after the submission"
feed() { it_psql "SELECT last_seq FROM unit_feed f JOIN units u ON u.id = f.unit_id
		  WHERE u.code = 'Q11-027'"; }

# --- a duplicate resend does not bump the feed ------------------------------
cred=$(it_credential Q11-027)
u3=$(it_uuid7)
out=$(probe "$ADDR" hello 1 "$cred" submit Q11-027 "$u3")
it_contains "$out" "item 0 ITEM_ACCEPTED" "probe submission"
before=$(feed)
out=$(probe "$ADDR" hello 1 "$cred" submit Q11-027 "$u3" submit Q11-027 "$u3")
it_eq 2 "$(grep -c 'item 0 ITEM_DUPLICATE' <<<"$out")" "resends are duplicates: $out"
it_eq "$before" "$(feed)" "the unit's feed after two duplicate resends"
it_status 0 client "$A" sync

# --- a moved phase boundary reaches the unit --------------------------------
it_contains "$(client "$A" show "$u1")" "Giai đoạn:       P1" "phase before the move"
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-03-31" \
	--phase "P2|Giai đoạn 2|2022-04-01|2023-09-30" >>"$T/admin.log" 2>&1 ||
	it_fail "campaign put moving the boundary"
it_eq P2 "$(it_psql "SELECT phase_code FROM sk_server_initiatives WHERE uuid = :'u'" u="$u1")" \
	"the server's phase after the move"
it_status 0 client "$A" sync
it_contains "$(client "$A" show "$u1")" "Giai đoạn:       P2" "phase in the store after sync"
it_contains "$(client "$A" show "$u2")" "Giai đoạn:       P2" "second initiative's phase"

# --- notes larger than a frame do not stall the pull -----------------------
# 30 notes of 3,900 characters (3 bytes each in UTF-8): about 350 kB on u1,
# five times the frame.  Then u2 is reviewed: that change must arrive too.
note=$(printf 'ạ%.0s' $(seq 3890))
for i in $(seq 30); do
	it_psql "INSERT INTO initiative_notes (initiative_id, author, status, body)
		 SELECT id, 'Ban Chính sách pháp luật', status, :'b' FROM initiatives
		 WHERE uuid = :'u'::uuid" u="$u1" b="Ý kiến số $i: $note" >/dev/null
done
it_psql "UPDATE initiatives SET version = version + 1, updated_at = now()
	 WHERE uuid = :'u'::uuid" u="$u1" >/dev/null
it_psql "UPDATE initiatives SET status = 'under_review', version = version + 1,
	 updated_at = now() WHERE uuid = :'u'::uuid" u="$u2" >/dev/null
out=$(client "$A" sync 2>&1) || it_fail "sync with notes beyond a frame exited $?: $out"
it_contains "$(client "$A" show "$u2")" "xét duyệt" "the review after the large item arrived"
shown=$(client "$A" show "$u1")
it_contains "$shown" "Ý kiến số 30:" "the newest note arrived"
grep -qF "Ý kiến số 1:" <<<"$shown" && it_fail "the oldest note should have been left out"
omitted=$(grep -o '[0-9]* ý kiến cũ hơn không hiện ở đây' <<<"$shown" | grep -o '^[0-9]*') ||
	it_fail "show should say how many earlier notes it leaves out: $shown"
it_eq 30 "$((omitted + $(grep -c '  Ban Chính sách pháp luật ([^)]*): Ý kiến số' <<<"$shown")))" \
	"the notes shown and those said to be left out make all 30"
# Nothing is left behind: the next sync brings nothing.
out=$(client "$A" sync) || it_fail "sync after the large item exited $?"
it_contains "$out" "Nhận về từ máy chủ: 0 sáng kiến có thay đổi" "nothing left to pull"
# The server says how many notes it left out.
out=$(probe "$ADDR" hello 1 "$cred" pull 0)
it_contains "$out" "notes_omitted" "the pull reply names the notes left out: $out"
# An operator's list of the unit goes on past it too.
out=$(probe "$ADDR" hello 1 "$SANGKIEN_ADMIN_CREDENTIAL" list Q11-027 - 0 10)
it_contains "$out" "listed $(it_db_field "$u1" record_id) $u1" "the operators' list past the large item: $out"

echo "pull progress: OK"
