#!/usr/bin/env bash
# The district office's console (`sangkien-admin ui`) in Chromium
# (playwright-core) against the real sangkiend and PostgreSQL: two
# districts, Q11 and Q5, with their own operators.  District 11's console
# shows on its dashboard the figures the database holds (queried here),
# readable when one unit is far ahead; its pages show nothing of District
# 5; a console whose server cannot be reached says so in Vietnamese.  The
# server pages progress one unit at a time, so the Units page is joined
# from several pages.
# Screenshots at 1366x768 are kept in $SK_SCREENSHOTS.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
. "$(dirname "$0")/../lib/browser.sh"
it_begin admin_console
# The page's local times, and the database's figures of them below.
export TZ=Asia/Ho_Chi_Minh

# Progress in pages of one unit: the Units page joins every page (its
# tree's levels from the first, each unit's node with its unit).
it_config progress_page_units=1
it_server_start
it_operator # the administrator of the whole tree
it_tree     # VN > HCM > Q11 {Q11-027 Phường 1: 2, Q11-044 Bệnh Viện: 5}
admin add-unit Q5 "Liên đoàn Lao động Quận 5" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q5"
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q5-001,Chợ Kim Biên,3' \
	'2,Q5-002,Trường Tiểu học Chương Dương,4' >"$T/q5.csv"
admin import-units --parent Q5 "$T/q5.csv" >>"$T/admin.log" 2>&1 || it_fail "import Q5"
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30" >>"$T/admin.log" 2>&1 ||
	it_fail "campaign put"
admin target set Q11 40 >>"$T/admin.log" 2>&1 || it_fail "target Q11"
admin target set Q11 25 --phase P1 >>"$T/admin.log" 2>&1 || it_fail "target Q11 P1"

# add_many STORE N TITLE_PREFIX: N initiatives entered from a file, synced.
add_many() {
	local store=$1 n=$2 prefix=$3 i
	{
		printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
		for i in $(seq 1 "$n"); do
			printf '%s số %d\t%s\tLê Văn Tám|Tổ trưởng\tTóm tắt %d.\tHiệu quả %d.\t2022-%02d-%02d\t%s\n' \
				"$prefix" "$i" "$([ $((i % 3)) -eq 0 ] && echo management || echo technical)" \
				"$i" "$i" $((i % 9 + 1)) $((i % 27 + 1)) \
				"$([ $((i % 2)) -eq 0 ] && echo production || echo covid)"
		done
	} >"$T/batch.tsv"
	client "$store" add --from-file "$T/batch.tsv" >>"$T/client.log" 2>&1 || it_fail "add --from-file"
	client "$store" sync >>"$T/client.log" 2>&1 || it_fail "sync $store"
}
# Phường 1 far ahead of its neighbour (24 against 1); District 5 has its own.
it_enroll Q11-027 "$T/p1.db"
add_many "$T/p1.db" 24 "Cải tiến quy trình tiếp nhận hồ sơ Phường 1"
it_enroll Q11-044 "$T/bv.db"
add_many "$T/bv.db" 1 "Sổ theo dõi ca trực Bệnh Viện"
it_enroll Q5-001 "$T/q5.db"
add_many "$T/q5.db" 3 "Sáng kiến chợ Kim Biên"
# Received over several weeks, as a real campaign is.
it_psql "UPDATE initiatives SET received_at = timestamptz '2022-03-07 09:00+07' + (id % 6) * interval '9 days'" >/dev/null
u1=$(client "$T/p1.db" list --format tsv | awk -F'\t' 'NR == 2 { print $2 }')
u2=$(client "$T/p1.db" list --format tsv | awk -F'\t' 'NR == 3 { print $2 }')
admin review start "$u1" "$u2" >>"$T/admin.log" 2>&1 || it_fail "review start"
admin review recognize "$u1" "$u2" --decision "12/QĐ-LĐLĐ" --date 2022-05-20 --by "Chủ tịch" \
	>>"$T/admin.log" 2>&1 || it_fail "review recognize"

# District 11's and District 5's operators, made through the protocol.
Q11_CRED=$(admin credential create --role operator --scope Q11 --label "Văn phòng LĐLĐ Quận 11" \
	2>>"$T/admin.log") || it_fail "credential create Q11"
Q5_CRED=$(admin credential create --role operator --scope Q5 --label "Văn phòng LĐLĐ Quận 5" \
	2>>"$T/admin.log") || it_fail "credential create Q5"

# What the database holds for District 11 (the current campaign counts
# from 2021-09-01; nothing here is withdrawn).
q11_sql="FROM initiatives i JOIN units u ON u.id = i.unit_id JOIN units p ON p.id = u.parent_id
	 WHERE p.code = 'Q11' AND i.applied_on >= DATE '2021-09-01'"
DB_SUBMITTED=$(it_psql "SELECT count(*) $q11_sql")
DB_RECOGNIZED=$(it_psql "SELECT count(*) $q11_sql AND i.status = 'recognized'")
DB_UNITS=$(it_psql "SELECT string_agg(u.code || '=' || coalesce(q.quota, 0) || '/' ||
	(SELECT count(*) FROM initiatives i WHERE i.unit_id = u.id AND i.applied_on >= DATE '2021-09-01'),
	',' ORDER BY u.code)
	FROM units u JOIN units p ON p.id = u.parent_id
	LEFT JOIN quotas q ON q.unit_id = u.id
	WHERE p.code = 'Q11' AND u.level = 'grassroots'")
