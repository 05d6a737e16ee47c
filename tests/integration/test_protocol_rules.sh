#!/usr/bin/env bash
# The points of PROTOCOL.md a client written from it alone met as
# ambiguous, as the server now answers them: request_id of errors before the
# hello and for a reply type sent as a request; the `field` of
# ITEM_FORBIDDEN and ITEM_INVALID for unit codes and another unit's uuid; a
# submission resent after its accepted edit; enrollment codes with or
# without dashes; client_name in the server log, filtered.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin protocol_rules

it_server_start
it_operator
it_tree

# --- request_id -------------------------------------------------------------
err=$(probe "$ADDR" ping 2>&1 >/dev/null)
it_contains "$err" "server error HELLO_REQUIRED field '' request_id 1 (request 1)" \
	"an error before the hello carries the request's id"
out=$(probe "$ADDR" hello 1 - pong 2>"$T/pong.err")
it_eq "hello_reply ANONYMOUS -
error PROTOCOL" "$(sed -n 1,2p <<<"$out")" "a reply type sent as a request"
it_contains "$(cat "$T/pong.err")" "server error PROTOCOL field '' request_id 2 (request 2)" \
	"the refusal of a reply type carries its id"
err=$(probe "$ADDR" hello 1 - garbage 100 read 2>&1 >/dev/null)
it_contains "$err" "server error PROTOCOL field '' request_id 0" \
	"an undecodable frame is answered with request_id 0"

# --- enrollment codes with or without dashes ---------------------------------
code=$(admin enroll Q11-027 2>>"$T/admin.log")
[[ $code =~ ^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$ ]] ||
	it_fail "the server's enrollment code is not in four dashed groups: '$code'"
plain=$(tr -d '-' <<<"$code" | tr 'A-Z' 'a-z')
out=$(probe "$ADDR" hello 1 - enroll "$plain")
it_eq "enroll_reply Q11-027" "$(sed -n 2p <<<"$out" | cut -d' ' -f1,2)" \
	"a code without dashes, in lower case"
cred27=$(sed -n 2p <<<"$out" | cut -d' ' -f3)
cred44=$(it_credential Q11-044)

# --- fields of refused items ---------------------------------------------------
u=$(it_uuid7)
probe "$ADDR" hello 1 "$cred27" submit Q11-027 "$u" >/dev/null
out=$(probe "$ADDR" hello 1 "$cred44" submit Q11-044 "$u" submit Q11-027 - submit 'Q11 044' - \
	2>"$T/items.err")
it_eq "item 0 ITEM_FORBIDDEN 0
item 0 ITEM_FORBIDDEN 0
item 0 ITEM_INVALID 0" "$(sed 1d <<<"$out")" "refused items"
items=$(cat "$T/items.err")
it_eq "sk-probe: item 0 field 'uuid'
sk-probe: item 0 field 'unit_code'
sk-probe: item 0 field 'unit_code'" "$(grep -o "^sk-probe: item 0 field '[a-z_]*'" <<<"$items")" \
	"fields: another unit's uuid, another unit's code, a malformed code"

# --- a submission resent after its accepted edit ------------------------------
out=$(probe "$ADDR" hello 1 "$cred27" edit Q11-027 "$u" 1 "Tiêu đề đã sửa" submit Q11-027 "$u")
record=$(it_db_field "$u" record_id)
it_eq "change 0 ITEM_ACCEPTED 2
item 0 ITEM_DUPLICATE $record" "$(sed 1d <<<"$out")" \
	"the original submission after its edit is a duplicate"
it_eq 1 "$(it_db_initiative_count Q11-027)" "still one row"
it_eq "Tiêu đề đã sửa" "$(it_db_field "$u" title)" "the edit stays"

# --- client_name in the log ------------------------------------------------------
SK_PROBE_CLIENT_NAME=$'máy Phường 1\e[31m"x"\\' probe "$ADDR" hello 1 "$cred27" >/dev/null
grep -qF '(Q11-027) from 127.0.0.1' "$T/sangkiend.log" ||
	it_fail "the hello of a unit credential is logged"
grep -qF 'client "máy Phường 1?[31m?x??"' "$T/sangkiend.log" ||
	it_fail "client_name logged with control characters and quotes filtered: $(grep 'hello from' "$T/sangkiend.log" | tail -3)"

echo "protocol rules: OK"
