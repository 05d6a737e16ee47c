#!/usr/bin/env bash
# The official report of District 11 (134 units) printed to PDF by headless
# Chromium, as an office prints it: A4 portrait, the document's parts where
# Decree 30/2020/NĐ-CP puts them, margins, page numbers from page 2, table
# headers on every page, no row or chart cut across pages, no blank page,
# no page left half empty except where a part ends.  One unit far ahead of
# the others (Bệnh viện, 40 initiatives against a quota of 5) must not make
# the chart unreadable.  SK_KEEP_REPORT=DIR keeps the PDF and page images.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin report_print

for tool in chromium pdftotext pdfinfo pdffonts pdftoppm /usr/bin/python3; do
	command -v "$tool" >/dev/null 2>&1 ||
		it_fail "$tool is not installed (tests/lib/packages.sh installs it)"
done

it_server_start
it_operator
admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >>"$T/admin.log" 2>&1
admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN \
	>>"$T/admin.log" 2>&1
admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM \
	>>"$T/admin.log" 2>&1
admin import-units --parent Q11 "$SK_SOURCE_DIR/deploy/data/quan11-units.csv" \
	>>"$T/admin.log" 2>&1 || it_fail "import-units of District 11"
it_eq 134 "$(it_db_grassroots_count Q11)" "District 11's units"
admin campaign put MTSK "01 triệu sáng kiến - nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid - 19" \
	--counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1 (Tháng Công nhân)|2021-09-01|2022-05-31" \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30" >>"$T/admin.log" 2>&1
admin target set Q11 1000 >>"$T/admin.log" 2>&1
admin target set Q11 200 --phase P1 >>"$T/admin.log" 2>&1
admin target set Q11 800 --phase P2 >>"$T/admin.log" 2>&1

# Initiatives: the hospital far ahead, a few units with some, most none.
tsv_for() { # COUNT PREFIX
	local i
	printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
	for ((i = 1; i <= $1; i++)); do
		printf '%s số %d\t%s\tNguyễn Thị Thu Hà|Điều dưỡng trưởng\tTóm tắt sáng kiến %d.\tGiảm %d%% thời gian chờ.\t2022-%02d-%02d\t%s\n' \
			"$2" "$i" "$([ $((i % 3)) -eq 0 ] && echo technical || echo management)" \
			"$i" "$((i % 40 + 5))" "$((i % 5 + 1))" "$((i % 27 + 1))" \
			"$([ $((i % 2)) -eq 0 ] && echo covid || echo workers-life)"
	done
}
declare -A COUNT=([Q11-044]=40 [Q11-027]=3 [Q11-050]=2 [Q11-100]=6 [Q11-002]=1)
for unit in "${!COUNT[@]}"; do
	store=$T/$unit.db
	it_enroll "$unit" "$store"
	tsv_for "${COUNT[$unit]}" "Cải tiến quy trình tại $unit" >"$T/$unit.tsv"
	client "$store" add --from-file "$T/$unit.tsv" >>"$T/client.log" 2>&1 ||
		it_fail "add --from-file for $unit"
	client "$store" sync >>"$T/client.log" 2>&1 || it_fail "sync of $unit"
done
it_eq 52 "$(it_psql "SELECT count(*) FROM initiatives")" "initiatives stored"
mapfile -t some < <(it_psql "SELECT uuid FROM initiatives ORDER BY id LIMIT 4")
admin review start "${some[@]}" >>"$T/admin.log" 2>&1
admin review recognize "${some[@]}" --decision 12/QĐ-LĐLĐ --date 2022-05-20 \
	--by "Chủ tịch LĐLĐ Quận 11" >>"$T/admin.log" 2>&1 || it_fail "review recognize"

# The document's settings as plan 28/KH-LĐLĐ has them, from admin.conf.
mkdir -p "$XDG_CONFIG_HOME/sangkien"
cp "$SK_SOURCE_DIR/tests/data/quan11-report-document.conf" "$XDG_CONFIG_HOME/sangkien/admin.conf"
html=$T/bao-cao.html
pdf=$T/bao-cao.pdf
admin report --scope Q11 --format html --number 35 --date 31/05/2022 --output "$html" \
	2>>"$T/admin.log" || it_fail "report --format html"
it_status 2 admin report --format csv --signer "Ai đó"
it_status 2 admin report --format html --date 31/13/2022

timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$T/chrome" --no-pdf-header-footer --print-to-pdf="$pdf" \
	"file://$html" 2>>"$T/chromium.log" || it_fail "chromium --print-to-pdf failed"
[ -s "$pdf" ] || it_fail "no PDF"
[ -z "${SK_KEEP_REPORT:-}" ] || cp "$html" "$pdf" "$SK_KEEP_REPORT"/

