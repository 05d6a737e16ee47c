#!/usr/bin/env bash
# import-units: the District 11 table as published is refused with every
# problem listed by line and nothing imported; the corrected table imports
# 134 units with a total quota of 300; importing it again changes nothing.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin import_units

published=$SK_SOURCE_DIR/tests/data/quan11-quota-allocation.csv
corrected=$SK_SOURCE_DIR/deploy/data/quan11-units.csv
[ -f "$published" ] || it_fail "published table not found at $published"
[ -f "$corrected" ] || it_fail "corrected table not found at $corrected"

it_server_start
it_operator
admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >/dev/null
admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN >/dev/null
admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM >/dev/null
it_eq 3 "$(it_db_unit_count)" "units after add-unit"

# The published file: refused locally, both problems named with their lines.
rc=0
err=$(admin import-units --parent Q11 "$published" 2>&1 >/dev/null) || rc=$?
it_eq 3 "$rc" "exit status for the published table"
name=$(basename "$published")
# Row number 82 twice (file line 84 holds the second), the company twice
# (file lines 104 and 134).
grep -qF "$name:84: stt:" <<<"$err" ||
	it_fail "duplicate row number 82 not reported at line 84: $err"
grep -qF "$name:134: don_vi:" <<<"$err" ||
	it_fail "duplicate unit name not reported at line 134: $err"
grep -qF "Đầm Sen" <<<"$err" || it_fail "the duplicate name is not quoted: $err"
it_eq 3 "$(it_db_unit_count)" "units after the refused import"
# --check finds the same problems.
it_status 3 admin import-units --parent Q11 --check "$published"

# The corrected file: --check sends nothing; then the import.
it_status 0 admin import-units --parent Q11 --check "$corrected"
it_eq 3 "$(it_db_unit_count)" "units after --check"
out=$(admin import-units --parent Q11 "$corrected") ||
	it_fail "import of the corrected table failed"
it_contains "$out" "300" "import output (total quota)"
it_eq 134 "$(it_db_grassroots_count Q11)" "grassroots units under Q11"
it_eq 300 "$(it_db_quota_total Q11)" "total quota under Q11"
it_eq "Phường 1" "$(it_db_unit_name Q11-027)" "name of Q11-027"
it_eq "Bệnh viện" "$(it_db_unit_name Q11-044)" "name of Q11-044"

# Progress lists every unit with its quota.
prog=$(admin progress --scope Q11 --format tsv)
it_eq 134 "$(grep -c '^Q11-' <<<"$prog")" "units in progress"
it_eq 300 "$(awk -F'\t' '/^Q11-/ { s += $3 } END { print s }' <<<"$prog")" "quota total in progress"

# A second import changes nothing.
before=$(it_db_units_snapshot)
admin import-units --parent Q11 "$corrected" >/dev/null || it_fail "second import failed"
it_eq "$before" "$(it_db_units_snapshot)" "units after the second import"

# The server checks too: an unknown parent imports nothing.
rc=0
admin import-units --parent NOPE "$corrected" >/dev/null 2>&1 || rc=$?
[ "$rc" -ne 0 ] || it_fail "import under an unknown parent succeeded"
it_eq "$before" "$(it_db_units_snapshot)" "units after an import under an unknown parent"
echo "ok"
