#!/usr/bin/env bash
# The server commits a batch but its reply never reaches the client (the
# proxy cuts server-to-client right after the hello reply).  Resending the
# batch must not store the initiative twice, and the client must end with the
# receipt (record id) of the first, committed, submission.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin reply_lost

it_server_start
it_operator
it_tree
# Connection 1 (enroll) passes; on connection 2 (the first sync) the hello
# reply passes and the submit reply is lost; later connections pass.
it_background "$SK_CUTPROXY" --target "$ADDR" --port-file "$T/proxy.port" \
	--direction s2c --after-frames 1 --cut-after 0 --cut-on 2 2>"$T/proxy.log"
sk_wait_file "$T/proxy.port" 10 || it_fail "sk-cutproxy did not start"
PROXY=127.0.0.1:$(cat "$T/proxy.port")
code=$(admin enroll Q11-044)
client "$T/b.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 || it_fail "enroll Q11-044"

uuid=$(it_uuid_of "$(it_add "$T/b.db" 'Sắp xếp lại kho thuốc theo mã màu — giảm nhầm lẫn')")
[ -n "$uuid" ] || it_fail "add printed no uuid"

rc=0
client "$T/b.db" sync >>"$T/client.log" 2>&1 || rc=$?
grep -q 'connection 2: cut s2c after 1 frames' "$T/proxy.log" ||
	it_fail "the proxy did not cut the submit reply: $(cat "$T/proxy.log")"
# The batch was committed even though the client never heard of it.
it_eq 1 "$(it_db_initiative_count Q11-044)" "rows after the lost reply"
first_id=$(it_db_field "$uuid" record_id)
case $rc in
4) it_eq pending "$(it_list_field "$T/b.db" "$uuid" state)" "state after the lost reply"
   it_status 0 client "$T/b.db" sync ;;
0) it_note "the client retried by itself within the same sync" ;;
*) it_fail "sync with a lost reply exited $rc, expected 4 (or 0 after its own retry)" ;;
esac

it_eq synced "$(it_list_field "$T/b.db" "$uuid" state)" "state after resending"
it_eq "$first_id" "$(it_list_field "$T/b.db" "$uuid" record_id)" \
	"record id the client holds after resending"
it_eq 1 "$(it_db_initiative_count Q11-044)" "rows after resending (no duplicate)"
it_eq "$first_id" "$(it_db_field "$uuid" record_id)" "record id in the database"

# The quota counts it once.
q=$(client "$T/b.db" quota --format tsv)
it_eq 1 "$(awk -F'\t' '$1 == "submitted" { print $2 }' <<<"$q")" "submitted in quota"
it_eq server "$(awk -F'\t' '$1 == "source" { print $2 }' <<<"$q")" "quota source"
echo "ok"