info=$(pdfinfo "$pdf")
pages=$(awk '/^Pages:/ { print $2 }' <<<"$info")
grep -qE "^Page size: +59[45][.0-9]* x 841[.0-9]* pts \(A4\)" <<<"$info" || it_fail "not A4: $info"
fonts=$(pdffonts "$pdf")
grep -qE 'LiberationSerif|TimesNewRoman|NotoSerif|DejaVuSerif' <<<"$fonts" ||
	it_fail "no serif font with Vietnamese letters in the PDF: $fonts"
grep -qE 'Sans|Arial|Helvetica' <<<"$fonts" && it_fail "a sans-serif font in the PDF: $fonts"

# The text of each page (pdftotext separates pages with a form feed).
pdftotext -layout "$pdf" "$T/all.txt"
declare -a PAGE
mapfile -d $'\f' -t PAGE <"$T/all.txt"
flat() { tr -s ' \n' '  ' <<<"${PAGE[$1]}"; }
page_of() { # TEXT [FROM]: the first page (1-based) whose text holds TEXT
	local i
	for ((i = ${2:-1}; i <= pages; i++)); do
		grep -qF -- "$1" <<<"$(flat $((i - 1)))" && {
			echo "$i"
			return
		}
	done
	echo 0
}

# The heading's two columns read one after the other in raw order.
head1=$(pdftotext -raw -f 1 -l 1 "$pdf" - | tr -s ' \n' '  ')
for text in "LIÊN ĐOÀN LAO ĐỘNG TP HỒ CHÍ MINH LIÊN ĐOÀN LAO ĐỘNG QUẬN 11 Số: 35/BC-LĐLĐ" \
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Quận 11, ngày 31 tháng 5 năm 2022" \
	"BÁO CÁO Tiến độ thực hiện Chương trình “01 triệu sáng kiến"; do
	it_contains "$head1" "$text" "the heading of page 1"
done
p1=$(flat 0)
for text in "Chỉ tiêu của Liên đoàn Lao động Quận 11" "Tổng chỉ tiêu đã phân bổ cho 134"; do
	it_contains "$p1" "$text" "page 1"
done
# Both targets with their own rate: 52 of 1.000 and 52 of 300 (a cell's
# text may wrap, so what follows the name's first line is skipped).
grep -qE 'Chỉ tiêu của Liên đoàn Lao động Quận 11 1\.000 52 5,2% 4' <<<"$p1" ||
	it_fail "page 1: the district's target and its rate: $p1"
grep -qE 'phân bổ cho 134 [^0-9]*300 52 17,3% 4' <<<"$p1" ||
	it_fail "page 1: the units' quotas and their rate: $p1"
it_contains "$p1" "còn 700 chưa phân bổ" "page 1: the difference said"

# Page numbers: none on page 1, then 2, 3, ... alone at the top centre.
grep -qE '^\s*1\s*$' <<<"$(head -n 3 <<<"${PAGE[0]}")" && it_fail "page 1 is numbered"
for ((i = 2; i <= pages; i++)); do
	first=$(grep -m1 -vE '^\s*$' <<<"${PAGE[$((i - 1))]}" | tr -d ' ')
	it_eq "$i" "$first" "the number at the top of page $i"
done

# The signer block whole on one page, after the body.
sign=$(page_of "Nơi nhận:")
[ "$sign" -gt 0 ] || it_fail "no 'Nơi nhận:'"
for text in "TM. BAN THƯỜNG VỤ" "PHÓ CHỦ TỊCH" "Phan Thị Minh Duyên" "- Ban CSPL LĐLĐ TP;" \
	"- Lưu VT, CSPL."; do
	it_eq "$sign" "$(page_of "$text")" "page of '$text'"
done
annex1=$(page_of "TIẾN ĐỘ TỪNG CÔNG ĐOÀN CƠ SỞ")
annex2=$(page_of "CÁC CÔNG ĐOÀN CƠ SỞ CHƯA ĐẠT CHỈ TIÊU")
[ "$annex1" -gt "$sign" ] && [ "$annex2" -gt "$annex1" ] ||
	it_fail "the appendices (pages $annex1, $annex2) do not follow the signature (page $sign)"
it_contains "$(flat $((annex1 - 1)))" "Kèm theo Báo cáo số 35/BC-LĐLĐ ngày 31 tháng 5 năm 2022" \
	"appendix 1 names its report"

# Every unit in appendix 1, its row whole on one page; the header on every
# page of both appendices.
for ((i = annex1; i <= pages; i++)); do
	for h in STT "Công đoàn cơ sở" "Chỉ tiêu" "Đã gửi" "Tỷ lệ"; do
		it_contains "$(flat $((i - 1)))" "$h" "table header on page $i"
	done
