#!/usr/bin/env bash
# A SubmitBatch is written set-based (sk_submit_batch): every item still
# gets the answer it would get alone, in request order (accepted, a resend
# or a uuid twice in the batch a duplicate, other content a conflict with
# the server's copy, another unit's uuid forbidden, a bad item invalid, an
# earlier revision's content a duplicate with that revision's receipt);
# the unit's feed numbers the new rows in item order with no gap, and every
# submission has its own audit row and waits for the search index.  An
# initiative naming no existing unit or credential is refused, and units and
# credentials are never deleted (the statement checks of sql/022).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin submit_batch

it_server_start
it_operator
it_tree
cred=$(it_credential Q11-027)
cred44=$(it_credential Q11-044)
u1=$(it_uuid7) u2=$(it_uuid7) u3=$(it_uuid7) u4=$(it_uuid7) other=$(it_uuid7)

out=$(probe "$ADDR" hello 1 "$cred44" submit Q11-044 "$other")
[[ $(sed -n 2p <<<"$out") =~ ^item\ 0\ ITEM_ACCEPTED\ [1-9] ]] || it_fail "other unit: $out"

spec="$u1=Sổ giao ca điện tử;$u2=Bảng phân công trực Tết;$u1=Sổ giao ca điện tử"
spec+=";$u3=Bản đầu;$u3=Bản khác;$other=Của đơn vị khác;$u4="
out=$(probe "$ADDR" hello 1 "$cred" submit-batch Q11-027 "$spec;-=Hộp thư góp ý")
id1=$(it_db_field "$u1" record_id)
id2=$(it_db_field "$u2" record_id)
id3=$(it_db_field "$u3" record_id)
id8=$(it_psql "SELECT i.id FROM initiatives i WHERE i.title = 'Hộp thư góp ý'")
want="hello_reply UNIT Q11-027
item 0 ITEM_ACCEPTED $id1
item 1 ITEM_ACCEPTED $id2
item 2 ITEM_DUPLICATE $id1
item 3 ITEM_ACCEPTED $id3
item 4 ITEM_CONFLICT 0
current 4 v1 SUBMITTED Bản đầu
item 5 ITEM_FORBIDDEN 0
item 6 ITEM_INVALID 0
item 7 ITEM_ACCEPTED $id8"
it_eq "$want" "$out" "each item's answer, in request order"
it_eq 4 "$(it_db_initiative_count Q11-027)" "rows stored"
it_eq "Bản đầu" "$(it_db_field "$u3" title)" "the first of two contents for one uuid is kept"

feed="SELECT string_agg(i.title || ':' || i.feed_seq, ',' ORDER BY i.feed_seq)
      FROM initiatives i JOIN units u ON u.id = i.unit_id WHERE u.code = 'Q11-027'"
it_eq "Sổ giao ca điện tử:1,Bảng phân công trực Tết:2,Bản đầu:3,Hộp thư góp ý:4" \
	"$(it_psql "$feed")" "feed numbers in item order, no gap"
it_eq 4 "$(it_psql "SELECT f.last_seq FROM unit_feed f JOIN units u ON u.id = f.unit_id
		    WHERE u.code = 'Q11-027'")" "the unit's feed advanced once by the batch"
it_eq "$id1 $id2 $id3 $id8" "$(it_psql "SELECT string_agg(a.initiative_id::text, ' ' ORDER BY a.id)
	FROM audit_log a JOIN units u ON u.id = a.unit_id
	WHERE u.code = 'Q11-027' AND a.table_name = 'initiatives'
	  AND a.action = 'initiative.submit' AND a.operation = 'insert'
	  AND a.credential_id IS NOT NULL AND a.after->>'version' = '1'")" \
	"one audit row per submission, with its actor"
it_eq 0 "$(it_psql "SELECT count(*) FROM initiatives i
	WHERE i.id IN ($id1, $id2, $id3, $id8)
	  AND NOT EXISTS (SELECT 1 FROM initiative_search s WHERE s.initiative_id = i.id)
	  AND NOT EXISTS (SELECT 1 FROM initiative_search_pending p WHERE p.initiative_id = i.id)")" \
	"every submission is indexed or waits for the index"

# The whole batch again: resends, nothing stored, no feed number taken.
before=$(it_db_digest)
out=$(probe "$ADDR" hello 1 "$cred" submit-batch Q11-027 "$spec" | sed 1d)
it_eq "item 0 ITEM_DUPLICATE $id1
item 1 ITEM_DUPLICATE $id2
item 2 ITEM_DUPLICATE $id1
item 3 ITEM_DUPLICATE $id3
item 4 ITEM_CONFLICT 0
current 4 v1 SUBMITTED Bản đầu
item 5 ITEM_FORBIDDEN 0
item 6 ITEM_INVALID 0" "$out" "a resent batch"
it_eq "$before" "$(it_db_digest)" "a resent batch writes nothing"

# An edit (version 2), then a batch with version 1's content and a new item:
# the resend gets version 1's receipt, the new row the next feed number.
out=$(probe "$ADDR" hello 1 "$cred" edit Q11-027 "$u1" 1 "Sổ giao ca điện tử 2023")
it_eq "change 0 ITEM_ACCEPTED $id1" "$(sed -n 2p <<<"$out" | cut -d" " -f1-4)" "the edit"
out=$(probe "$ADDR" hello 1 "$cred" submit-batch Q11-027 "$u1=Sổ giao ca điện tử;-=Tủ sách công đoàn")
id9=$(it_psql "SELECT i.id FROM initiatives i WHERE i.title = 'Tủ sách công đoàn'")
it_eq "item 0 ITEM_DUPLICATE $id1
item 1 ITEM_ACCEPTED $id9" "$(sed 1d <<<"$out")" "version 1 resent beside a new item"
it_eq "Sổ giao ca điện tử 2023:5,Tủ sách công đoàn:6" "$(it_psql "$feed" | cut -d, -f4-)" \
	"the edit and the next batch take the next numbers"
# What the foreign keys of initiatives kept, checked once per statement.
refused() { # SQL WHAT: the statement fails with PostgreSQL's error WANT
	local err
	if err=$(it_psql "$1" 2>&1); then
		it_fail "$2: accepted"
	fi
	[[ $err == *"$3"* ]] || it_fail "$2: $err"
}
# (numbered as sk_submit_batch numbers its rows, so no feed row is looked for)
copy="INSERT INTO initiatives (uuid, unit_id, credential_id, title, kind, authors, summary,
	effect, applied_on, content_sha256, feed_seq)
	SELECT gen_random_uuid(), %s, %s, i.title, i.kind, i.authors, i.summary, i.effect,
	       i.applied_on, i.content_sha256, 1000000 FROM initiatives i WHERE i.id = $id1"
unit=$(it_psql "SELECT i.unit_id FROM initiatives i WHERE i.id = $id1")
# shellcheck disable=SC2059 # the statement's two owners go into its text
refused "$(printf "$copy" -1 "NULL")" "an initiative of no unit" "unit -1 or credential"
# shellcheck disable=SC2059
refused "$(printf "$copy" "$unit" -1)" "an initiative of no credential" "credential -1 does not exist"
refused "UPDATE initiatives SET credential_id = -1 WHERE id = $id1" \
	"an initiative given no credential" "credential -1 does not exist"
refused "DELETE FROM units WHERE id = $unit" "deleting a unit" "units are never deleted"
refused "TRUNCATE credentials CASCADE" "emptying credentials" "credentials are never deleted"
it_eq 5 "$(it_db_initiative_count Q11-027)" "nothing of the refused statements stored"
echo "ok"
