#!/usr/bin/env bash
# The Windows certificate store under Wine: sangkien.exe without a CA file
# verifies a tls:// server against the trusted root CAs of Windows.  The
# server's certificate is signed by a CA made here, known to no store of the
# Linux machine.  With only an unrelated CA in the user's Windows store the
# enrollment is refused at the certificate (exit 5, the code not spent);
# with the test CA added there, enroll, add and sync work and the database
# holds the initiative; with it removed again, sync is refused before
# anything is sent and the new item stays pending.
#
# A certificate goes into the store as Windows keeps it: a registry key
# HKCU\Software\Microsoft\SystemCertificates\Root\Certificates\<SHA-1 of
# the certificate, upper-case hex> whose REG_BINARY value "Blob" is the
# serialized certificate (property 32, CERT_CERT_PROP_ID: the DER bytes),
# written with Wine's reg.exe.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/pki.sh"
it_begin wine_cert_store
: "${SK_WINEPREFIX:?}" "${SK_WINE_RUN:?}" "${SK_LINUX_ADMIN:?}"
wine() { bash "$SK_WINE_RUN" --prefix "$SK_WINEPREFIX" "$@"; }
ROOT_KEY='HKCU\Software\Microsoft\SystemCertificates\Root\Certificates'

# store_key PEM: the certificate's registry key.
store_key() {
	local sha1
	sha1=$(openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/^.*=//; s/://g')
	[[ $sha1 =~ ^[0-9A-F]{40}$ ]] || it_fail "no SHA-1 fingerprint of $1: $sha1"
	echo "$ROOT_KEY\\$sha1"
}

# le32 N: N as 4 bytes little-endian, in hex.
le32() { printf '%02x%02x%02x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }

store_add() { # PEM
	local der=$T/store-cert.der key
	openssl x509 -in "$1" -outform DER -out "$der" || it_fail "openssl: DER of $1"
	key=$(store_key "$1")
	wine reg add "$key" /v Blob /t REG_BINARY /f \
		/d "$(le32 32)$(le32 1)$(le32 "$(stat -c %s "$der")")$(od -An -v -tx1 "$der" | tr -d ' \n')" \
		>>"$T/reg.log" 2>&1 || it_fail "reg add $key (see reg.log)"
	it_on_exit "bash '$SK_WINE_RUN' --prefix '$SK_WINEPREFIX' reg delete '$key' /f >/dev/null 2>&1 || true"
}

store_remove() { # PEM
	wine reg delete "$(store_key "$1")" /f >>"$T/reg.log" 2>&1 || it_fail "reg delete (see reg.log)"
}

P=$T/pki
it_pki "$P"
it_config tls_cert_file="$P/server.pem" tls_key_file="$P/server.key"
it_server_start
TLS_ADDR=tls://localhost:$PORT
it_operator
# The district's side from Linux, with the CA file.
export SANGKIEN_ADMIN_SERVER=$TLS_ADDR
admin() { "$SK_LINUX_ADMIN" --ca-file "$P/ca.pem" "$@"; }
it_tree
code=$(admin enroll Q11-027) || it_fail "sangkien-admin enroll"
S=$T/cửa-hàng.db

# 1. Only an unrelated CA in the Windows store: refused at the certificate.
store_add "$P/other.pem"
rc=0
err=$(client "$S" enroll "$TLS_ADDR" "$code" 2>&1) || rc=$?
it_eq 5 "$rc" "enroll with the test CA in no Windows store"
it_contains "$err" "chứng chỉ TLS" "enroll's message"
it_contains "$err" "unable to get local issuer certificate" "enroll's reason"

# 2. The test CA in the user's trusted roots: accepted, with the same code.
store_add "$P/ca.pem"
client "$S" enroll "$TLS_ADDR" "$code" >>"$T/client.log" 2>&1 ||
	it_fail "enroll with the test CA in the Windows store (see client.log)"
title='Chữ ký số cho hồ sơ công đoàn — tin cậy qua kho chứng chỉ Windows'
uuid=$(it_uuid_of "$(it_add "$S" "$title")")
[ -n "$uuid" ] || it_fail "add printed no uuid"
client "$S" sync >>"$T/client.log" 2>&1 || it_fail "sync with the test CA in the Windows store"
it_eq synced "$(it_list_field "$S" "$uuid" state)" "state after the sync"
it_eq "$title" "$(it_db_field "$uuid" title)" "title stored over TLS"
it_eq 1 "$(it_db_initiative_count Q11-027)" "initiatives stored for Q11-027"

# 3. The test CA removed from the store: the next sync is refused, nothing sent.
store_remove "$P/ca.pem"
uuid2=$(it_uuid_of "$(it_add "$S" 'Không được gửi khi CA không còn trong kho')")
before=$(it_db_snapshot)
rc=0
err=$(client "$S" sync 2>&1) || rc=$?
it_eq 5 "$rc" "sync after the CA left the Windows store"
it_contains "$err" "unable to get local issuer certificate" "sync's reason"
it_eq "$before" "$(it_db_snapshot)" "server rows after the refused sync"
it_eq pending "$(it_list_field "$S" "$uuid2" state)" "item after the refused sync"
echo "ok"
