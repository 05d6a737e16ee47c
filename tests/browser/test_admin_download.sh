#!/usr/bin/env bash
# Dossier files downloaded from the district office's console
# (`sangkien-admin ui`) in Chromium, streamed from the server whatever their
# size: a 70 MB file saved under the unit's Vietnamese name with the right
# bytes while the console's memory stays near its bound (RSS printed); a
# reader that stops reading makes the console stop reading from the server
# (within the bound, SANGKIEN_UI_DOWNLOAD_BUFFER, small here), then goes
# away and leaves nothing behind (the sanitizers check at exit); a file
# whose stored bytes were changed is cut short of its length, so the
# browser marks the download failed, and the page and the log say why.
# With curl: HEAD answered from the dossier's list (the server sends no
# file byte: its metrics say so), one range (206, Content-Range, ETag and
# If-Range, 416 past the end), a download resumed after a cut (curl -C -)
# that ends with the file's bytes, and ranges of the changed file cut short
# even where the range holds no changed byte.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
. "$(dirname "$0")/../lib/browser.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin admin_download
export TZ=Asia/Ho_Chi_Minh

command -v curl >/dev/null || it_fail "curl is not installed (tests/lib/packages.sh installs it)"
it_config max_file_bytes=83886080 max_dossier_bytes=209715200 metrics_listen=127.0.0.1:0
it_server_start
MPORT=$(sed -n 's|.*metrics on http://127.0.0.1:\([0-9]*\)/metrics.*|\1|p' "$T/sangkiend.log" | tail -n 1)
[ -n "$MPORT" ] || it_fail "no metrics port in the log"
# File bytes the server has sent to operators.
sent_bytes() {
	curl -fsS "http://127.0.0.1:$MPORT/metrics" | awk '$1 == "sangkien_download_bytes_total" { print $2 }'
}
it_operator
it_tree
P1=$T/p1.db
it_enroll Q11-027 "$P1"
U=$(it_uuid_of "$(it_add "$P1" "Bản vẽ cải tạo nhà xưởng số 3")")
# The store learns the server's limits at a sync.
client "$P1" sync >>"$T/client.log" 2>&1 || it_fail "first sync"
mkdir -p "$T/files"
BIG_NAME="Bản vẽ thiết kế nhà xưởng.pdf" SMALL_NAME="Biên bản nghiệm thu.pdf"
dz_make "$T/files/$BIG_NAME" pdf 70000000
dz_make "$T/files/$SMALL_NAME" pdf 3000000
dz_attach "$P1" "$U" "$U" "$T/files/$BIG_NAME" "$T/files/$SMALL_NAME"
client "$P1" sync >>"$T/client.log" 2>&1 || it_fail "sync of the dossier"
BIG=$(dz_sha "$T/files/$BIG_NAME") SMALL=$(dz_sha "$T/files/$SMALL_NAME")
rm -f "$T/files/$BIG_NAME"

# The sanitizers' quarantine keeps freed chunks, so RSS is a figure only
# where it is not there; the bound on what waits is checked in both.
# (ldd read whole: `grep -q` would quit at the match, and ldd, cut off by
# SIGPIPE, would fail the pipe and leave it unnoticed.)
SK_ASAN=0
case $(ldd "$SK_ADMIN") in *libasan*) SK_ASAN=1 ;; esac
export SANGKIEN_UI_DOWNLOAD_BUFFER=1048576
export U BIG SMALL BIG_NAME SMALL_NAME SK_ASAN
export SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots}
it_console_start dl
export CONSOLE_PID

it_browser admin_download.js large "$CONSOLE_URL" || it_fail "the 70 MB download"
it_browser admin_download.js slow "$CONSOLE_URL" || it_fail "a reader that stops reading"
it_contains "$(cat "$T/console-dl.log")" "trình duyệt đã dừng nhận" "the log says the reader went away"

