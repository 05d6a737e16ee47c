#!/usr/bin/env bash
# Similarity search is indexed off the insert path (sk_search_index, every
# search_index_ms), and a reviewer still finds a similar initiative
# submitted a moment earlier: first with the indexer held back (the new
# titles only queued), then once the indexer has taken them in; a changed
# title is compared as it is now.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin similar_fresh

# Held back: nothing is indexed while the first half runs.
it_config search_index_ms=3600000
it_server_start
it_operator
it_tree
cred=$(it_credential Q11-027)
op=$SANGKIEN_ADMIN_CREDENTIAL
A=$(it_uuid7) B=$(it_uuid7) C=$(it_uuid7)
probe "$ADDR" hello 1 "$cred" \
	submit-text Q11-027 "$A" "Số hóa hồ sơ đoàn viên công đoàn phường" "Tóm tắt thứ nhất" \
	submit-text Q11-027 "$C" "Cải tiến bếp ăn ca đêm" "Tóm tắt thứ ba" >"$T/a.out"
it_eq 2 "$(grep -c '^item [0-9] ITEM_ACCEPTED' "$T/a.out")" "A and C accepted"
probe "$ADDR" hello 1 "$cred" \
	submit-text Q11-027 "$B" "SO HOA HO SO DOAN VIEN CONG DOAN PHUONG 7" "Tóm tắt khác" \
	>"$T/b.out"
grep -q '^item 0 ITEM_ACCEPTED' "$T/b.out" || it_fail "B not accepted: $(cat "$T/b.out")"
it_eq 0 "$(it_psql "SELECT count(*) FROM initiative_search")" "nothing indexed yet"
it_eq 3 "$(it_psql "SELECT count(DISTINCT initiative_id) FROM initiative_search_pending")" \
	"three titles waiting"

similar_of() { probe "$ADDR" hello 1 "$op" similar "$1" 0; }
out=$(similar_of "$B")
grep -qE "^similar $A Q11-027 [0-9]+$" <<<"$out" || it_fail "B's similar list (not indexed): $out"
grep -qF "$C" <<<"$out" && it_fail "an unrelated title listed as similar: $out"
out=$(similar_of "$A")
grep -qE "^similar $B Q11-027 [0-9]+$" <<<"$out" || it_fail "A's similar list (not indexed): $out"

# The indexer at its usual pace takes everything in.
it_server_stop
it_config search_index_ms=200
it_server_start
for _ in $(seq 50); do
	[ "$(it_psql "SELECT count(*) FROM initiative_search_pending")" = 0 ] && break
	sleep 0.2
done
it_eq 0 "$(it_psql "SELECT count(*) FROM initiative_search_pending")" "queue emptied"
it_eq 3 "$(it_psql "SELECT count(*) FROM initiative_search")" "three titles indexed"
out=$(similar_of "$B")
grep -qE "^similar $A Q11-027 [0-9]+$" <<<"$out" || it_fail "B's similar list (indexed): $out"
grep -qF "$C" <<<"$out" && it_fail "an unrelated title listed as similar (indexed): $out"

# A retitled initiative is compared by its new title at once.
probe "$ADDR" hello 1 "$cred" edit Q11-027 "$A" 1 "Cải tiến bếp ăn ca đêm cho công nhân" \
	>"$T/edit.out"
grep -q '^change 0 ITEM_ACCEPTED' "$T/edit.out" || it_fail "edit of A: $(cat "$T/edit.out")"
out=$(similar_of "$B")
grep -qF "$A" <<<"$out" && it_fail "A listed by its old title: $out"
out=$(similar_of "$C")
grep -qE "^similar $A Q11-027 [0-9]+$" <<<"$out" || it_fail "A not found by its new title: $out"
echo "PASS similar_fresh"
