#!/usr/bin/env bash
# report and export as Excel workbooks (.xlsx), read back with openpyxl and
# compared cell by cell with the JSON of the same report and export: one
# sheet per section, Vietnamese headers, numbers as numbers, dates as
# dates, header row frozen, column widths set.  A title that looks like a
# formula stays text.  A workbook appears whole or not at all.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin report_xlsx
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null ||
	it_fail "python3-openpyxl is not installed (tests/lib/packages.sh installs it)"
export TZ=Asia/Ho_Chi_Minh

it_server_start
it_operator
it_tree
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30" >>"$T/admin.log" 2>&1
admin target set Q11 1000 >>"$T/admin.log" 2>&1
admin target set Q11 200 --phase P1 >>"$T/admin.log" 2>&1

S1=$T/q11-027.db
S2=$T/q11-044.db
it_enroll Q11-027 "$S1"
it_enroll Q11-044 "$S2"
u1=$(it_uuid_of "$(it_add "$S1" "=SUM(A1:A9) Đèn LED \"tiết kiệm\" cho nhà xưởng")")
u2=$(it_uuid_of "$(it_add "$S1" "Sổ tay điện tử cho tổ bảo trì")")
u3=$(it_uuid_of "$(client "$S2" add --title "Quy trình tiếp nhận bệnh nhân mùa dịch" \
	--kind management --theme covid --author "Nguyễn Thị Thu Hà|Điều dưỡng trưởng" \
	--summary "Phân luồng từ cổng; dòng hai
của tóm tắt." --effect "Giảm 40% thời gian chờ." --applied-on 2022-07-01)")
it_status 0 client "$S1" sync
it_status 0 client "$S2" sync
admin review start "$u1" "$u3" >>"$T/admin.log" 2>&1
admin review recognize "$u1" --decision 12/QĐ-LĐLĐ --date 2022-05-20 --by "Chủ tịch" \
	>>"$T/admin.log" 2>&1
admin review reward "$u1" --kind reward --level Quận --decision 20/QĐ-LĐLĐ \
	--date 2022-06-15 --amount 2000000 >>"$T/admin.log" 2>&1 || it_fail "review reward"

# Excel needs a file: stdout is refused, before anything is asked of the server.
it_status 2 admin report --format xlsx
it_status 2 admin export --format xlsx --output -

admin report --scope Q11 --format json --output "$T/report.json" 2>>"$T/admin.log"
admin report --scope Q11 --format xlsx --output "$T/report.xlsx" 2>>"$T/admin.log" ||
	it_fail "report --format xlsx"
[ "$(head -c 2 "$T/report.xlsx")" = PK ] || it_fail "report.xlsx is not a zip file"
out=$(/usr/bin/python3 "$SK_SOURCE_DIR/tests/tools/xlsx_check.py" report "$T/report.xlsx" \
	"$T/report.json") || it_fail "report.xlsx differs from report.json"
it_eq ok "$out" "report.xlsx read back"

admin export --scope Q11 --format json --output "$T/export.json" 2>>"$T/admin.log"
admin export --scope Q11 --format xlsx --output "$T/export.xlsx" 2>>"$T/admin.log" ||
	it_fail "export --format xlsx"
it_eq 3 "$(jq length "$T/export.json")" "initiatives exported"
out=$(/usr/bin/python3 "$SK_SOURCE_DIR/tests/tools/xlsx_check.py" export "$T/export.xlsx" \
	"$T/export.json") || it_fail "export.xlsx differs from export.json"
it_eq ok "$out" "export.xlsx read back"
# The reward's amount is a number and the formula-like title text.
it_eq "2000000|=SUM(A1:A9) Đèn LED \"tiết kiệm\" cho nhà xưởng|s" "$(/usr/bin/python3 - \
	"$T/export.xlsx" "$u1" <<-'PY'
	import sys, openpyxl
	ws = openpyxl.load_workbook(sys.argv[1])["Sáng kiến"]
	row = next(r for r in ws.iter_rows(min_row=2) if r[2].value == sys.argv[2])
	print(f"{row[23].value}|{row[5].value}|{row[5].data_type}")
	PY
)" "amount and title of the rewarded initiative"

# A workbook that cannot be written is reported and leaves nothing behind.
it_status 1 admin report --scope Q11 --format xlsx --output "$T/no-such-dir/report.xlsx"
[ ! -e "$T/no-such-dir" ] || it_fail "a failed write made $T/no-such-dir"
echo "ok"
