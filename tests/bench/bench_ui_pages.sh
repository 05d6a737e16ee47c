#!/usr/bin/env bash
# bench_ui_pages.sh - how long `sangkien ui` takes to answer its Home and
# List pages with 10,000 initiatives in the store (goal: under 100 ms each),
# beside a static asset fetched from the same server in the same run (the
# cost of the HTTP round trip itself).  Each figure is the median and the
# slowest of 20 requests with curl.  Fails only when a page does not answer
# or answers without its data, never on figures.
#
# Run through ctest (label "bench"); SK_BENCH_UI_ITEMS overrides the size.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
it_begin bench_ui
command -v curl >/dev/null || it_fail "curl is not installed (tests/lib/packages.sh installs it)"

N=${SK_BENCH_UI_ITEMS:-10000}
S=$T/store.db
{
	printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
	for ((i = 1; i <= N; i++)); do
		printf 'Cải tiến số %d: lắp đèn LED tiết kiệm điện ở xưởng %d\ttechnical\tTrần Văn Đức|Tổ trưởng;Lê Thị Ánh\tThay bóng đèn cũ bằng đèn LED ở nhà xưởng %d.\tGiảm 30%% tiền điện.\t2022-%02d-%02d\tproduction\n' \
			"$i" $((i % 50)) "$i" $((i % 12 + 1)) $((i % 28 + 1))
	done
} >"$T/items.tsv"
client "$S" add --from-file "$T/items.tsv" >/dev/null || it_fail "add --from-file of $N"
# Some need action, as after a real sync: refused with a reason.
sqlite3 "$S" "UPDATE initiatives SET state = 'invalid', refusal_field = 'title',
	refusal_reason = 'Trùng với sáng kiến đã gửi' WHERE id % 100 = 0" ||
	it_fail "marking items refused"

it_ui_start "$S"
C="Cookie: sk_web_$UI_PORT=${UI_URL##*k=}"

# measure NAME PATH CHECK: 20 requests; prints the median and the slowest.
measure() {
	local name=$1 path=$2 want=$3 times=() t out
	out=$(curl -sf -H "$C" "$UI_BASE$path") || it_fail "$path did not answer"
	grep -qF -- "$want" <<<"$out" || it_fail "$path answered without '$want'"
	for ((k = 0; k < 20; k++)); do
		t=$(curl -sf -o /dev/null -w '%{time_total}' -H "$C" "$UI_BASE$path") ||
			it_fail "$path did not answer"
		times+=("$t")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v n="$N" '
		{ t[NR] = $1 * 1000 }
		END { printf "ui %-34s %6.1f ms median, %6.1f ms slowest (%d initiatives)\n",
		      name, t[int((NR + 1) / 2)], t[NR], n }'
}

measure "baseline: /app.css (static)" /app.css ":root"
measure "Home (/api/home)" /api/home '"needs_total":'"$((N / 100))"
measure "List, first page (/api/items)" /api/items '"total":'"$N"
measure "List, search 'den led xuong 7'" "/api/items?q=den+led+xuong+7" '"items":['
measure "List, filter state=invalid" "/api/items?state=invalid" '"total":'"$((N / 100))"
it_ui_stop
echo "ok"