done
n=0
while IFS=, read -r code _ name quota _; do
	name=${name#\"}
	name=${name%\"}
	found=0
	for ((i = annex1; i < annex2; i++)); do
		text=" $(flat $((i - 1))) "
		grep -qF -- " $code " <<<"$text" || continue
		# The cell may wrap the name: its words, all on this page, the first
		# right after the code.
		grep -qF -- " $code ${name%% *} " <<<"$text" ||
			it_fail "$code: its row does not start on page $i"
		for word in $name; do
			grep -qF -- " $word " <<<"$text" || it_fail "$code: '$word' is not on page $i"
		done
		grep -qE -- " $quota [0-9]+ [0-9]+ [0-9]+,[0-9]%" <<<"$text" ||
			it_fail "$code: no figures on page $i"
		found=$((found + 1))
	done
	it_eq 1 "$found" "pages of appendix 1 with $code"
	n=$((n + 1))
done < <(tail -n +2 "$SK_SOURCE_DIR/deploy/data/quan11-units.csv")
it_eq 134 "$n" "units checked"
it_contains "$(flat $((annex2 - 2)))" "Tổng cộng" "appendix 1 ends with its total"

# Charts whole: each figure's legend on the page of its caption.
for pair in "Chỉ tiêu giai đoạn|Biểu đồ 1." "Chỉ tiêu phân bổ|Biểu đồ 2." \
	"Số sáng kiến còn thiếu so với chỉ tiêu|Biểu đồ 3." "Nhận được|Biểu đồ 4."; do
	lp=$(page_of "${pair%%|*}")
	[ "$lp" -gt 0 ] || it_fail "no legend '${pair%%|*}'"
	it_eq "$lp" "$(page_of "${pair#*|}")" "the page of ${pair#*|} and its legend"
done
# The hospital is far ahead: its bar is cut and says so; the real figure stays.
it_contains "$(flat $(($(page_of "Biểu đồ 2.") - 1)))" "thanh dài nhất bị cắt bớt" "capped chart"
it_contains "$(flat $(($(page_of "Biểu đồ 2.") - 1)))" "40 / 5 (800,0%)" "the hospital's figure"

# Images of the pages: none blank, the margins Decree 30 asks for (left
# 30-35 mm, right 15-20 mm, top and bottom 20-25 mm), and no page left more
# than a third empty unless a part ends on it (the body, appendix 1, the end).
pdftoppm -gray -r 40 "$pdf" "$T/page"
[ -z "${SK_KEEP_REPORT:-}" ] || cp "$T"/page-*.pgm "$SK_KEEP_REPORT"/
mapfile -t stats < <(/usr/bin/python3 "$SK_SOURCE_DIR/tests/tools/page_stats.py" 40 "$T"/page-*.pgm)
it_eq "$pages" "${#stats[@]}" "page images"
for ((i = 1; i <= pages; i++)); do
	IFS=$'\t' read -r _ ink top bottom left right <<<"${stats[$((i - 1))]}"
	[ "$top" != - ] || it_fail "page $i is blank"
	awk -v v="$ink" 'BEGIN { exit !(v >= 5) }' || it_fail "page $i has almost no ink ($ink‰)"
	awk -v l="$left" -v r="$right" -v b="$bottom" 'BEGIN {
		exit !(l >= 29 && l <= 36 && r <= 195.5 && b <= 277.5) }' ||
		it_fail "page $i: printed area ${left}-${right} mm across, down to $bottom mm"
	# The page number sits in the top margin, the text below 20 mm.
	awk -v t="$top" -v p="$i" 'BEGIN { exit !(t >= (p == 1 ? 19 : 8)) }' ||
		it_fail "page $i: printing starts at $top mm"
	if [ "$i" -ne $((annex1 - 1)) ] && [ "$i" -ne $((annex2 - 1)) ] && [ "$i" -ne "$pages" ]; then
		awk -v b="$bottom" 'BEGIN { exit !(b >= 200) }' ||
			it_fail "page $i ends at $bottom mm: a third of it left empty"
	fi
done
it_note "report: $pages A4 pages (body to page $sign, appendix 1 from $annex1, appendix 2 from $annex2)"
# What the content needs: the body (headline, phases, 3 charts, 2 tables,
# weeks, signature) in at most 4 pages, 134 rows of appendix 1 in at most 5,
# appendix 2's rows (units behind) in at most 5.
[ "$sign" -le 4 ] || it_fail "the body takes $sign pages"
[ $((annex2 - annex1)) -le 5 ] || it_fail "appendix 1 takes $((annex2 - annex1)) pages"
[ $((pages - annex2 + 1)) -le 5 ] || it_fail "appendix 2 takes $((pages - annex2 + 1)) pages"

echo "ok"
