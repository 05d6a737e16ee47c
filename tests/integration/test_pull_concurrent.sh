#!/usr/bin/env bash
# Pull-sync never skips a change.  While a reader pulls one unit's feed page
# by page with its cursor, concurrent writers change that unit's
# initiatives: a transaction that took its feed number first and commits
# last (holding it open for seconds), one that began first and writes late,
# a burst of random updates from several sessions, and edits and
# withdrawals through the server.  At the end the version and status the
# reader saw last for every initiative must be the database's, and the
# late transactions' changes must have been delivered.  The writers here
# follow the server's lock order (sql/003: the unit's feed lock first).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin pull_concurrent

it_server_start
it_operator
it_tree
cred=$(it_credential Q11-027)
cred44=$(it_credential Q11-044)

out=$(probe "$ADDR" hello 1 "$cred" submit-n Q11-027 40)
it_eq 40 "$(grep -c '^item [0-9]* ITEM_ACCEPTED' <<<"$out")" "initiatives submitted"
out=$(probe "$ADDR" hello 1 "$cred44" submit-n Q11-044 5)
it_eq 5 "$(grep -c '^item [0-9]* ITEM_ACCEPTED' <<<"$out")" "other unit's initiatives"

unit_id=$(it_psql "SELECT id FROM units WHERE code = 'Q11-027'")
mapfile -t uuids < <(it_psql "SELECT uuid FROM initiatives WHERE unit_id = :'u' ORDER BY id" \
	u="$unit_id")
late=${uuids[0]}  # takes its feed number first, commits last
began=${uuids[1]} # begins first, writes late
burst_ids=$(it_psql "SELECT string_agg(id::text, ',') FROM initiatives
		     WHERE unit_id = :'u' AND uuid NOT IN (:'a'::uuid, :'b'::uuid)" \
	u="$unit_id" a="$late" b="$began")

# The reader: small pages, a new connection per page, until told to stop
# and a page taken after that says there is no more.
reader() {
	local cursor=0 stopping page end more
	: >"$T/seen"
	: >"$T/rounds"
	while :; do
		stopping=0
		[ -f "$T/stop" ] && stopping=1
		page=$(probe "$ADDR" hello 1 "$cred" pull-max "$cursor" 5) || return 1
		end=$(grep '^pull_end ' <<<"$page") || {
			echo "bad page: $page" >"$T/reader-error"
			return 1
		}
		grep '^pulled ' <<<"$page" >>"$T/seen" || true
		cursor=$(cut -d' ' -f2 <<<"$end")
		more=$(cut -d' ' -f3 <<<"$end")
		if [ -f "$T/late-holding" ] && [ ! -f "$T/late-committed" ]; then
			echo during-late >>"$T/rounds"
		else
			echo round >>"$T/rounds"
		fi
		[ "$stopping" = 1 ] && [ "$more" = 0 ] && break
	done
	echo "$cursor" >"$T/final-cursor"
}
reader &
reader_pid=$!
IT_PIDS+=("$reader_pid")

# wait_file PATH SECONDS: until a writer session reaches its marker.
wait_file() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		[ -f "$1" ] && return 0
		sleep 0.1
	done
	it_fail "$1 did not appear within $2 s"
}

# psql session in the background running a script file.
bg_psql() { # SCRIPT LOG
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f "$1" >"$2" 2>&1 &
	IT_PIDS+=($!)
	writers+=($!)
}
writers=()

# Began first, writes late: its snapshot and transaction id are the oldest.
cat >"$T/began.sql" <<-SQL
	BEGIN;
	SELECT txid_current();
	\! touch $T/began-open
	SELECT pg_sleep(2);
	SELECT sk_feed_lock($unit_id);
	UPDATE initiatives SET version = version + 1, updated_at = clock_timestamp(),
	       title = title || ' (bắt đầu trước)' WHERE uuid = '$began';
	SELECT pg_sleep(1);
	COMMIT;
	\! touch $T/began-committed
SQL
bg_psql "$T/began.sql" "$T/began.log"
wait_file "$T/began-open" 10

# Takes the unit's next feed number, then holds the transaction open while
# the others queue behind it and the reader keeps pulling.
cat >"$T/late.sql" <<-SQL
	BEGIN;
	SELECT sk_feed_lock($unit_id);
	UPDATE initiatives SET version = version + 1, updated_at = clock_timestamp(),
	       title = title || ' (xác nhận muộn)' WHERE uuid = '$late';
	\! touch $T/late-holding
	SELECT pg_sleep(3);
	COMMIT;
	\! touch $T/late-committed
SQL
bg_psql "$T/late.sql" "$T/late.log"
wait_file "$T/late-holding" 10

