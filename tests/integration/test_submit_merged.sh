#!/usr/bin/env bash
# Submits of several units waiting for the pool at the same time are stored
# by ONE sk_submit_batch statement (server/item_batch.h, db.h's merge), each
# unit answered with its own items' outcomes and audited under its own
# credential; when that statement fails for one unit's item, nothing of it
# stays and each unit's batch runs again alone: the other unit's items are
# stored, the failing item alone is refused.  The submits are made to wait
# together by a lock on unit_feed held while they arrive, on a pool with one
# writing connection.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin submit_merged

it_config db_pool_size=2
it_server_start
it_operator
it_tree
admin add-unit Q11-050 "Công ty Ánh Dương" --level grassroots --parent Q11 \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q11-050"
A=$T/a.db B=$T/b.db C=$T/c.db
it_enroll Q11-050 "$A"
it_enroll Q11-027 "$B"
it_enroll Q11-044 "$C"

blocked() {
	it_psql "SELECT count(*) FROM pg_stat_activity
		 WHERE application_name = 'sangkiend' AND wait_event_type = 'Lock'"
}
submits() { grep -c "request [0-9]* submit\$" "$T/sangkiend.log" || true; }
# rush: A's sync blocks the one writing connection on the lock, B's and C's
# submits queue behind it; then the lock goes.  Leaves the syncs' statuses
# in rc_a rc_b rc_c.
rush() {
	local before i pa pb pc blocker
	before=$(submits)
	psql -X -q -d "$DB" -v ON_ERROR_STOP=1 \
		-c "SET application_name = 'blocker'" \
		-c "BEGIN" -c "LOCK TABLE unit_feed IN EXCLUSIVE MODE" \
		-c "SELECT pg_sleep(60)" >/dev/null 2>&1 &
	blocker=$!
	for i in $(seq 100); do
		[ "$(it_psql "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
			      WHERE a.application_name = 'blocker' AND l.granted
				AND l.relation = 'unit_feed'::regclass")" = 1 ] && break
		sleep 0.1
	done
	client "$A" sync >"$T/sync-a.out" 2>&1 &
	pa=$!
	for i in $(seq 100); do [ "$(blocked)" -ge 1 ] && break; sleep 0.1; done
	it_eq 1 "$(blocked)" "A's submit waits for the lock"
	client "$B" sync >"$T/sync-b.out" 2>&1 &
	pb=$!
	client "$C" sync >"$T/sync-c.out" 2>&1 &
	pc=$!
	for i in $(seq 100); do [ "$(submits)" -ge $((before + 3)) ] && break; sleep 0.1; done
	it_eq $((before + 3)) "$(submits)" "three submits arrived"
	it_eq 1 "$(blocked)" "B's and C's wait in the pool's queue"
	it_psql "SELECT pg_cancel_backend(pid) FROM pg_stat_activity
		 WHERE application_name = 'blocker'" >/dev/null
	wait "$blocker" || true
	rc_a=0 rc_b=0 rc_c=0
	wait "$pa" || rc_a=$?
	wait "$pb" || rc_b=$?
	wait "$pc" || rc_c=$?
}
# statuses A B C: the three syncs' exit statuses.
statuses() {
	it_eq "$1" "$rc_a" "A's sync status ($(cat "$T/sync-a.out"))"
	it_eq "$2" "$rc_b" "B's sync status ($(cat "$T/sync-b.out"))"
	it_eq "$3" "$rc_c" "C's sync status ($(cat "$T/sync-c.out"))"
}
# The transaction and command that stored an initiative.
stored_by() {
	it_psql "SELECT xmin || '/' || cmin FROM initiatives WHERE uuid = :'u'::uuid" u="$1"
}

