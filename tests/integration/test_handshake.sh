#!/usr/bin/env bash
# The handshake: requests before hello, unknown versions, bad credentials,
# a second hello; and the unit client's exit status 5 for a refused
# credential.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin handshake

it_server_start

out=$(probe "$ADDR" ping)
it_eq "error HELLO_REQUIRED" "$(sed -n 1p <<<"$out")" "ping before hello"
out=$(probe "$ADDR" submit Q11-027 -)
it_eq "error HELLO_REQUIRED" "$(sed -n 1p <<<"$out")" "submit before hello"
out=$(probe "$ADDR" hello 2 -)
it_eq "error UNSUPPORTED_VERSION" "$(sed -n 1p <<<"$out")" "hello version 2"
out=$(probe "$ADDR" hello 0 -)
it_eq "error UNSUPPORTED_VERSION" "$(sed -n 1p <<<"$out")" "hello version 0"
out=$(probe "$ADDR" hello 1 "sk1.not-a-real-credential-0123456789abcdef")
it_eq "error BAD_CREDENTIAL" "$(sed -n 1p <<<"$out")" "unknown credential"
out=$(probe "$ADDR" hello 1 - hello 1 -)
it_eq "error ALREADY_AUTHENTICATED" "$(sed -n 2p <<<"$out")" "second hello"
# The operator's credential is accepted with its role.
it_operator
it_tree
out=$(probe "$ADDR" hello 1 "$SANGKIEN_ADMIN_CREDENTIAL" ping)
it_eq "hello_reply ADMINISTRATOR" "$(sed -n 1p <<<"$out" | cut -d' ' -f1,2)" "operator hello"
it_eq pong "$(sed -n 2p <<<"$out")" "operator ping"

# A store enrolled against one database meets a server whose database has
# never heard of its credential: sync refuses with exit 5, keeps the item.
it_enroll Q11-027 "$T/a.db"
uuid=$(it_uuid_of "$(it_add "$T/a.db" 'Lịch trực ca điện tử cho tổ bảo vệ')")
it_server_stop
it_new_db handshake_other
it_server_start "$PORT" "$(sk_pg_conninfo "$NEW_DB")"
it_status 5 client "$T/a.db" sync
it_eq pending "$(it_list_field "$T/a.db" "$uuid" state)" "state after a refused credential"
echo "ok"
