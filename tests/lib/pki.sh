# shellcheck shell=bash
# pki.sh - throwaway certificates for the TLS tests (source after itest.sh;
# needs the openssl command, Debian package openssl).

# it_pki DIR: in DIR, a CA (ca.pem, ca.key), a server certificate for
# "localhost" signed by it (server.pem, server.key), and an unrelated CA
# (other.pem, other.key); valid two days.  openssl's output goes to
# $T/openssl.log.
it_pki() {
	local p=$1
	command -v openssl >/dev/null || it_fail "the openssl command is missing (Debian package openssl)"
	mkdir -p "$p"
	_it_pki_ca "$p" ca "/CN=Sang kien test CA"
	_it_pki_ca "$p" other "/CN=Unrelated CA"
	openssl req -newkey rsa:2048 -nodes -keyout "$p/server.key" -out "$p/server.csr" \
		-subj "/CN=localhost" >>"$T/openssl.log" 2>&1 || it_fail "openssl: server key"
	printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$p/server.ext"
	openssl x509 -req -in "$p/server.csr" -CA "$p/ca.pem" -CAkey "$p/ca.key" -CAcreateserial \
		-days 2 -extfile "$p/server.ext" -out "$p/server.pem" >>"$T/openssl.log" 2>&1 ||
		it_fail "openssl: server certificate"
}

_it_pki_ca() { # DIR NAME SUBJECT
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1/$2.key" -out "$1/$2.pem" \
		-days 2 -subj "$3" -addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" >>"$T/openssl.log" 2>&1 ||
		it_fail "openssl: CA $2 (see openssl.log)"
}
