#!/usr/bin/env bash
# import-units with the tables offices actually have: District 11's table
# as an Excel workbook (written by openpyxl, as a spreadsheet program saves
# it) imports its 134 units and quota 300 directly; the same table saved as
# Windows-1258 or TCVN3 is refused with one message naming the encoding and
# how to save as UTF-8, not one error per cell; saved with ';' between
# fields (Excel with a Vietnamese list separator) it imports as it is.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin import_excel
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null ||
	it_fail "python3-openpyxl is not installed (tests/lib/packages.sh installs it)"
corrected=$SK_SOURCE_DIR/deploy/data/quan11-units.csv

it_server_start
it_operator
admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >/dev/null
admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN >/dev/null
admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM >/dev/null

# Windows-1258, as Excel's "CSV (Comma delimited)" saves on a Vietnamese
# Windows: one message, nothing imported.
iconv -f UTF-8 -t CP1258 "$corrected" >"$T/cp1258.csv"
rc=0
err=$(admin import-units --parent Q11 "$T/cp1258.csv" 2>&1) || rc=$?
it_eq 3 "$rc" "exit status for a Windows-1258 file"
it_eq 1 "$(wc -l <<<"$err")" "lines of the message for a Windows-1258 file"
it_contains "$err" "cp1258.csv: tệp không phải UTF-8 (dòng 2" "the line named"
it_contains "$err" "có lẽ là bảng mã cũ Windows-1258" "the encoding named"
it_contains "$err" "CSV UTF-8" "how to save as UTF-8"
iconv -f UTF-8 -t TCVN5712-1 "$corrected" >"$T/tcvn3.csv"
rc=0
err=$(admin import-units --parent Q11 "$T/tcvn3.csv" 2>&1) || rc=$?
it_eq 3 "$rc" "exit status for a TCVN3 file"
it_eq 1 "$(wc -l <<<"$err")" "lines of the message for a TCVN3 file"
it_contains "$err" "có lẽ là bảng mã cũ TCVN3" "TCVN3 named"
it_eq 3 "$(it_db_unit_count)" "units after the refused files"

# Semicolons between fields: read, checked and imported like the original.
/usr/bin/python3 - "$corrected" "$T/semicolons.csv" <<-'PY'
	import csv, sys
	rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
	with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
	    csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
	PY
grep -q ';' "$T/semicolons.csv" || it_fail "no semicolons in the converted file"
out=$(admin import-units --parent Q11 --check "$T/semicolons.csv") ||
	it_fail "--check of the ';' file"
it_contains "$out" "134 đơn vị, tổng chỉ tiêu 300" "the ';' file checked"

# The workbook: the first sheet, numbers as numbers; a second sheet of notes
# is not read.  A bad quota is named with its spreadsheet row.
/usr/bin/python3 - "$corrected" "$T/units.xlsx" "$T/bad.xlsx" <<-'PY'
	import csv, sys, openpyxl
	rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
	for path, bad in ((sys.argv[2], False), (sys.argv[3], True)):
	    wb = openpyxl.Workbook()
	    ws = wb.active
	    ws.title = "Phân bổ chỉ tiêu"
	    ws.append(rows[0])
	    for r in rows[1:]:
	        ws.append([r[0], int(r[1]), r[2], int(r[3]), r[4] or None])
	    if bad:
	        ws.cell(row=28, column=4, value="hai")
	    wb.create_sheet("Ghi chú").append(["Bảng này không phải danh sách đơn vị"])
	    wb.save(path)
	PY
rc=0
err=$(admin import-units --parent Q11 "$T/bad.xlsx" 2>&1) || rc=$?
it_eq 3 "$rc" "exit status for a workbook with a bad quota"
it_contains "$err" "bad.xlsx:28: so_phan_bo:" "the bad quota named with its row"
it_eq 3 "$(it_db_unit_count)" "units after the refused workbook"
out=$(admin import-units --parent Q11 "$T/units.xlsx") || it_fail "import of units.xlsx"
it_contains "$out" "300" "import output (total quota)"
it_eq 134 "$(it_db_grassroots_count Q11)" "grassroots units under Q11"
it_eq 300 "$(it_db_quota_total Q11)" "total quota under Q11"
it_eq "Công ty CP CVN Đầm Sen" "$(it_db_unit_name Q11-103)" "name of Q11-103"
# The same table again, now from the ';' file: nothing changes.
before=$(it_db_units_snapshot)
admin import-units --parent Q11 "$T/semicolons.csv" >/dev/null || it_fail "import of the ';' file"
it_eq "$before" "$(it_db_units_snapshot)" "units after importing the same table as ';' CSV"
echo "ok"
