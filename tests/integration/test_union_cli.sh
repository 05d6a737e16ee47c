#!/usr/bin/env bash
# The union office's conventions at the command line: interactive `add`
# checks each field at its prompt and asks again, keeping what was typed
# (Ctrl-C keeps a draft); kinds and themes by Vietnamese name (with or
# without diacritics) and dates dd/mm/yyyy; `add --from-file` reads UTF-8
# with or without a BOM and Excel's UTF-16, names Windows-1258 and TCVN3
# files and how to save them, and lists every problem of every line;
# a store of one unit is not switched to another while anything is unsent,
# nor without confirmation; times shown in local time.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin union_cli
command -v script >/dev/null || it_fail "script (util-linux) is needed for a terminal"

it_server_start
it_operator
it_tree
S=$T/unit.db
it_enroll Q11-027 "$S"
count() { client "$S" list --format tsv | tail -n +2 | wc -l; }

# interactive STORE LINES...: run `add` on a terminal (script), typing each
# line after a pause; a line "^C" sends Ctrl-C.  Output in $T/tty.out.
interactive() {
	local store=$1 line
	shift
	rm -f "$T/tty.in"
	mkfifo "$T/tty.in"
	(rc=0
	 script -qec "$SK_SANGKIEN --store $store add" /dev/null <"$T/tty.in" >"$T/tty.out" 2>&1 ||
		rc=$?
	 echo "exit=$rc" >>"$T/tty.out") &
	local pid=$!
	exec 7>"$T/tty.in"
	for line in "$@"; do
		sleep 0.3
		if [ "$line" = "^C" ]; then printf '\003' >&7; else printf '%s\n' "$line" >&7; fi
	done
	sleep 0.5
	exec 7>&-
	wait "$pid" || true
}

# 1. Each field checked at its prompt; a wrong one asked again, the rest kept.
interactive "$S" "" "Ứng dụng mã QR tiếp nhận hồ sơ" "sáng chế" "giai phap quan ly" \
	"Nguyễn Thị Bích Ngọc|Chủ tịch" "" "Tóm tắt: quét mã QR." "" "Giảm 2 ngày chờ." "" \
	"31/02/2022" "5/3/2022" "cai cach hanh chinh chuyen doi so"
out=$(cat "$T/tty.out")
it_contains "$out" "không được để trống; nhập lại" "an empty title is refused at its prompt"
it_contains "$out" "“sáng chế” không phải loại nào" "a wrong kind is refused at its prompt"
it_contains "$out" "“31/02/2022”: không có ngày 31/02/2022" "a wrong date is refused at its prompt"
it_contains "$out" "Đã lưu sáng kiến" "the initiative is stored"
it_contains "$out" "exit=0" "add exits 0"
uuid=$(it_uuid_of "$out")
it_eq "Ứng dụng mã QR tiếp nhận hồ sơ" "$(it_list_field "$S" "$uuid" title)" "title"
it_eq management "$(it_list_field "$S" "$uuid" kind)" "kind by its Vietnamese name"
it_eq 2022-03-05 "$(it_list_field "$S" "$uuid" applied_on)" "date typed d/m/yyyy"
it_contains "$(client "$S" show "$uuid")" "Cải cách hành chính, chuyển đổi số" "theme by its name"

# 2. Ctrl-C keeps what was typed as a draft.
interactive "$S" "Sổ tay giao ca điện tử" "technical" "Lê Văn Tám|Tổ trưởng" "" "^C"
out=$(cat "$T/tty.out")
it_contains "$out" "bản nháp số" "Ctrl-C says a draft was kept"
it_contains "$out" "exit=130" "Ctrl-C exits 130"
draft=$(sqlite3 "$S" "SELECT fields FROM drafts")
it_contains "$draft" "title=S%E1%BB%95%20tay%20giao%20ca" "the draft holds the title"
it_contains "$draft" "author_name=L%C3%AA%20V%C4%83n%20T%C3%A1m" "the draft holds the author"
sqlite3 "$S" "DELETE FROM drafts"

# 3. Options with Vietnamese names and dd/mm/yyyy, without a terminal.
out=$(client "$S" add --title "Bếp ăn an toàn" --kind "Sáng kiến khoa học" --theme "covid" \
	--author "Võ Thành Lộc" --summary "Tóm tắt" --effect "Hiệu quả" --applied-on 15/03/2022) ||
	it_fail "add with Vietnamese names: $out"
