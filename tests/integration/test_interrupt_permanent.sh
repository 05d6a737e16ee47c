#!/usr/bin/env bash
# Permanent failures are reported and never retried; transient ones are
# retried within the client's bound.
#  1. Two bad items among good ones: one made invalid in the store behind
#     the client's back (the local re-check refuses it), one claimed for
#     another unit (the server refuses it as forbidden).  The others are
#     stored, both refusals are reported with the item, the sync exits 3
#     after a single connection, and a rerun sends neither again.
#  2. A revoked credential: exit 5 after a single hello, nothing lost.
#  3. A server that is down: exit 4; with --retries N the client connects
#     N+1 times (counted by a proxy in front of nothing) within its bound.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin interrupt_permanent

HELLO_RE='request [0-9]+ hello$'
SUBMIT_RE='request [0-9]+ (submit|edit|withdraw)$'
retries=0
it_sync_has --retries && retries=3
retry=()
[ "$retries" -gt 0 ] && retry=(--retries "$retries" --max-wait 1)

it_server_start
it_operator
it_tree

# --- 1. invalid and forbidden items among good ones -------------------------
it_enroll Q11-044 "$T/a.db"
uuids=()
for i in 1 2 3 4 5 6; do
	uuids+=("$(it_model_add "$T/a.db" "Sáng kiến $i: chuẩn hoá quy trình tiếp nhận bệnh nhân")")
done
bad=${uuids[1]} forbidden=${uuids[3]}
sqlite3 "$T/a.db" "UPDATE initiatives SET title = '' WHERE uuid = '$bad';
	UPDATE initiatives SET unit_code = 'Q11-027' WHERE uuid = '$forbidden';" ||
	it_fail "cannot edit the store with sqlite3"
# The model: the two bad ones never reach the server.
grep -vF -e "$bad" -e "$forbidden" "$T/model.tsv" >"$T/model.tsv.new"
mv "$T/model.tsv.new" "$T/model.tsv"
bad_id=$(it_local_id "$T/a.db" "$bad")
forbidden_id=$(it_local_id "$T/a.db" "$forbidden")

hellos=$(grep -cE "$HELLO_RE" "$T/sangkiend.log" || true)
rc=0
out=$(client "$T/a.db" sync "${retry[@]}" 2>&1) || rc=$?
echo "$out" >>"$T/client.log"
it_eq 3 "$rc" "exit status of a sync with refused items"
it_eq $((hellos + 1)) "$(grep -cE "$HELLO_RE" "$T/sangkiend.log")" \
	"hellos of a sync with refused items (refusals are not retried)"
it_contains "$out" "#$bad_id" "report of the invalid item"
it_contains "$out" "#$forbidden_id" "report of the forbidden item"
it_contains "$out" "title" "the field of the invalid item in the report"
it_contains "$out" "unit_code" "the field of the forbidden item in the report"
it_eq invalid "$(it_list_field "$T/a.db" "$bad" state)" "state of the invalid item"
it_eq forbidden "$(it_list_field "$T/a.db" "$forbidden" state)" "state of the forbidden item"
it_eq 4 "$(it_db_initiative_count Q11-044)" "good items stored despite the bad ones"
for u in "$bad" "$forbidden"; do
	it_eq 0 "$(it_psql "SELECT count(*) FROM initiatives WHERE uuid = :'u'::uuid" u="$u")" \
		"rows for refused item $u"
done
# A rerun sends neither again.
changes=$(grep -cE "$SUBMIT_RE" "$T/sangkiend.log" || true)
rc=0
client "$T/a.db" sync "${retry[@]}" >>"$T/client.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || it_fail "rerun after refusals exited $rc"
it_eq "$changes" "$(grep -cE "$SUBMIT_RE" "$T/sangkiend.log")" "batches sent by the rerun"
# Store and server agree on everything else.
grep -vF -e "$bad" -e "$forbidden" <(client "$T/a.db" list --format tsv) >"$T/good.tsv"
while IFS=$'\t' read -r _ uuid state _ _ _ rid _; do
	it_eq synced "$state" "state of $uuid"
	it_eq "$(it_db_field "$uuid" record_id)" "$rid" "record id of $uuid"
done < <(tail -n +2 "$T/good.tsv")

# --- 2. a revoked credential ---------------------------------------------------
it_enroll Q11-027 "$T/b.db"
it_add "$T/b.db" "Sáng kiến của phường: sổ tay điện tử cho tổ dân phố" >/dev/null
it_add "$T/b.db" "Sáng kiến của phường: lịch trực xoay vòng" >/dev/null
it_psql "UPDATE credentials SET revoked_at = now()
	 WHERE role = 'unit' AND unit_id = (SELECT id FROM units WHERE code = 'Q11-027')"
hellos=$(grep -cE "$HELLO_RE" "$T/sangkiend.log" || true)
revoked=$(grep -c 'unknown or revoked credential from' "$T/sangkiend.log" || true)
rc=0
started=$SECONDS
out=$(client "$T/b.db" sync "${retry[@]}" 2>&1) || rc=$?
echo "$out" >>"$T/client.log"
it_eq 5 "$rc" "exit status with a revoked credential"
it_eq $((hellos + 1)) "$(grep -cE "$HELLO_RE" "$T/sangkiend.log")" \
	"hellos with a revoked credential (not retried)"
it_eq $((revoked + 1)) "$(grep -c 'unknown or revoked credential from' "$T/sangkiend.log")" \
	"refusals logged by the server"
it_contains "$out" "enroll" "the revoked credential's message says to enroll again"
[ $((SECONDS - started)) -le 5 ] || it_fail "a refused credential took $((SECONDS - started)) s"
it_eq 2 "$(client "$T/b.db" list --format tsv | awk -F'\t' 'NR > 1 && $3 == "pending"' | wc -l)" \
	"items kept pending after the credential was refused"
it_eq 0 "$(it_db_initiative_count Q11-027)" "rows stored with a revoked credential"

# --- 3. the server is down -----------------------------------------------------
it_server_stop
# Nothing listens: unreachable, try later.
rc=0
started=$SECONDS
client "$T/a.db" sync "${retry[@]}" >>"$T/client.log" 2>&1 || rc=$?
it_eq 4 "$rc" "exit status with the server down"
elapsed=$((SECONDS - started))
it_note "server down: exit 4 after ${elapsed}s (retries: $retries, at most 1 s apart)"
[ "$elapsed" -le $((retries * 2 + 10)) ] ||
	it_fail "giving up took ${elapsed}s, more than the bound of $retries retries"
# A proxy in front of the dead server accepts and closes each connection:
# it counts the client's attempts.
it_proxy_start --cut-on none
sqlite3 "$T/a.db" "UPDATE settings SET value = '$PROXY' WHERE value = '$ADDR'" ||
	it_fail "cannot point the store at the proxy"
it_add "$T/a.db" "Sáng kiến chờ máy chủ: phiếu khám điện tử" >/dev/null
rc=0
client "$T/a.db" sync "${retry[@]}" >>"$T/client.log" 2>&1 || rc=$?
it_eq 4 "$rc" "exit status with the connection dropped every time"
it_eq $((retries + 1)) "$(grep -c '^sk-cutproxy: connection [0-9]*: ' "$T/proxy.log" |
	tr -d ' ')" "connections of a sync with --retries $retries against a dead server"
it_store_intact "$T/a.db"
echo "ok"
