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
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
. "$(dirname "$0")/../lib/browser.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin admin_download
export TZ=Asia/Ho_Chi_Minh

it_config max_file_bytes=83886080 max_dossier_bytes=209715200
it_server_start
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
SK_ASAN=0
ldd "$SK_ADMIN" | grep -q libasan && SK_ASAN=1
export SANGKIEN_UI_DOWNLOAD_BUFFER=1048576
export U BIG SMALL BIG_NAME SMALL_NAME SK_ASAN
export SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots}
it_console_start dl
export CONSOLE_PID

it_browser admin_download.js large "$CONSOLE_URL" || it_fail "the 70 MB download"
it_browser admin_download.js slow "$CONSOLE_URL" || it_fail "a reader that stops reading"
it_contains "$(cat "$T/console-dl.log")" "trình duyệt đã dừng nhận" "the log says the reader went away"

# Bytes changed where they are kept: the download is cut short.
it_eq 1 "$(it_psql "UPDATE dossier_chunks c SET data = set_byte(c.data, 5000,
	 get_byte(c.data, 5000) # 1) FROM dossier_files f WHERE f.id = c.file_id
	 AND f.sha256 = decode(:'s', 'hex') AND c.off = 0 RETURNING 1" s="$SMALL")" "one byte changed"
it_browser admin_download.js changed "$CONSOLE_URL" || it_fail "the changed file"
it_contains "$(cat "$T/console-dl.log")" "cắt tải giữa chừng: các byte máy chủ gửi không đúng mã SHA-256" \
	"the log says why the download was cut"
it_eq 3 "$(it_psql "SELECT count(*) FROM audit_log WHERE action = 'attachment.download'")" \
	"each download audited"
it_console_stop
it_note "screenshots in $SK_SCREENSHOTS"
echo "ok"