it_eq scientific "$(it_list_field "$S" "$(it_uuid_of "$out")" kind)" "kind named in Vietnamese"
it_eq 2022-03-15 "$(it_list_field "$S" "$(it_uuid_of "$out")" applied_on)" "dd/mm/yyyy"
rc=0
err=$(client "$S" add --title "X" --kind technical --author "A" --summary s --effect e \
	--applied-on 2022-13-45 2>&1) || rc=$?
it_eq 2 "$rc" "a bad date without a terminal"
it_contains "$err" "--applied-on (ngày áp dụng)" "the option is named"

# 4. Files: UTF-8 with BOM, Excel's UTF-16, legacy encodings, every problem.
header=$'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme'
printf '%s\n%s\n' "$header" $'Đèn LED nhà xưởng\tCải tiến kỹ thuật\tĐặng Thị Thu|Phó chủ tịch\tTóm tắt\tHiệu quả\t15/03/2022\tproduction' \
	>"$T/u8.tsv"
{ printf '\xef\xbb\xbf'; cat "$T/u8.tsv"; } >"$T/bom.tsv"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$T/u8.tsv"; } >"$T/u16.tsv"
before=$(count)
it_status 0 client "$S" add --from-file "$T/bom.tsv"
it_status 0 client "$S" add --from-file "$T/u16.tsv"
it_eq $((before + 2)) "$(count)" "initiatives from the BOM and UTF-16 files"
it_eq 2 "$(client "$S" list --format tsv | grep -c $'\tĐèn LED nhà xưởng\t')" \
	"the Vietnamese title from both files, byte for byte"
# Excel's "Unicode Text" quotes a cell that holds a quote or a line break.
printf '%s\n%s\n' "$header" \
	$'"Sổ ""giao ca"" điện tử"\ttechnical\tĐặng Thị Thu\t"Dòng một\ndòng hai"\tHiệu quả\t15/03/2022\t' \
	>"$T/quoted.tsv"
out=$(client "$S" add --from-file "$T/quoted.tsv" 2>&1) || it_fail "add --from-file with quoted cells: $out"
it_eq 1 "$(client "$S" list --format tsv | grep -c $'\tSổ "giao ca" điện tử\t')" \
	"a quoted title read without its quotes"
# Excel's "CSV UTF-8" on a Vietnamese Windows: ';' between cells (the
# separator of the header row, csv_separator.h), CRLF, a BOM, a cell that
# holds ';' quoted; and a ',' CSV (in a store of their own: the counts
# below are of $S).
C=$T/csv.db
it_enroll Q11-027 "$C"
printf '\xef\xbb\xbf%s\r\n%s\r\n' "${header//$'\t'/;}" \
	'"Phiếu giao ca; bản giấy";technical;"Lê Văn Hùng|Tổ trưởng;Trần Thị Lan|Kỹ sư";Tóm tắt;"Giảm 30%, ít sai sót";15/03/2022;' \
	>"$T/excel-vn.csv"
out=$(client "$C" add --from-file "$T/excel-vn.csv" 2>&1) || it_fail "add --from-file with ';': $out"
row=$(client "$C" list --format tsv | grep $'\tPhiếu giao ca; bản giấy\t') ||
	it_fail "the ';' file's title, with its quoted ';'"
it_eq 2 "$(client "$C" show "$(cut -f1 <<<"$row")" | grep -c 'Lê Văn Hùng\|Trần Thị Lan')" \
	"two authors from the quoted cell of the ';' file"
printf '%s\n%s\n' "${header//$'\t'/,}" 'Sổ tay an toàn,technical,Lê Văn Hùng,Tóm tắt,"Hiệu quả; rõ",2022-03-15,' \
	>"$T/comma.csv"
out=$(client "$C" add --from-file "$T/comma.csv" 2>&1) || it_fail "add --from-file with ',': $out"
it_eq 1 "$(client "$C" list --format tsv | grep -c $'\tSổ tay an toàn\t')" "the ',' file's title"
printf '%s\n%s\n' "$header" $'"Sổ mở\ttechnical\tA\tB\tC\t2022-03-15\t' >"$T/open.tsv"
rc=0
err=$(client "$S" add --from-file "$T/open.tsv" 2>&1) || rc=$?
it_eq 2 "$rc" "a quote never closed"
it_contains "$err" "dòng 2: dấu ngoặc kép mở một ô ở dòng này không được đóng" \
	"the unclosed quote is named with its line"
