#!/usr/bin/env bash
# The Windows sangkien-admin.exe under Wine against the Linux sangkiend and
# the private PostgreSQL: the district's tree with Vietnamese names, the
# corrected District 11 table (deploy/data/quan11-units.csv) imported from a
# file named in Vietnamese (134 units, quota 300; a second import changes
# nothing), a unit's initiative synced by sangkien.exe, and the report
# written to a Vietnamese file name: the same document, byte for byte, as
# the Linux sangkien-admin writes (but for the time it was made).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin wine_admin
LINUX_ADMIN=${SK_LINUX_ADMIN:?SK_LINUX_ADMIN: the Linux sangkien-admin, to compare reports}

it_server_start
it_operator
admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >/dev/null ||
	it_fail "add-unit VN"
admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN \
	>/dev/null || it_fail "add-unit HCM"
admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM >/dev/null ||
	it_fail "add-unit Q11"
it_eq "Liên đoàn Lao động Quận 11" "$(it_db_unit_name Q11)" "name of Q11 in the database"

TABLE="$T/Bảng phân bổ Quận 11 (đã sửa).csv"
cp "$SK_SOURCE_DIR/deploy/data/quan11-units.csv" "$TABLE"
it_status 0 admin import-units --parent Q11 --check "$TABLE"
it_eq 3 "$(it_db_unit_count)" "units after --check"
out=$(admin import-units --parent Q11 "$TABLE") || it_fail "import-units of the corrected table"
it_contains "$out" "300" "import output (total quota)"
it_eq 134 "$(it_db_grassroots_count Q11)" "grassroots units under Q11"
it_eq 300 "$(it_db_quota_total Q11)" "total quota under Q11"
it_eq "Phường 1" "$(it_db_unit_name Q11-027)" "name of Q11-027"
it_eq "Bệnh viện" "$(it_db_unit_name Q11-044)" "name of Q11-044"
before=$(it_db_units_snapshot)
admin import-units --parent Q11 "$TABLE" >/dev/null || it_fail "second import"
it_eq "$before" "$(it_db_units_snapshot)" "units after the second import"

# One initiative from a Windows unit, so the report has something to count.
code=$(admin enroll Q11-027) || it_fail "enroll Q11-027"
client "$T/q11-027.db" enroll "$ADDR" "$code" >"$T/client.log" 2>&1 || it_fail "sangkien.exe enroll"
it_add "$T/q11-027.db" "Cải tiến bảng theo dõi sáng kiến của Phường 1" >/dev/null ||
	it_fail "sangkien.exe add"
it_status 0 client "$T/q11-027.db" sync
it_eq 1 "$(it_db_initiative_count Q11-027)" "initiatives of Q11-027"

prog=$(admin progress --scope Q11 --format tsv) || it_fail "progress"
it_eq 134 "$(grep -c '^Q11-' <<<"$prog")" "units in progress"
it_eq 300 "$(awk -F'\t' '/^Q11-/ { s += $3 } END { print s }' <<<"$prog")" "quota in progress"

# The report, to a file named in Vietnamese and to the console.
REPORT="$T/Báo cáo tiến độ Quận 11.csv"
admin report --scope Q11 --format csv --output "$REPORT" || it_fail "report --output"
[ -s "$REPORT" ] || it_fail "no report at $REPORT"
it_eq efbbbf "$(head -c 3 "$REPORT" | od -An -tx1 | tr -d ' \n')" "UTF-8 BOM of the CSV report"
grep -qF "Phường 1" "$REPORT" || it_fail "the report lacks the unit names"
ls "$T" | grep -q 'tmp-' && it_fail "a temporary file was left beside the report"
"$LINUX_ADMIN" report --scope Q11 --format csv --output "$T/linux.csv" ||
	it_fail "the Linux sangkien-admin report"
# Both say when they were made; everything else is the same bytes.
undated() { grep -avE '[0-9]{2}:[0-9]{2}' "$1"; }
it_eq "$(undated "$T/linux.csv" | od -An -tx1)" "$(undated "$REPORT" | od -An -tx1)" \
	"report of sangkien-admin.exe against the Linux one"
table=$(admin report --scope Q11 --format table) || it_fail "report --format table"
it_contains "$table" "Phường 1" "table report on the console"
it_contains "$table" "300" "table report total quota"
echo "ok"