# --- merged: B's and C's items in one statement, each answered -----------------
a1=$(it_uuid_of "$(it_add "$A" 'Quy trình kiểm kê kho')")
b1=$(it_uuid_of "$(it_add "$B" 'Sổ giao ca điện tử')")
b2=$(it_uuid_of "$(it_add "$B" 'Bảng phân công trực Tết')")
c1=$(it_uuid_of "$(it_add "$C" 'Phiếu khám bệnh điện tử')")
c2=$(it_uuid_of "$(it_add "$C" 'Lịch trực điều dưỡng trên điện thoại')")
rush
statuses 0 0 0
grep -q "db: 2 jobs merged into one" "$T/sangkiend.log" || it_fail "the server merged B's and C's jobs"
for u in "$b2" "$c1" "$c2"; do
	it_eq "$(stored_by "$b1")" "$(stored_by "$u")" "B's and C's items stored by one statement"
done
[ "$(stored_by "$a1")" != "$(stored_by "$b1")" ] || it_fail "A's submit ran before, alone"
for s in "$A:$a1" "$B:$b1" "$B:$b2" "$C:$c1" "$C:$c2"; do
	it_eq synced "$(it_list_field "${s%%:*}" "${s#*:}" state)" "item ${s#*:}"
	it_eq "$(it_list_field "${s%%:*}" "${s#*:}" record_id)" "$(it_db_field "${s#*:}" record_id)" \
		"the receipt of ${s#*:} is its own row"
done
it_eq 2 "$(it_db_initiative_count Q11-027)" "B's rows"
it_eq 2 "$(it_db_initiative_count Q11-044)" "C's rows"
# Each submission audited under its own unit's credential, its label the actor.
it_eq "5 5" "$(it_psql "SELECT count(*) || ' ' || count(*) FILTER (
			  WHERE c.unit_id = i.unit_id AND a.actor = c.label
			    AND a.actor_role = 'unit' AND a.action = 'initiative.submit')
			FROM audit_log a JOIN initiatives i ON i.id = a.initiative_id
			LEFT JOIN credentials c ON c.id = a.credential_id
			WHERE a.table_name = 'initiatives' AND a.operation = 'insert'")" \
	"audit rows of the submissions, each with its own credential"

# --- one unit's item fails in the database: each batch again alone -------------
it_refuse_titles
a3=$(it_uuid_of "$(it_add "$A" 'Thẻ kho bằng mã vạch')")
b3=$(it_uuid_of "$(it_add "$B" 'Tủ thuốc cấp cứu tại tổ')")
c3=$(it_uuid_of "$(it_add "$C" 'Sáng kiến LỖI CSDL')")
c4=$(it_uuid_of "$(it_add "$C" 'Phân luồng người bệnh buổi sáng')")
rush
statuses 0 0 3 # C: an item refused
grep -q "a transaction shared by 2 jobs failed, each runs again alone" "$T/sangkiend.log" ||
	it_fail "the merged statement failed and its jobs ran again alone"
it_eq synced "$(it_list_field "$B" "$b3" state)" "B's item, stored although C's failed"
it_eq synced "$(it_list_field "$C" "$c4" state)" "C's good item"
it_eq invalid "$(it_list_field "$C" "$c3" state)" "C's failing item"
it_contains "$(it_list_field "$C" "$c3" reason)" "SQLSTATE 23514" "its reason"
[ "$(stored_by "$b3")" != "$(stored_by "$c4")" ] || it_fail "B's and C's batches ran alone"
it_eq 3 "$(it_db_initiative_count Q11-027)" "B's rows"
it_eq 3 "$(it_db_initiative_count Q11-044)" "C's rows: the failing item not stored"
it_eq 1 "$(it_psql "SELECT count(*) FROM audit_log a JOIN initiatives i ON i.id = a.initiative_id
		    WHERE i.uuid = :'u'::uuid AND a.operation = 'insert'" u="$b3")" \
	"B's item audited once"
# Resent: nothing is stored twice.
for s in "$A" "$B" "$C"; do client "$s" sync >/dev/null 2>&1 || true; done
it_eq 3 "$(it_db_initiative_count Q11-027)" "B's rows after another sync"
it_eq 3 "$(it_db_initiative_count Q11-044)" "C's rows after another sync"

echo "submit merged: OK"
