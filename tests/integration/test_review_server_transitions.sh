#!/usr/bin/env bash
# Review through the raw protocol: every transition of the table, the
# fields each op needs, base versions, idempotent resends, review notes and
# the audit trail naming the operator.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin review_server_transitions

# A version 7 uuid for an initiative the test submits.
it_server_start
it_operator
it_tree
unit=$(it_credential Q11-027)
op=$(probe "$ADDR" hello 1 "$SANGKIEN_ADMIN_CREDENTIAL" \
	create-credential operator Q11 op-q11 | sed -n 2p | cut -d' ' -f2)
[[ $op == skc1_* ]] || it_fail "administrator creating an operator of Q11: $op"

u1=$(it_uuid7)
u2=$(it_uuid7)
u3=$(it_uuid7)
out=$(probe "$ADDR" hello 1 "$unit" submit Q11-027 "$u1" submit Q11-027 "$u2" \
	submit Q11-027 "$u3")
it_eq 3 "$(grep -c ITEM_ACCEPTED <<<"$out")" "three initiatives submitted"

# review UUID OP BASE NOTE -> one "change INDEX STATUS VERSION" line each.
rv() { probe "$ADDR" hello 1 "$op" "$@" | tail -n +2; }
expect() { # STEP... then the expected output after --
	local args=() want
	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	shift
	want=$(printf '%s\n' "$@")
	it_eq "$want" "$(rv "${args[@]}")" "${args[*]}"
}

it_db_status() { it_psql "SELECT status || ' ' || version FROM initiatives WHERE uuid = :'u'" u="$1"; }

# submitted: only START (and notes)
expect review "$u1" recognize 0 - -- "change 0 ITEM_NOT_EDITABLE 1"
expect review "$u1" reward 0 - -- "change 0 ITEM_NOT_EDITABLE 1"
expect review "$u1" reject 0 "Không phù hợp" -- "change 0 ITEM_NOT_EDITABLE 1"
expect review "$u1" start 0 - review "$u1" start 0 - -- \
	"change 0 ITEM_ACCEPTED 2" "change 0 ITEM_DUPLICATE 2"
it_eq "under_review 2" "$(it_db_status "$u1")" "after START"

# fields each op needs
expect review "$u1" recognize-bare 0 - review "$u1" request-changes 0 - \
	review "$u1" reject 0 - review "$u1" note 0 - review "$u1" bogus 0 - -- \
	"change 0 ITEM_INVALID 0" "change 0 ITEM_INVALID 0" "change 0 ITEM_INVALID 0" \
	"change 0 ITEM_INVALID 0" "change 0 ITEM_INVALID 0"
err=$(probe "$ADDR" hello 1 "$op" review "$u1" recognize-bare 0 - 2>&1 >/dev/null)
it_contains "$err" "field 'recognition'" "missing recognition named"
err=$(probe "$ADDR" hello 1 "$op" review "$u1" reject 0 - 2>&1 >/dev/null)
it_contains "$err" "field 'note'" "missing reason named"
it_eq "under_review 2" "$(it_db_status "$u1")" "invalid actions change nothing"

# base version: stale -> conflict; the resend of an applied action -> duplicate
expect review "$u1" recognize 1 - -- "change 0 ITEM_CONFLICT 2"
expect review "$u1" recognize 2 - review "$u1" recognize 2 - -- \
	"change 0 ITEM_ACCEPTED 3" "change 0 ITEM_DUPLICATE 3"
it_eq "recognized 3|12/QĐ-CĐCS|2022-05-20|Giám đốc Trần Văn Bình" \
	"$(it_psql "SELECT status || ' ' || version, recognition_decision, recognition_date,
		    recognized_by FROM initiatives WHERE uuid = :'u'" u="$u1")" "recognition stored"
err=$(probe "$ADDR" hello 1 "$op" review "$u1" reject 0 "Trùng lặp" 2>&1 >/dev/null)
it_contains "$err" "cannot reject an initiative whose status is recognized" "reason names state"
expect review "$u1" start 0 - -- "change 0 ITEM_NOT_EDITABLE 3"
expect review "$u1" reward 3 - review "$u1" reward 0 - -- \
	"change 0 ITEM_ACCEPTED 4" "change 0 ITEM_DUPLICATE 4"
