#!/usr/bin/env bash
# `sangkien-admin attachment list|get`: an initiative's dossier shown, a
# file downloaded in chunks and checked against its SHA-256, under the
# unit's name for it (made safe) or -o; never over an existing file by
# default; a file whose stored bytes were changed is refused and a download
# cut in the middle leaves nothing under the final name (nor a temporary
# file); an operator of another district is refused; each download audited.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin dossier_admin_get

it_server_start
it_operator
it_tree
A=$(it_credential Q11-027)
D=$SK_SOURCE_DIR/tests/data/dossier
dossier() { "$SK_DOSSIER" "$ADDR" "$A" "$@" 2>>"$T/dossier.err" | grep -v '^hello '; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
u=$(it_uuid7)
probe "$ADDR" hello 1 "$A" submit Q11-027 "$u" | grep -q 'ITEM_ACCEPTED' || it_fail "submit"

{ cat "$D/to-trinh.pdf"; head -c 3000000 /dev/urandom; } >"$T/big.pdf"
BIG=$(sha "$T/big.pdf")
dossier upload "$T/big.pdf" pdf | grep -q '^status commit OK' || it_fail "upload big.pdf"
dossier upload "$D/anh-cai-tien.jpg" jpeg | grep -q '^status commit OK' || it_fail "upload jpg"
JPG=$(sha "$D/anh-cai-tien.jpg")
it_eq "change 0 ACCEPTED 2 -" "$(dossier attach "$u" 0 "$BIG" "Tờ trình đề nghị.pdf" \
	"Tờ trình")" "attach the PDF"
it_eq "change 0 ACCEPTED 3 -" "$(dossier attach "$u" 0 "$JPG" "ảnh.jpg" "Ảnh")" "attach the photo"
# As a hostile server would send it: a name that climbs out of the folder.
it_psql "UPDATE initiative_attachments SET file_name = '../../ảnh:1.jpg'
	 WHERE file_name = 'ảnh.jpg'" >/dev/null

out=$(admin attachment list "${u:0:8}")
it_contains "$out" "Tờ trình đề nghị.pdf" "list: the name"
it_contains "$out" "${BIG:0:12}" "list: the file's id"
it_contains "$out" "3.000.609" "list: the size as Vietnamese write it"
it_contains "$out" "2 tệp" "list: the count"
tsv=$(admin attachment list "$u" --format tsv)
it_eq "$BIG	Tờ trình đề nghị.pdf	pdf	$(stat -c %s "$T/big.pdf")	Tờ trình" \
	"$(sed -n 2p <<<"$tsv" | cut -f1-5)" "list: tsv row"

# The export says which initiatives have a complete dossier.
v=$(it_uuid7)
probe "$ADDR" hello 1 "$A" submit Q11-027 "$v" | grep -q 'ITEM_ACCEPTED' || it_fail "submit v"
admin export --format csv --output "$T/export.csv" >/dev/null
it_eq "so_tep_ho_so,ho_so_day_du" "$(head -n 1 "$T/export.csv" | tr -d '\r\357\273\277' |
	awk -F, '{ print $(NF-1) "," $NF }')" "export: the dossier columns"
it_eq "2,1" "$(grep "$u" "$T/export.csv" | tr -d '\r' | awk -F, '{ print $(NF-1) "," $NF }')" \
	"export: u has two files, a complete dossier"
it_eq "0,0" "$(grep "$v" "$T/export.csv" | tr -d '\r' | awk -F, '{ print $(NF-1) "," $NF }')" \
	"export: v has none"

