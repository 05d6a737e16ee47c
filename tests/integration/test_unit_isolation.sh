#!/usr/bin/env bash
# A unit's credential submits and reads for its own unit only; an anonymous
# session may only enroll and ping.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin unit_isolation

it_server_start
it_operator
it_tree
cred=$(it_credential Q11-027)
[ -n "$cred" ] || it_fail "no credential for Q11-027"

out=$(probe "$ADDR" hello 1 "$cred" submit Q11-044 - quota Q11-044 submit Q11-027 - quota -)
it_eq "hello_reply UNIT Q11-027" "$(sed -n 1p <<<"$out")" "hello with a unit credential"
it_eq "item 0 ITEM_FORBIDDEN 0" "$(sed -n 2p <<<"$out")" "submitting for another unit"
it_eq "error FORBIDDEN" "$(sed -n 3p <<<"$out")" "reading another unit's quota"
[[ $(sed -n 4p <<<"$out") =~ ^item\ 0\ ITEM_ACCEPTED\ [1-9][0-9]*$ ]] ||
	it_fail "submitting for its own unit: $(sed -n 4p <<<"$out")"
it_eq "quota_reply Q11-027 2 1 0" "$(sed -n 5p <<<"$out")" "own quota after one submission"
it_eq 5 "$(wc -l <<<"$out")" "reply lines"

it_eq 0 "$(it_db_initiative_count Q11-044)" "rows stored for the other unit"
it_eq 1 "$(it_db_initiative_count Q11-027)" "rows stored for the own unit"

# The other unit's figures are untouched.
cred44=$(it_credential Q11-044)
it_eq "quota_reply Q11-044 5 0 0" "$(probe "$ADDR" hello 1 "$cred44" quota - | sed -n 2p)" \
	"the other unit's quota"

# The same uuid with other content: a conflict that carries the stored copy.
u=$(it_uuid7)
out=$(probe "$ADDR" hello 1 "$cred" submit-text Q11-027 "$u" "Bản đầu" "Tóm tắt" \
	submit-text Q11-027 "$u" "Bản khác" "Tóm tắt khác")
[[ $(sed -n 2p <<<"$out") =~ ^item\ 0\ ITEM_ACCEPTED\ [1-9] ]] || it_fail "first copy: $out"
it_eq "item 0 ITEM_CONFLICT 0
current 0 v1 SUBMITTED Bản đầu" "$(sed -n 3,4p <<<"$out")" \
	"a second content for one uuid: conflict with the server's copy"
it_eq "Bản đầu" "$(it_db_field "$u" title)" "the stored copy is untouched"

# Anonymous: ping yes, submit and quota no.
out=$(probe "$ADDR" hello 1 - ping submit Q11-027 - quota Q11-027)
it_eq "hello_reply ANONYMOUS -" "$(sed -n 1p <<<"$out")" "anonymous hello"
it_eq pong "$(sed -n 2p <<<"$out")" "anonymous ping"
it_eq "error FORBIDDEN" "$(sed -n 3p <<<"$out")" "anonymous submit"
it_eq 2 "$(it_db_initiative_count Q11-027)" "rows after the anonymous submit"
echo "ok"