# ---- HEAD and ranges, with curl and the console's cookie ----
JAR=$T/cookies SRC=$T/files/$SMALL_NAME
curl -s -o /dev/null -c "$JAR" "$CONSOLE_URL" || it_fail "the console's cookie"
FILE_URL="$CONSOLE_BASE/api/review/file?uuid=$U&sha=$SMALL"
READS=0 # GETs that read the file from the server (each audited)
# fetch [CURL ARGS...]: the status; headers in $T/h, body in $T/got.
fetch() { curl -s -b "$JAR" -D "$T/h" -o "$T/got" -w '%{http_code}' "$@" "$FILE_URL"; }
hdr() { sed -n "s/^$1: \(.*\)\r\$/\1/Ip" "$T/h"; }
# bytes FIRST COUNT: bytes of the original file.
bytes() { tail -c +$(($1 + 1)) "$SRC" | head -c "$2"; }
expect_part() { # RANGE FIRST LAST: a 206 with exactly those bytes
	it_eq 206 "$(fetch -H "Range: $1")" "Range $1"
	READS=$((READS + 1))
	it_eq "bytes $2-$3/3000000" "$(hdr Content-Range)" "Content-Range of $1"
	it_eq $(($3 - $2 + 1)) "$(hdr Content-Length)" "Content-Length of $1"
	cmp -s <(bytes "$2" $(($3 - $2 + 1))) "$T/got" || it_fail "the bytes of $1"
}
audits() { it_psql "SELECT count(*) FROM audit_log WHERE action = 'attachment.download'"; }
sent0=$(sent_bytes) audit0=$(audits)
it_eq 200 "$(curl -s -I -b "$JAR" -D "$T/h" -o /dev/null -w '%{http_code}' "$FILE_URL")" "HEAD"
it_eq 3000000 "$(hdr Content-Length)" "HEAD: the length"
it_eq bytes "$(hdr Accept-Ranges)" "HEAD: ranges offered"
it_eq "\"$SMALL\"" "$(hdr ETag)" "HEAD: the SHA-256 as its tag"
it_eq application/pdf "$(hdr Content-Type)" "HEAD: the type the server found"
it_contains "$(hdr Content-Disposition)" "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n" "HEAD: the name"
it_eq 200 "$(curl -s -I -b "$JAR" -o /dev/null -w '%{http_code}' \
	"$CONSOLE_BASE/api/review/file?uuid=$U&sha=$BIG")" "HEAD of the 70 MB file"
it_eq "$sent0" "$(sent_bytes)" "HEAD reads no byte of the file from the server"
it_eq "$audit0" "$(audits)" "HEAD is no download"

expect_part "bytes=1000000-" 1000000 2999999
expect_part "bytes=100-199" 100 199
expect_part "bytes=-500" 2999500 2999999
expect_part "bytes=2999990-9999999999999999999999" 2999990 2999999
it_eq 416 "$(fetch -H "Range: bytes=3000000-")" "a range past the end"
it_eq "bytes */3000000" "$(hdr Content-Range)" "416 names the size"
it_eq 206 "$(fetch -H "Range: bytes=2999000-" -H "If-Range: \"$SMALL\"")" "If-Range of this file"
READS=$((READS + 1))
it_eq 1000 "$(stat -c %s "$T/got")" "If-Range of this file: the range"
for ask in "If-Range: \"$BIG\"" "If-Range: W/\"$SMALL\"" "X-None: 1"; do
	range="bytes=2999000-"
	[ "$ask" = "X-None: 1" ] && range="bytes=0-1,5-6" # several ranges: ignored
	it_eq 200 "$(fetch -H "Range: $range" -H "$ask")" "$range with $ask: the whole file"
	READS=$((READS + 1))
	it_eq 3000000 "$(hdr Content-Length)" "$range with $ask: its length"
	it_eq "$SMALL" "$(sha256sum <"$T/got" | cut -d' ' -f1)" "$range with $ask: its bytes"
done
# A download cut at 1,234,567 bytes, resumed where it stopped.
head -c 1234567 "$SRC" >"$T/resumed"
it_eq 206 "$(curl -s -b "$JAR" -C - -o "$T/resumed" -w '%{http_code}' "$FILE_URL")" "curl -C -"
READS=$((READS + 1))
it_eq "$SMALL" "$(sha256sum <"$T/resumed" | cut -d' ' -f1)" "the resumed download's bytes"
it_note "HEAD, ranges and a resumed download: $READS reads of the 3 MB file"

# Bytes changed where they are kept: the download is cut short.
it_eq 1 "$(it_psql "UPDATE dossier_chunks c SET data = set_byte(c.data, 5000,
	 get_byte(c.data, 5000) # 1) FROM dossier_files f WHERE f.id = c.file_id
	 AND f.sha256 = decode(:'s', 'hex') AND c.off = 0 RETURNING 1" s="$SMALL")" "one byte changed"
it_browser admin_download.js changed "$CONSOLE_URL" || it_fail "the changed file"
it_contains "$(cat "$T/console-dl.log")" "cắt tải giữa chừng: các byte máy chủ gửi không đúng mã SHA-256" \
	"the log says why the download was cut"
# A range of it is cut short too, even one without the changed byte: the
# whole is checked before a range's last piece goes.
for range in "bytes=0-99 100" "bytes=2000000- 1000000"; do
	rc=0
	: >"$T/got"
	curl -s -b "$JAR" -o "$T/got" -H "Range: ${range% *}" "$FILE_URL" || rc=$?
	READS=$((READS + 1))
	it_eq 18 "$rc" "${range% *} of the changed file: curl's 'partial file'"
	[ "$(stat -c %s "$T/got")" -lt "${range#* }" ] ||
		it_fail "${range% *} of the changed file: all of it came"
done
it_eq $((3 + READS)) "$(it_psql "SELECT count(*) FROM audit_log WHERE action = 'attachment.download'")" \
	"each download audited"
it_console_stop
it_note "screenshots in $SK_SCREENSHOTS"
echo "ok"