# The burst: several sessions of random single updates and short
# multi-row transactions.
for w in 1 2 3 4; do
	{
		pick="WHERE id = (SELECT id FROM unnest('{$burst_ids}'::bigint[]) AS x(id)
		      ORDER BY random() LIMIT 1)"
		for i in $(seq 1 25); do
			echo "BEGIN;"
			echo "SELECT sk_feed_lock($unit_id);"
			echo "UPDATE initiatives SET version = version + 1,
			      updated_at = clock_timestamp() $pick;"
			if [ $((i % 5)) = 0 ]; then
				echo "SELECT pg_sleep(random() * 0.05);"
				echo "UPDATE initiatives SET version = version + 1,
				      updated_at = clock_timestamp() $pick;"
			fi
			echo "COMMIT;"
		done
		# Noise in another unit's feed.
		echo "BEGIN;"
		echo "SELECT sk_feed_lock(id) FROM units WHERE code = 'Q11-044';"
		echo "UPDATE initiatives SET version = version + 1
		      WHERE unit_id = (SELECT id FROM units WHERE code = 'Q11-044');"
		echo "COMMIT;"
	} >"$T/burst$w.sql"
	bg_psql "$T/burst$w.sql" "$T/burst$w.log"
done

# Edits and withdrawals through the server, racing the burst (a stale
# base version is a conflict, which is fine: the point is the feed).
for i in 2 3 4 5 6 7; do
	u=${uuids[$i]}
	v=$(it_psql "SELECT version FROM initiatives WHERE uuid = :'u'" u="$u")
	probe "$ADDR" hello 1 "$cred" edit Q11-027 "$u" "$v" "Sáng kiến sửa lần $i" \
		>>"$T/server-writes.log" 2>&1
done
for i in 8 9 10; do
	probe "$ADDR" hello 1 "$cred" withdraw "${uuids[$i]}" 0 "Rút lại: trùng với sáng kiến khác" \
		>>"$T/server-writes.log" 2>&1
done

for pid in "${writers[@]}"; do
	wait "$pid" || it_fail "a writer session failed (see the *.log files)"
done
[ -f "$T/late-committed" ] || it_fail "the late transaction did not commit"
[ -f "$T/began-committed" ] || it_fail "the early transaction did not commit"
touch "$T/stop"
wait "$reader_pid" || it_fail "the reader failed: $(cat "$T/reader-error" 2>/dev/null)"

it_note "reader: $(wc -l <"$T/rounds") pages, $(grep -c during-late "$T/rounds" || true) while" \
	"the late transaction held its number; $(wc -l <"$T/seen") initiatives pulled"
[ "$(grep -c during-late "$T/rounds" || true)" -ge 1 ] ||
	it_fail "the reader never pulled while the late transaction was open"
grep -q 'ITEM_ACCEPTED\|ITEM_CONFLICT' "$T/server-writes.log" ||
	it_fail "no edit reached the server: $(cat "$T/server-writes.log")"

# What the reader saw last for each initiative, against the database.
seen_last=$(awk '{ last[$2] = $3 " " $4 } END { for (u in last) print u, last[u] }' "$T/seen" |
	sort)
db_now=$(it_psql "SELECT uuid || ' ' || version || ' ' || upper(status) FROM initiatives
		  WHERE unit_id = :'u' ORDER BY uuid::text" u="$unit_id")
if [ "$seen_last" != "$db_now" ]; then
	diff <(echo "$db_now") <(echo "$seen_last") >&2 || true
	it_fail "the reader's last view differs from the database (< database, > reader)"
fi
it_eq 40 "$(wc -l <<<"$seen_last")" "initiatives the reader knows"

# The late transactions' changes were delivered as such.
late_v=$(it_psql "SELECT version FROM initiatives WHERE uuid = :'u'" u="$late")
began_v=$(it_psql "SELECT version FROM initiatives WHERE uuid = :'u'" u="$began")
it_eq 2 "$late_v" "version after the late commit"
it_eq 2 "$began_v" "version after the early-begun commit"
grep -q "^pulled $late 2 " "$T/seen" || it_fail "the late-committed change was never pulled"
grep -q "^pulled $began 2 " "$T/seen" || it_fail "the early-begun change was never pulled"

# Only the caller's unit, and the cursor is the unit's last feed number.
other=$(it_psql "SELECT count(*) FROM initiatives i JOIN units u ON u.id = i.unit_id
		 WHERE u.code = 'Q11-044' AND i.uuid::text = ANY (string_to_array(:'s', ' '))" \
	s="$(cut -d' ' -f2 "$T/seen" | sort -u | tr '\n' ' ')")
it_eq 0 "$other" "initiatives of another unit pulled"
it_eq "$(it_psql "SELECT max(feed_seq) FROM initiatives WHERE unit_id = :'u'" u="$unit_id")" \
	"$(cat "$T/final-cursor")" "final cursor"

# A pull from the final cursor is empty and ends the sync with the quota.
out=$(probe "$ADDR" hello 1 "$cred" pull "$(cat "$T/final-cursor")")
it_eq "pull_end $(cat "$T/final-cursor") 0 0" "$(sed -n 2p <<<"$out")" "pull at the end"
it_eq "pull_quota Q11-027 2 37 0" "$(sed -n 3p <<<"$out")" "quota on the last page"
echo "ok"
