#!/usr/bin/env bash
# An item whose statement fails in the database (not a transient failure)
# gets its own ITEM_INVALID (field "database") and the other items of its
# batch go through: for submissions, edits and review actions.  The failure
# is made on purpose by a test-only trigger in this test's database.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin item_db_failure

it_server_start
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
A=$T/a.db
ADMIN=$SANGKIEN_ADMIN_CREDENTIAL

it_refuse_titles
it_psql "CREATE FUNCTION test_refuse_note() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
	IF NEW.body LIKE '%LỖI CSDL%' THEN
		RAISE EXCEPTION 'test trigger refuses the note' USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END \$\$;
CREATE TRIGGER test_refuse_note BEFORE INSERT ON initiative_notes
	FOR EACH ROW EXECUTE FUNCTION test_refuse_note();" >/dev/null

# --- submissions: the bad one is refused alone -------------------------------
u1=$(it_uuid_of "$(it_add "$A" 'Sổ giao ca điện tử')")
ubad=$(it_uuid_of "$(it_add "$A" 'Sáng kiến LỖI CSDL')")
u3=$(it_uuid_of "$(it_add "$A" 'Bảng phân công trực Tết')")
it_status 3 client "$A" sync
it_eq 2 "$(it_db_initiative_count Q11-027)" "rows after a batch with one failing item"
it_eq synced "$(it_list_field "$A" "$u1" state)" "first item"
it_eq synced "$(it_list_field "$A" "$u3" state)" "third item"
it_eq invalid "$(it_list_field "$A" "$ubad" state)" "the failing item"
it_contains "$(it_list_field "$A" "$ubad" reason)" "SQLSTATE 23514" "its reason"
grep -q "refused by the database (23514)" "$T/sangkiend.log" ||
	it_fail "the server log names the database's refusal"
# It is not resent: the next sync has nothing to send.
out=$(client "$A" sync) || it_fail "second sync exited $?"
it_contains "$out" "Đã gửi 0 sáng kiến mới" "the refused item is not resent"

# --- edits ---------------------------------------------------------------------
it_status 0 client "$A" edit "$u1" --title 'Sổ giao ca điện tử LỖI CSDL'
it_status 0 client "$A" edit "$u3" --title 'Bảng phân công trực Tết 2023'
it_status 3 client "$A" sync
it_eq 'Bảng phân công trực Tết 2023' "$(it_db_field "$u3" title)" "the good edit is stored"
it_eq 'Sổ giao ca điện tử' "$(it_db_field "$u1" title)" "the failing edit is not"

# --- review actions -------------------------------------------------------------
out=$(probe "$ADDR" hello 1 "$ADMIN" review "$u3" start 0 - )
it_contains "$out" "change 0 ITEM_ACCEPTED" "start review"
out=$(probe "$ADDR" hello 1 "$ADMIN" review "$u3" note 0 "Ý kiến LỖI CSDL" \
	review "$u3" note 0 "Ý kiến thường")
it_contains "$out" "change 0 ITEM_INVALID" "the failing note: $out"
it_eq 1 "$(it_psql "SELECT count(*) FROM initiative_notes n JOIN initiatives i
		    ON i.id = n.initiative_id WHERE i.uuid = :'u'::uuid" u="$u3")" \
	"the other note is stored"

echo "item db failure: OK"