DB_TARGET=$(it_psql "SELECT t.target FROM phase_targets t JOIN units u ON u.id = t.unit_id
	JOIN phases ph ON ph.id = t.phase_id WHERE u.code = 'Q11' AND ph.code = 'P1'" 2>/dev/null || true)
DB_DEVICES=$(it_psql "SELECT string_agg(u.code || '=' || (SELECT count(*) FROM credentials c
	WHERE c.unit_id = u.id AND c.role = 'unit' AND c.revoked_at IS NULL), ',' ORDER BY u.code)
	FROM units u JOIN units p ON p.id = u.parent_id WHERE p.code = 'Q11' AND u.level = 'grassroots'")
DB_SYNCS=$(it_psql "SELECT string_agg(u.code || '=' || coalesce(to_char(y.last_sync_at
	AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI'), 'chưa đồng bộ'), ',' ORDER BY u.code)
	FROM units u JOIN units p ON p.id = u.parent_id LEFT JOIN unit_syncs y ON y.unit_id = u.id
	WHERE p.code = 'Q11' AND u.level = 'grassroots'")
it_note "database: Q11 submitted $DB_SUBMITTED, recognized $DB_RECOGNIZED, units $DB_UNITS"
[ "$DB_SUBMITTED" -eq 25 ] || it_fail "the test's own data: 25 initiatives in Q11, got $DB_SUBMITTED"

export SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots}
export DB_SUBMITTED DB_RECOGNIZED DB_UNITS DB_DEVICES DB_SYNCS
# 1. District 11's console: the dashboard equals the database; nothing of
# District 5 anywhere.
SANGKIEN_ADMIN_CREDENTIAL=$Q11_CRED it_console_start q11
it_browser admin_console.js dashboard "$CONSOLE_URL" || it_fail "District 11's dashboard"
it_browser admin_console.js units "$CONSOLE_URL" || it_fail "District 11's units"
# The code issued on the page enrolls a second device of Bệnh Viện.
client "$T/bv2.db" enroll "$ADDR" "$(cat "$T/enroll-code")" >>"$T/client.log" 2>&1 ||
	it_fail "enroll with the code issued on the units page"
it_eq 2 "$(it_psql "SELECT count(*) FROM credentials c JOIN units u ON u.id = c.unit_id
	WHERE u.code = 'Q11-044' AND c.role = 'unit'")" "devices of Q11-044 after the page's code"
q11_units="SELECT id FROM units WHERE code = 'Q11' UNION
	SELECT c.id FROM units c JOIN units p ON p.id = c.parent_id WHERE p.code = 'Q11'"
DB_AUDIT=$(it_psql "SELECT count(*) FROM audit_log WHERE unit_id IN ($q11_units)")
DB_AUDIT_044=$(it_psql "SELECT count(*) FROM audit_log a JOIN units u ON u.id = a.unit_id
	WHERE u.code = 'Q11-044'")
export DB_AUDIT DB_AUDIT_044
it_browser admin_console.js audit "$CONSOLE_URL" || it_fail "District 11's audit trail"
it_browser admin_console.js print "$CONSOLE_URL" || it_fail "District 11's print view"
# The print view is the command's document: the same bytes but for the
# moment the figures were taken.
SANGKIEN_ADMIN_CREDENTIAL=$Q11_CRED admin report --format html --number 35 --date 2022-05-31 \
	--signer-title "Phó Chủ tịch" --signer "Phan Thị Minh Duyên" --recipient "Ban CSPL LĐLĐ TP" \
	--recipient "Lưu VT" --output "$T/report.html" 2>>"$T/admin.log" || it_fail "report --format html"
moment() { sed -E 's/Tính đến [0-9]{2}:[0-9]{2} ngày [0-9/]{10}/Tính đến …/' "$1"; }
[ "$(moment "$T/report.html")" = "$(moment "$T/print-raw.html")" ] ||
	it_fail "the print view differs from report --format html: $(diff <(moment "$T/report.html") <(moment "$T/print-raw.html") | head -n 5)"
pdftotext -layout "$T/print.pdf" "$T/print.txt" || it_fail "pdftotext of the print view"
for want in "BÁO CÁO" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Phan Thị Minh Duyên" "Bệnh Viện"; do
	grep -qF "$want" "$T/print.txt" || it_fail "the printed PDF lacks '$want'"
done
it_note "print view: $(pdfinfo "$T/print.pdf" | awk '/^Pages:/ { print $2 }') A4 pages"
it_browser admin_console.js isolation "$CONSOLE_URL" || it_fail "District 11 sees District 5"
it_console_stop

# 2. The administrator's console: the whole tree with its levels.
it_console_start admin
it_browser admin_console.js tree "$CONSOLE_URL" || it_fail "the administrator's unit tree"
it_console_stop

# 3. A console whose server is down says so on the page.
SANGKIEN_ADMIN_SERVER=127.0.0.1:1 SANGKIEN_ADMIN_CREDENTIAL=$Q5_CRED it_console_start down
it_browser admin_console.js unreachable "$CONSOLE_URL" || it_fail "the page without a server"
it_console_stop
it_note "screenshots in $SK_SCREENSHOTS"
echo "ok"