mkdir "$T/dl"
cd "$T/dl"
it_status 0 admin attachment get "$u" "${BIG:0:10}"
it_eq "$BIG" "$(sha "Tờ trình đề nghị.pdf")" "downloaded under its name, with its hash"
it_status 1 admin attachment get "$u" "${BIG:0:10}"
it_eq "$BIG" "$(sha "Tờ trình đề nghị.pdf")" "an existing file is left alone"
it_status 0 admin attachment get "$u" "$JPG"
[ -f "tep.._.._ảnh_1.jpg" ] || it_fail "the photo is not saved as tep.._.._ảnh_1.jpg: $(ls)"
it_eq "$JPG" "$(sha "tep.._.._ảnh_1.jpg")" "the photo's hash"
it_status 0 admin attachment get "$u" "${BIG:0:8}" -o "$T/chosen.pdf"
it_eq "$BIG" "$(sha "$T/chosen.pdf")" "-o"
# The long form and -oPATH are the same option; given twice it is refused
# before anything is fetched.
it_status 0 admin attachment get --output "$T/long.pdf" "$u" "${BIG:0:8}"
it_eq "$BIG" "$(sha "$T/long.pdf")" "--output"
it_status 0 admin attachment get "$u" "-o$T/joined.pdf" "${BIG:0:8}"
it_eq "$BIG" "$(sha "$T/joined.pdf")" "-oPATH"
err=$(admin attachment get "$u" "${BIG:0:8}" -o "$T/one.pdf" --output "$T/two.pdf" 2>&1) &&
	it_fail "two outputs accepted"
it_contains "$err" "-o/--output chỉ cho một lần" "two outputs: the error names the option"
[ ! -e "$T/one.pdf" ] && [ ! -e "$T/two.pdf" ] || it_fail "two outputs: a file was written"
err=$(admin attachment list "$u" -o "$T/x.pdf" 2>&1) && it_fail "list took -o"
it_contains "$err" "attachment list không dùng -o/--output" "list refuses get's option by name"
it_status 3 admin attachment get "$u" 00000000
it_eq 5 "$(it_psql "SELECT count(*) FROM audit_log WHERE action = 'attachment.download'")" \
	"five downloads audited"

# A download cut in the middle leaves nothing behind.
it_proxy_start --direction s2c --after-frames 3 --cut-after 1000 --cut-on 1
SANGKIEN_ADMIN_SERVER=$PROXY admin attachment get "$u" "${BIG:0:8}" -o "$T/dl/cut.pdf" \
	>/dev/null 2>&1 && it_fail "a cut download succeeded"
[ ! -e "$T/dl/cut.pdf" ] || it_fail "a cut download left its file"
left=$(find "$T/dl" -name '*cut*' | head -n 3)
[ -z "$left" ] || it_fail "a cut download left a temporary file: $left"

it_proxy_stop

# Bytes changed where they are kept: the download is refused, nothing saved.
it_eq 1 "$(it_psql "UPDATE dossier_chunks c SET data = set_byte(c.data, 5000,
	 get_byte(c.data, 5000) # 1) FROM dossier_files f WHERE f.id = c.file_id
	 AND f.sha256 = decode(:'s', 'hex') AND c.off = 0 RETURNING 1" s="$BIG")" "one byte changed"
err=$(admin attachment get "$u" "${BIG:0:8}" -o "$T/changed.pdf" 2>&1) && it_fail "changed bytes saved"
it_contains "$err" "không đúng mã SHA-256" "the hash check says why"
[ ! -e "$T/changed.pdf" ] || it_fail "a file with changed bytes was left"
# Another district's operator learns nothing.
admin add-unit Q5 "Liên đoàn Lao động Quận 5" --level district --parent HCM >>"$T/admin.log"
Q5=$(admin credential create --role operator --scope Q5 --label "Văn phòng Q5" 2>>"$T/admin.log" |
	grep -oE 'skc1_[A-Za-z0-9_-]{43}')
out=$(SANGKIEN_ADMIN_CREDENTIAL=$Q5 admin attachment list "$u" 2>&1) && it_fail "Q5 listed"
out=$(SANGKIEN_ADMIN_CREDENTIAL=$Q5 admin attachment get "$u" "${BIG:0:8}" -o "$T/q5.pdf" 2>&1) &&
	it_fail "Q5 downloaded"
[ ! -e "$T/q5.pdf" ] || it_fail "Q5's refused download left a file"
echo "ok"
