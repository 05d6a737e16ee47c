#!/usr/bin/env bash
# The local web interface of `sangkien ui` against curl: it listens on
# loopback only; a request without the secret, with a wrong one, with a
# foreign Host (DNS rebinding) or a foreign Origin (cross-site post) is
# refused; the secret in the first URL becomes an HttpOnly, SameSite=Strict
# cookie; bodies over the limit are refused before they are read; what is
# served comes from the binary; a second `ui` on the same store reuses the
# running one, and a killed one leaves nothing that blocks the next start.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
it_begin ui_security
command -v curl >/dev/null || it_fail "curl is not installed (tests/lib/packages.sh installs it)"

S=$T/store.db
it_ui_start "$S"
# code URL [CURL ARGS...]: the HTTP status of one request.
code() {
	local url=$1
	shift
	curl -s -o /dev/null -w '%{http_code}' "$@" "$url"
}
# Loopback only: the listening socket is 127.0.0.1 (0100007F in /proc).
grep -qiE "^ *[0-9]+: 0100007F:$(printf '%04X' "$UI_PORT") 00000000:0000 0A" /proc/net/tcp ||
	it_fail "the ui does not listen on 127.0.0.1:$UI_PORT alone: $(grep -i ":$(printf '%04X' "$UI_PORT") " /proc/net/tcp)"

# No secret, a wrong one, a cookie with a wrong one: refused.
it_eq 403 "$(code "$UI_BASE/")" "no secret"
it_eq 403 "$(code "$UI_BASE/app.js")" "an asset without the secret"
it_eq 403 "$(code "$UI_BASE/api/sync")" "the API without the secret"
it_eq 403 "$(code "$UI_BASE/?k=$(printf '0%.0s' {1..48})")" "a wrong secret"
it_eq 403 "$(code "$UI_BASE/" -H "Cookie: sk_web_$UI_PORT=$(printf 'a%.0s' {1..48})")" \
	"a cookie with a wrong secret"
body=$(curl -s "$UI_BASE/")
it_contains "$body" "Từ chối truy cập" "the refusal says why in Vietnamese"

# The secret: a cookie for this port, HttpOnly and SameSite=Strict, and a
# redirect that takes the secret out of the address.
headers=$(curl -s -D - -o /dev/null "$UI_URL")
it_contains "$headers" "HTTP/1.1 303" "the first visit is redirected"
it_contains "$headers" "Location: /" "to the page"
cookie=$(grep -i '^Set-Cookie:' <<<"$headers" | tr -d '\r')
it_contains "$cookie" "sk_web_$UI_PORT=${UI_URL##*k=}" "the cookie holds the secret"
it_contains "$cookie" "HttpOnly" "the cookie is HttpOnly"
it_contains "$cookie" "SameSite=Strict" "the cookie is SameSite=Strict"
C="Cookie: sk_web_$UI_PORT=${UI_URL##*k=}"
it_eq 200 "$(code "$UI_BASE/" -H "$C")" "the page with the cookie"
it_eq 200 "$(code "$UI_BASE/api/sync" -H "$C")" "the API with the cookie"
headers=$(curl -s -D - -o /dev/null -H "$C" "$UI_BASE/")
it_contains "$headers" "Content-Security-Policy: default-src 'none'; script-src 'self'" "CSP"
it_contains "$headers" "frame-ancestors 'none'" "no framing"
it_contains "$headers" "X-Content-Type-Options: nosniff" "nosniff"

# Every asset the page names is served from the binary: the same bytes as
# the source tree, nothing from outside.
for f in index.html app.css app.js; do
	curl -s -H "$C" "$UI_BASE/$f" -o "$T/served.$f"
	cmp -s "$T/served.$f" "$SK_SOURCE_DIR/client/sangkien/ui/$f" ||
		it_fail "/$f is not the file of the source tree"
done
grep -qiE '(src|href)="(https?:)?//' "$SK_SOURCE_DIR"/client/sangkien/ui/*.html &&
	it_fail "the page loads something from outside"

# DNS rebinding: the right cookie under a foreign Host name is refused;
# localhost is the same server.
it_eq 421 "$(code "$UI_BASE/" -H "$C" -H "Host: evil.example:$UI_PORT")" "foreign Host"
it_eq 421 "$(code "$UI_BASE/" -H "$C" -H "Host: 127.0.0.1:1")" "another port in Host"
it_eq 200 "$(code "$UI_BASE/" -H "$C" -H "Host: localhost:$UI_PORT")" "Host localhost"

# Cross-site: a foreign Origin is refused on GET and POST; a POST must say
# its Origin; a browser's cross-site fetch marker is refused too.
it_eq 403 "$(code "$UI_BASE/api/home" -H "$C" -H "Origin: http://evil.example")" \
	"GET with a foreign Origin"
it_eq 403 "$(code "$UI_BASE/api/check" -H "$C" -H "Origin: http://evil.example" \
	--data 'field=title&title=x')" "POST with a foreign Origin"
it_eq 403 "$(code "$UI_BASE/api/check" -H "$C" -H "Origin: null" --data 'field=title')" \
	"POST from a sandboxed frame"
it_eq 403 "$(code "$UI_BASE/api/check" -H "$C" --data 'field=title&title=x')" \
	"POST without an Origin"
it_eq 403 "$(code "$UI_BASE/api/home" -H "$C" -H "Sec-Fetch-Site: cross-site")" \
	"a cross-site fetch"
O="Origin: $UI_BASE"
it_eq 200 "$(code "$UI_BASE/api/check" -H "$C" -H "$O" --data 'field=title&title=x')" \
	"POST with the page's Origin"
# Methods other than GET, HEAD and POST are refused (evhttp: 501).
it_eq 501 "$(code "$UI_BASE/api/sync" -H "$C" -X DELETE)" "DELETE"
# A body over the limit: refused by its length, before it is read.
it_eq 413 "$(code "$UI_BASE/api/check" -H "$C" -H "$O" -H 'Content-Length: 300000000' \
	--data 'x' --max-time 5)" "a 300 MB body"
kill -0 "$UI_PID" || it_fail "the ui died"

# A second `ui` on the same store reuses the running one.
out=$(SANGKIEN_BROWSER=none timeout 10 "$SK_SANGKIEN" --store "$S" ui) ||
	it_fail "the second ui failed: $out"
it_contains "$out" "đang chạy" "the second ui says one is running"
it_contains "$out" "$UI_URL" "the second ui gives the running one's address"
[ "$(stat -c %a "$S.ui")" = 600 ] || it_fail "the instance file is not private"

# Killed: the next start is not blocked and gets a new secret.
old=$UI_URL
kill -KILL "$UI_PID"
wait "$UI_PID" 2>/dev/null || true
it_ui_start "$S"
[ "$UI_URL" != "$old" ] || it_fail "the new ui kept the old secret"
it_eq 403 "$(code "$UI_BASE/" -H "Cookie: sk_web_$UI_PORT=${old##*k=}")" "the old secret"
it_ui_stop
[ ! -e "$S.ui" ] || it_fail "the instance file is left after a clean stop"
echo "ok"
