#!/usr/bin/env bash
# The dossier in `sangkien ui` (Chromium, playwright-core) against the real
# sangkiend and PostgreSQL: files picked and dropped on an initiative's page
# with a bar each as they are copied in (a file of several pieces among
# them), a file of the wrong type refused with the rule said, a pending
# file removed, then a sync during which the page's bar of the file on its
# way moves; after it the server holds each file once, with its hash, on
# that initiative; then notes beyond a frame, the page saying how many earlier
# ones the server left out.  Screenshots in $SK_SCREENSHOTS.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
. "$(dirname "$0")/../lib/browser.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin ui_dossier

# Small frames: chunks of 63 KiB, over a slowed link, so the upload of
# a 700 KB file lasts long enough to be watched.
it_config max_frame_bytes=65536
it_server_start
it_operator
it_tree
it_background "$SK_CUTPROXY" --target "$ADDR" --port-file "$T/proxy.port" --cut-on none \
	--delay-ms 40 2>"$T/proxy.log"
sk_wait_file "$T/proxy.port" 10 || it_fail "sk-cutproxy did not start"
S=$T/office.db
code=$(admin enroll Q11-027 2>>"$T/admin.log")
client "$S" enroll "127.0.0.1:$(cat "$T/proxy.port")" "$code" >>"$T/client.log" 2>&1 ||
	it_fail "enroll through the proxy"
U=$(it_uuid_of "$(it_add "$S" "Cải tiến quy trình đóng gói sản phẩm")")
client "$S" sync >>"$T/client.log" 2>&1 || it_fail "first sync"

mkdir -p "$T/files"
dz_make "$T/files/Tờ trình công nhận.pdf" pdf 700000
cp "$SK_SOURCE_DIR/tests/data/dossier/anh-cai-tien.jpg" "$T/files/Ảnh trước cải tiến.jpg"
cp "$SK_SOURCE_DIR/tests/data/dossier/hieu-qua.xlsx" "$T/files/Bảng hiệu quả.xlsx"
cp "$SK_SOURCE_DIR/tests/data/dossier/gia-mao.pdf" "$T/files/Giả mạo.pdf"
export SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots}
it_ui_start "$S"
ID=$(it_list_field "$S" "$U" id)
it_browser ui_dossier.js attach "$UI_URL" "$ID" "$T/files" || it_fail "attach in the browser"
it_eq "attached 0, pending 2" \
	"$(sqlite3 "$S" "SELECT 'attached ' || sum(state = 'attached') || ', pending ' || sum(state = 'pending') FROM attachments")" \
	"the store after the page's attach and remove"
it_browser ui_dossier.js sync "$UI_URL" "$ID" "$T/files" || it_fail "sync in the browser"
for f in "Tờ trình công nhận.pdf" "Bảng hiệu quả.xlsx"; do
	printf '%s\t%s\t%s\n' "$U" "$(dz_sha "$T/files/$f")" "$f" >>"$T/dossier.tsv"
done
dz_converged "$S" Q11-027

# The district's notes beyond a frame (30 of 3,900 characters, about 350 kB):
# the server sends the newest, the page says how many it left out, as show.
it_psql "INSERT INTO initiative_notes (initiative_id, author, status, body)
	 SELECT i.id, 'Ban Chính sách pháp luật', i.status, 'Ý kiến số ' || g || ': ' || repeat('ạ', 3890)
	 FROM initiatives i, generate_series(1, 30) g WHERE i.uuid = :'u'::uuid ORDER BY g" u="$U" >/dev/null
it_psql "UPDATE initiatives SET version = version + 1, updated_at = now()
	 WHERE uuid = :'u'::uuid" u="$U" >/dev/null
page=$(it_browser ui_dossier.js notes "$UI_URL" "$ID" "$T/files") || it_fail "notes in the browser"
said=$(grep '^omitted: ' <<<"$page" | cut -d' ' -f2-)
it_contains "$(client "$S" show "$U")" "  $said" "the page's words are show's"
echo "ok"