iconv -f UTF-8 -t CP1258 "$T/u8.tsv" >"$T/cp1258.tsv" || it_fail "iconv to CP1258"
rc=0
err=$(client "$S" add --from-file "$T/cp1258.tsv" 2>&1) || rc=$?
it_eq 2 "$rc" "a Windows-1258 file"
it_contains "$err" "không phải UTF-8" "the file is said not to be UTF-8"
it_contains "$err" "Windows-1258" "Windows-1258 is named"
it_contains "$err" "CSV UTF-8" "how to save it is said"
# TCVN3: "Sæ tay" with TCVN3's bytes for ổ (0xC6 is not; 0xB6..0xBF are toned letters).
printf '%s\n\xa7\xe8n LED \xb8 \xad\xa9\ttechnical\tL\xaa V\xa8n\tx\ty\t2022-03-15\t\n' "$header" \
	>"$T/tcvn3.tsv"
err=$(client "$S" add --from-file "$T/tcvn3.tsv" 2>&1) || true
it_contains "$err" "TCVN3" "TCVN3 is named"
printf '%s\n%s\n%s\n%s\n' "$header" \
	$'\tsáng chế\t|x\t\tHiệu quả\t31/02/2022\tkhông có' \
	$'Đúng\ttechnical\tA\tB\tC\t2022-03-15\t' \
	$'Sai ngày\ttechnical\tA\tB\tC\t15/03/2020\t' >"$T/bad.tsv"
rc=0
err=$(client "$S" add --from-file "$T/bad.tsv" 2>&1) || rc=$?
it_eq 2 "$rc" "a file with problems"
for want in "dòng 2, cột title (tên sáng kiến)" "dòng 2, cột kind (loại sáng kiến)" \
	"dòng 2, cột authors (tác giả)" "dòng 2, cột summary (tóm tắt nội dung)" \
	"dòng 2, cột applied_on (ngày áp dụng)" "dòng 2, cột theme (chủ đề)" \
	"dòng 4, cột applied_on (ngày áp dụng)"; do
	it_contains "$err" "$want" "every problem of every line"
done
it_eq $((before + 3)) "$(count)" "nothing stored from a file with problems"

# 5. Times in local time, the zone said once.
out=$(TZ= client "$S" show "$uuid")
it_contains "$out" "giờ Việt Nam, UTC+07:00" "show says the zone"
grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}T' <<<"$out" && it_fail "show prints UTC ISO times: $out"
it_contains "$out" "05/03/2022" "show prints the date dd/mm/yyyy"

# 6. Another unit's code on a store with unsent items: refused, nothing changed.
code=$(admin enroll Q11-044 2>>"$T/admin.log")
rc=0
err=$(client "$S" enroll "$ADDR" "$code" 2>&1 </dev/null) || rc=$?
it_eq 1 "$rc" "enrolling another unit with unsent items"
it_contains "$err" "còn 5 sáng kiến chưa gửi" "the refusal says what is unsent"
it_eq Q11-027 "$(sqlite3 "$S" "SELECT value FROM settings WHERE key = 'unit_code'")" \
	"the store's unit is unchanged"
it_status 0 client "$S" sync
# Nothing unsent, but not confirmed (no terminal, no --switch-unit): refused.
code=$(admin enroll Q11-044 2>>"$T/admin.log")
rc=0
err=$(client "$S" enroll "$ADDR" "$code" 2>&1 </dev/null) || rc=$?
it_eq 1 "$rc" "enrolling another unit without confirmation"
it_contains "$err" "--switch-unit" "the refusal says how to confirm"
it_eq 5 "$(count)" "the old unit's initiatives are still here"
code=$(admin enroll Q11-044 2>>"$T/admin.log")
it_status 0 client "$S" enroll "$ADDR" "$code" --switch-unit
it_eq 0 "$(count)" "no initiative of Q11-027 shows under Q11-044"
it_eq Q11-044 "$(sqlite3 "$S" "SELECT value FROM settings WHERE key = 'unit_code'")" "new unit"
it_status 0 client "$S" sync
it_eq 0 "$(count)" "the new unit's pull brings nothing of the old one"
it_eq 5 "$(it_db_initiative_count Q11-027)" "the old unit's initiatives stay on the server"
# The same unit again (a new credential) needs no confirmation.
code=$(admin enroll Q11-044 2>>"$T/admin.log")
it_status 0 client "$S" enroll "$ADDR" "$code"
echo "ok"
