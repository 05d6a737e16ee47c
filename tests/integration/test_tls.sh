#!/usr/bin/env bash
# TLS between the clients and sangkiend: with a throwaway CA and a server
# certificate for "localhost", enroll, add, sync, quota and the operators'
# client work over tls://; a client that cannot verify the certificate
# (unknown CA, wrong host name) stops before sending anything, says why, and
# sync exits 5 without retrying; plaintext against the TLS port and TLS
# against a plaintext server fail cleanly while the server keeps serving.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/pki.sh"
it_begin tls

# ---- a CA, a server certificate signed by it, and an unrelated CA ----
P=$T/pki
it_pki "$P"

# ---- settings: both files or neither, and a key that fits the certificate ----
rc=0
err=$(timeout 20 "$SK_SANGKIEND" serve --listen 127.0.0.1:0 --db "$CONNINFO" \
	--tls-cert "$P/server.pem" 2>&1) || rc=$?
it_eq 2 "$rc" "serve with a certificate and no key"
it_contains "$err" "tls_key_file is not" "message for the missing key"
rc=0
err=$(timeout 20 "$SK_SANGKIEND" serve --listen 127.0.0.1:0 --db "$CONNINFO" \
	--tls-cert "$P/server.pem" --tls-key "$P/other.key" 2>&1) || rc=$?
it_eq 1 "$rc" "serve with a key that does not fit"
it_contains "$err" "mismatch" "message for the wrong key"

# ---- a TLS server; the operator works over tls:// with the CA ----
it_config tls_cert_file="$P/server.pem" tls_key_file="$P/server.key" handshake_timeout_ms=2000
it_server_start
grep -q "TLS on" "$T/sangkiend.log" || it_fail "the server did not log that TLS is on"
# A peer that connects and never starts the handshake is cut by the timeout.
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
sleep 3
grep -q "TLS handshake with .* not finished in time" "$T/sangkiend.log" ||
	it_fail "a silent peer was not cut at the handshake timeout"
exec 3>&-
TLS_ADDR=tls://localhost:$PORT
it_operator
export SANGKIEN_ADMIN_SERVER=$TLS_ADDR
admin() { "$SK_ADMIN" --ca-file "$P/ca.pem" "$@"; }
it_tree
it_eq 2 "$(it_db_grassroots_count Q11)" "units added over TLS"
out=$(admin progress --scope Q11) || it_fail "admin progress over TLS"
it_contains "$out" "Phường 1" "progress over TLS"

# The operator without the CA (system store only): refused, exit 5, nothing done.
rc=0
err=$("$SK_ADMIN" add-unit Q11-099 "Không được thêm" \
	--level grassroots --parent Q11 2>&1) || rc=$?
it_eq 5 "$rc" "admin without the CA"
it_contains "$err" "localhost" "admin's message names the host"
it_contains "$err" "unable to get local issuer certificate" "admin's message says why"
it_eq 0 "$(it_psql "SELECT count(*) FROM units WHERE code = 'Q11-099'")" "unit added without trust"
# The environment and admin.conf's ca_file work as well as --ca-file.
SANGKIEN_CA_FILE=$P/ca.pem "$SK_ADMIN" progress --scope Q11 >/dev/null ||
	it_fail "admin with SANGKIEN_CA_FILE"
mkdir -p "$XDG_CONFIG_HOME/sangkien"
echo "ca_file = $P/ca.pem" >"$XDG_CONFIG_HOME/sangkien/admin.conf"
"$SK_ADMIN" progress --scope Q11 >/dev/null || it_fail "admin.conf ca_file"
rm "$XDG_CONFIG_HOME/sangkien/admin.conf"

# ---- the unit: the CA given once at enroll is kept in the store ----
code=$(admin enroll Q11-027)
# Without it the enrollment stops at the certificate, and the code is not spent.
rc=0
err=$(client "$T/a.db" enroll "$TLS_ADDR" "$code" 2>&1) ||
	rc=$?
it_eq 5 "$rc" "enroll without the CA"
it_contains "$err" "chứng chỉ TLS" "enroll's message"
it_contains "$err" "unable to get local issuer certificate" "enroll's reason"
# The wrong host name: the certificate is for localhost, not 127.0.0.1.
rc=0
err=$(client "$T/a.db" enroll "tls://127.0.0.1:$PORT" \
	"$code" --ca-file "$P/ca.pem" 2>&1) || rc=$?
it_eq 5 "$rc" "enroll with the wrong host name"
it_contains "$err" "127.0.0.1" "the message names the host"
it_contains "$err" "mismatch" "the message says the name does not match"
rc=0
client "$T/a.db" enroll "127.0.0.1:$PORT" "$code" \
	--ca-file "$P/ca.pem" >/dev/null 2>&1 || rc=$?
it_eq 2 "$rc" "--ca-file with a plaintext address"
client "$T/a.db" enroll "$TLS_ADDR" "$code" \
	--ca-file "$P/ca.pem" >>"$T/client.log" 2>&1 || it_fail "enroll over TLS with the same code"
