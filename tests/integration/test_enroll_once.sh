#!/usr/bin/env bash
# An enrollment code works exactly once.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin enroll_once

it_server_start
it_operator
it_tree
code=$(admin enroll Q11-027)
[ -n "$code" ] || it_fail "sangkien-admin enroll printed no code"
[ "$(wc -l <<<"$code")" -eq 1 ] || it_fail "enroll printed more than the code: $code"

it_status 0 client "$T/a.db" enroll "$ADDR" "$code" --label "máy tính văn phòng"
rc=0
client "$T/b.db" enroll "$ADDR" "$code" >"$T/second.out" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || it_fail "the code was accepted a second time"
out=$(probe "$ADDR" hello 1 - enroll "$code")
it_eq "error BAD_ENROLLMENT_CODE" "$(sed -n 2p <<<"$out")" "reusing the code"
out=$(probe "$ADDR" hello 1 - enroll "never-issued-code")
it_eq "error BAD_ENROLLMENT_CODE" "$(sed -n 2p <<<"$out")" "an unknown code"

# The first store works; the second never got a credential.
uuid=$(it_uuid_of "$(it_add "$T/a.db" 'Sổ tay đoàn viên điện tử')")
it_status 0 client "$T/a.db" sync
it_eq synced "$(it_list_field "$T/a.db" "$uuid" state)" "state in the enrolled store"
it_add "$T/b.db" 'Không được gửi' >/dev/null 2>&1 || true
rc=0
client "$T/b.db" sync >/dev/null 2>&1 || rc=$?
[ "$rc" -ne 0 ] || it_fail "sync from a store whose enrollment failed succeeded"
it_eq 1 "$(it_db_initiative_count Q11-027)" "rows stored"
echo "ok"
