#!/usr/bin/env bash
# The similarity search's tables are unlogged (sql/009): crash recovery
# empties them.  A reviewer still finds a similar initiative right after
# the crash (every title compared while the search is not filled), and the
# indexer queues every initiative again and fills it; a clean restart
# keeps it.  Runs on a cluster of its own, which it crashes.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin search_recovery
it_private_pg

it_config search_index_ms=3600000
it_server_start
it_operator
it_tree
cred=$(it_credential Q11-027)
op=$SANGKIEN_ADMIN_CREDENTIAL
A=$(it_uuid7) B=$(it_uuid7) C=$(it_uuid7)
probe "$ADDR" hello 1 "$cred" submit-batch Q11-027 \
	"$A=Số hóa hồ sơ đoàn viên công đoàn phường;$B=SO HOA HO SO DOAN VIEN CONG DOAN PHUONG 7;$C=Cải tiến bếp ăn ca đêm" \
	>"$T/a.out"
it_eq 3 "$(grep -c '^item [0-9] ITEM_ACCEPTED' "$T/a.out")" "three accepted"
it_server_stop

wait_indexed() { # COUNT
	for _ in $(seq 100); do
		[ "$(it_psql "SELECT count(*) FROM initiative_search")" = "$1" ] &&
			[ "$(it_psql "SELECT count(*) FROM initiative_search_pending")" = 0 ] && return 0
		sleep 0.2
	done
	it_fail "search index: $(it_psql "SELECT count(*) FROM initiative_search") indexed," \
		"$(it_psql "SELECT count(*) FROM initiative_search_pending") waiting, not $1 and 0"
}
similar_of() { probe "$ADDR" hello 1 "$op" similar "$1" 0; }
check_similar() { # WHEN
	local out
	out=$(similar_of "$B")
	grep -qE "^similar $A Q11-027 [0-9]+$" <<<"$out" || it_fail "B's similar list ($1): $out"
	grep -qF "$C" <<<"$out" && it_fail "an unrelated title listed as similar ($1): $out"
	return 0
}

it_config search_index_ms=200
it_server_start
wait_indexed 3
check_similar indexed

# A crash: the search tables come back empty; the held-back server finds
# the similar title all the same.
it_server_stop
it_pg_restart immediate
it_eq "0 0 0" "$(it_psql "SELECT (SELECT count(*) FROM initiative_search) || ' ' ||
	(SELECT count(*) FROM initiative_search_pending) || ' ' ||
	(SELECT count(*) FROM initiative_search_filled)")" "unlogged tables emptied by recovery"
it_config search_index_ms=3600000
it_server_start
check_similar "after the crash, not indexed"
it_server_stop

# The indexer queues everything again and fills the search.
it_config search_index_ms=200
it_server_start
wait_indexed 3
it_eq 1 "$(it_psql "SELECT count(*) FROM initiative_search_filled")" "the search is filled again"
check_similar "indexed again"

# A clean restart keeps the search as it is.
it_server_stop
it_pg_restart fast
it_eq "3 1" "$(it_psql "SELECT (SELECT count(*) FROM initiative_search) || ' ' ||
	(SELECT count(*) FROM initiative_search_filled)")" "a clean restart keeps the search"
echo "PASS search_recovery"