# From here on the store's own copy of the CA is all the client has.
title='Ứng dụng chữ ký số cho hồ sơ công đoàn — “không giấy” tại Phường 1'
uuid=$(it_uuid_of "$(client "$T/a.db" add --title "$title" --kind management \
	--author "Nguyễn Thị Bích Ngọc|Chủ tịch" --summary "Ký hồ sơ bằng chữ ký số." \
	--effect "Tiết kiệm 2 ngày mỗi hồ sơ." --applied-on 2022-03-15)")
[ -n "$uuid" ] || it_fail "add printed no uuid"
client "$T/a.db" sync >>"$T/client.log" 2>&1 || it_fail "sync over TLS"
it_eq synced "$(it_list_field "$T/a.db" "$uuid" state)" "state after a TLS sync"
it_eq "$title" "$(it_db_field "$uuid" title)" "title stored over TLS"
quotas=$(grep -c "request 2 quota" "$T/sangkiend.log" || true)
out=$(client "$T/a.db" quota) || it_fail "quota over TLS"
grep -qE '^Chỉ tiêu: +2$' <<<"$out" || it_fail "quota over TLS: $out"
grep -qE '^Đã gửi: +1 ' <<<"$out" || it_fail "submitted count over TLS: $out"
[ "$(grep -c "request 2 quota" "$T/sangkiend.log")" -gt "$quotas" ] ||
	it_fail "quota did not ask the server"

# A CA that did not sign the server's certificate: refused before anything is
# sent, exit 5 at once (no retries), the item stays pending.
uuid2=$(it_uuid_of "$(it_add "$T/a.db" 'Không được gửi khi chứng chỉ sai')")
before=$(it_db_snapshot)
handshakes=$(grep -c "TLS handshake with .* failed" "$T/sangkiend.log" || true)
rc=0
err=$(SANGKIEN_CA_FILE=$P/other.pem "$SK_SANGKIEN" --store "$T/a.db" sync --retries 3 2>&1) ||
	rc=$?
it_eq 5 "$rc" "sync with an unrelated CA"
it_contains "$err" "chứng chỉ TLS" "sync's message"
it_contains "$err" "localhost" "sync's message names the host"
grep -q "thử lại sau" <<<"$err" && it_fail "a certificate failure was retried: $err"
it_eq "$before" "$(it_db_snapshot)" "server rows after the refused sync"
it_eq pending "$(it_list_field "$T/a.db" "$uuid2" state)" "item after the refused sync"
sleep 0.5
after=$(grep -c "TLS handshake with .* failed" "$T/sangkiend.log" || true)
[ "$after" -gt "$handshakes" ] || it_fail "the server log shows no failed handshake"

# ---- plaintext against the TLS port: a clean failure, the server goes on ----
code2=$(admin enroll Q11-044)
rc=0
err=$(client "$T/b.db" enroll "127.0.0.1:$PORT" "$code2" 2>&1) || rc=$?
case $rc in 1 | 4) ;; *) it_fail "plaintext enroll against TLS exited $rc: $err" ;; esac
it_contains "$err" "sangkien enroll" "plaintext client's message"
sleep 0.5
grep -qE "TLS handshake with .* failed: .*(wrong version|http|packet|record)" \
	"$T/sangkiend.log" || it_fail "the server log does not show the plaintext handshake"
client "$T/b.db" enroll "$TLS_ADDR" "$code2" --ca-file "$P/ca.pem" >>"$T/client.log" 2>&1 ||
	it_fail "a TLS enroll after the plaintext attempt (code unspent, server alive)"
client "$T/a.db" sync >>"$T/client.log" 2>&1 || it_fail "sync of the pending item over TLS"
it_eq synced "$(it_list_field "$T/a.db" "$uuid2" state)" "state after the good sync"
it_eq 2 "$(it_db_initiative_count Q11-027)" "rows for Q11-027"

# ---- TLS against a plaintext server ----
it_server_stop
it_config
it_server_start "$PORT"
grep -q "TLS off" "$T/sangkiend.log" || it_fail "the plaintext server did not log TLS off"
it_add "$T/a.db" 'Chờ máy chủ TLS' >/dev/null
rc=0
err=$(client "$T/a.db" sync --retries 0 2>&1) || rc=$?
it_eq 1 "$rc" "TLS sync against a plaintext server"
it_contains "$err" "TLS" "the message mentions TLS"
rc=0
err=$(admin progress --scope Q11 2>&1) || rc=$?
it_eq 1 "$rc" "TLS admin against a plaintext server"
grep -q "bad frame length" "$T/sangkiend.log" ||
	it_fail "the plaintext server did not log the TLS client's bad frame"
it_eq 2 "$(it_db_initiative_count Q11-027)" "rows after the TLS attempt on plaintext"
# The plaintext server still serves plaintext clients.
SANGKIEN_ADMIN_SERVER=$ADDR admin progress --scope Q11 >/dev/null ||
	it_fail "plaintext admin after the TLS attempts"
echo "ok"