it_eq "rewarded 4|reward|Quận|500000" \
	"$(it_psql "SELECT status || ' ' || version, reward_kind, reward_level, reward_amount_vnd
		    FROM initiatives WHERE uuid = :'u'" u="$u1")" "reward stored"
expect review "$u1" recognize 0 - review "$u1" reward 0 - -- \
	"change 0 ITEM_DUPLICATE 4" "change 0 ITEM_DUPLICATE 4"
expect review "$u1" note 0 "Đã trao giấy khen" review "$u1" note 0 "Đã trao giấy khen" -- \
	"change 0 ITEM_ACCEPTED 5" "change 0 ITEM_DUPLICATE 5"

# needs changes, and rejected
expect review "$u2" start 0 - review "$u2" request-changes 0 "Bổ sung số liệu tiết kiệm" \
	review "$u2" request-changes 0 "Bổ sung số liệu tiết kiệm" review "$u2" reject 0 "x" -- \
	"change 0 ITEM_ACCEPTED 2" "change 0 ITEM_ACCEPTED 3" "change 0 ITEM_DUPLICATE 3" \
	"change 0 ITEM_NOT_EDITABLE 3"
expect review "$u3" start 0 - review "$u3" reject 2 "Trùng với sáng kiến đã công nhận" \
	review "$u3" recognize 0 - -- \
	"change 0 ITEM_ACCEPTED 2" "change 0 ITEM_ACCEPTED 3" "change 0 ITEM_NOT_EDITABLE 3"
it_eq "needs_changes 3" "$(it_db_status "$u2")" "after REQUEST_CHANGES"
it_eq "rejected 3" "$(it_db_status "$u3")" "after REJECT"

# notes: author is the operator's label, status the resulting one, Vietnamese intact
it_eq "op-q11|needs_changes|Bổ sung số liệu tiết kiệm" \
	"$(it_psql "SELECT author, n.status, body FROM initiative_notes n
		    JOIN initiatives i ON i.id = n.initiative_id WHERE i.uuid = :'u'" u="$u2")" \
	"the note sent back to the unit"
it_eq "op-q11|rewarded|Đã trao giấy khen" \
	"$(it_psql "SELECT author, n.status, body FROM initiative_notes n
		    JOIN initiatives i ON i.id = n.initiative_id WHERE i.uuid = :'u'" u="$u1")" \
	"a note without a change of status"

# the audit trail names who did what
it_eq "initiative.submit|sk-probe|unit" \
	"$(it_psql "SELECT DISTINCT a.action, a.actor, a.actor_role FROM audit_log a
		    JOIN initiatives i ON i.id = a.initiative_id
		    WHERE i.uuid = :'u' AND a.operation = 'insert' AND a.table_name = 'initiatives'" \
		u="$u1")" "submission audited with the unit's credential"
it_eq "initiative.review.start
initiative.review.recognize
initiative.review.reward
initiative.review.note" \
	"$(it_psql "SELECT a.action FROM audit_log a JOIN initiatives i ON i.id = a.initiative_id
		    WHERE i.uuid = :'u' AND a.table_name = 'initiatives' AND a.operation = 'update'
		    AND a.actor = 'op-q11' ORDER BY a.id" u="$u1")" "each review step audited"
it_eq "submitted|under_review" \
	"$(it_psql "SELECT a.before->>'status', a.after->>'status' FROM audit_log a
		    WHERE a.action = 'initiative.review.start'
		    AND a.initiative_id = (SELECT id FROM initiatives WHERE uuid = :'u')" u="$u1")" \
	"before and after recorded"

# a batch is applied in order inside one transaction
u4=$(it_uuid7)
probe "$ADDR" hello 1 "$unit" submit Q11-027 "$u4" >/dev/null
expect review "$u4" start 0 - -- "change 0 ITEM_ACCEPTED 2"
it_eq "under_review 2" "$(it_db_status "$u4")" "start in its own batch"
echo "ok"
