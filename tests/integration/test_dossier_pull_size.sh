#!/usr/bin/env bash
# A pull carrying dossiers stays within the frame limit (PROTOCOL.md 1,
# 10.5): initiatives with the most files one may have (100), each with the
# longest Vietnamese name and label, reach a second device of the unit in
# pages that each fit max_frame_bytes, whole (every attachment there).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin dossier_pull_size

# A frame a little larger than one such initiative (about 66 KB), so that
# the three need several pages.
FRAME=100000
it_config max_frame_bytes=$FRAME
it_server_start
it_operator
it_tree
A=$(it_credential Q11-027)
dossier() { "$SK_DOSSIER" "$ADDR" "$@" 2>>"$T/dossier.err"; }
line() { grep -E "^$1( |$)" <<<"$2" | tail -n 1; }
# N characters of Vietnamese text with diacritics.
long_text() { # N
	local s="" unit="Quyết định công nhận sáng kiến cải tiến kỹ thuật năm hai nghìn "
	while [ "${#s}" -lt "$1" ]; do s+=$unit; done
	printf '%s' "${s:0:$1}"
}
NAME_BASE=$(long_text 245)
LABEL=$(long_text 200)

mkdir -p "$T/f"
shas=()
for ((i = 0; i < 100; i++)); do
	dz_make "$T/f/$i.png" png 200
	out=$(dossier "$A" upload "$T/f/$i.png" png)
	[ "$(line 'status commit' "$out" | cut -d' ' -f2-3)" = "commit OK" ] ||
		it_fail "upload $i: $out"
	shas+=("$(sha256sum "$T/f/$i.png" | cut -d' ' -f1)")
done
uuids=()
for ((k = 0; k < 3; k++)); do
	u=$(it_uuid7)
	[ "$(probe "$ADDR" hello 1 "$A" submit Q11-027 "$u" | sed -n 2p | cut -d" " -f3)" = \
		ITEM_ACCEPTED ] || it_fail "submit $k"
	uuids+=("$u")
	for ((i = 0; i < 100; i++)); do
		out=$(dossier "$A" attach "$u" 0 "${shas[$i]}" "$NAME_BASE $i.png" "$LABEL")
		[ "$(line change "$out" | cut -d' ' -f3)" = ACCEPTED ] ||
			it_fail "attach $i to initiative $k: $out"
	done
done
it_eq 300 "$(it_psql "SELECT count(*) FROM initiative_attachments WHERE detached_at IS NULL")" \
	"three initiatives of 100 files each"

# A second device of the unit pulls them.
pulls=$(grep -cE 'request [0-9]+ pull$' "$T/sangkiend.log" || true)
it_enroll Q11-027 "$T/b.db"
it_status 0 it_client_logged "$T/b.db" sync
pages=$(($(grep -cE 'request [0-9]+ pull$' "$T/sangkiend.log") - pulls))
if grep -q "does not fit" "$T/sangkiend.log"; then
	it_fail "an initiative was left out of the pull"
fi
total=0
for u in "${uuids[@]}"; do
	n=$(sqlite3 "$T/b.db" "SELECT length(server_copy) FROM initiatives WHERE uuid = '$u'")
	[ -n "$n" ] && [ "$n" -gt 50000 ] && [ "$n" -lt "$FRAME" ] ||
		it_fail "initiative $u arrived with ${n:-no} bytes of the server's copy"
	total=$((total + n))
done
# Pages of at most a frame each: at least as many as the bytes need.
[ "$pages" -ge $(((total + FRAME - 1) / FRAME)) ] ||
	it_fail "$total bytes of initiatives came in $pages pages of at most $FRAME bytes"
out=$(client "$T/b.db" show "$(it_list_field "$T/b.db" "${uuids[0]}" id)")
it_contains "$out" "$NAME_BASE 99.png" "the longest name, whole, on the second device"
echo "ok"
