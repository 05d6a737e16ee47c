# shellcheck shell=bash
# resume.sh - helpers of the tests that interrupt a sync (server killed,
# PostgreSQL restarted, client killed, connection cut) and then check that a
# rerun converges.  Source itest.sh first.
#
# The tests keep their own model of what the unit entered, in $T/model.tsv
# (uuid, title, withdrawn 0/1; one line per initiative), changed only through
# the helpers below, so the final check compares three independent views:
# the model, the client's store and the server's database.

# ---------------------------------------------------------------------------
# Processes.

# it_server_kill9: SIGKILL the server (no shutdown code runs at all).
it_server_kill9() {
	local pid=${SK_SERVER_PID:-}
	[ -n "$pid" ] || it_fail "it_server_kill9: no server running"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -f "$T/sangkiend.pid"
	SK_SERVER_PID=
}

# it_proxy_start ARGS...: (re)start sk-cutproxy in front of the server with
# ARGS, always on the same port (PROXY_PORT, kept from the first start),
# since a client keeps the address it enrolled with.  Its log is
# $T/proxy.log (rewritten at each start).
IT_PROXY_PID=
it_proxy_start() {
	it_proxy_stop
	rm -f "$T/proxy.port"
	"$SK_CUTPROXY" --target "$ADDR" --port-file "$T/proxy.port" \
		${PROXY_PORT:+--listen-port "$PROXY_PORT"} "$@" 2>"$T/proxy.log" &
	IT_PROXY_PID=$!
	IT_PIDS+=("$IT_PROXY_PID")
	sk_wait_file "$T/proxy.port" 10 || it_fail "sk-cutproxy did not start: $(cat "$T/proxy.log")"
	PROXY_PORT=$(cat "$T/proxy.port")
	PROXY=127.0.0.1:$PROXY_PORT
}
it_proxy_stop() {
	[ -n "$IT_PROXY_PID" ] || return 0
	kill "$IT_PROXY_PID" 2>/dev/null || true
	wait "$IT_PROXY_PID" 2>/dev/null || true
	IT_PROXY_PID=
}

# it_wait_log_count FILE REGEX N SECONDS: wait until FILE has at least N
# lines matching the extended REGEX.  Returns 1 on timeout.
it_wait_log_count() {
	local file=$1 re=$2 n=$3 seconds=$4 i
	for ((i = 0; i < seconds * 200; i++)); do
		[ "$(grep -cE -- "$re" "$file" 2>/dev/null || true)" -ge "$n" ] && return 0
		sleep 0.005
	done
	return 1
}

# ---------------------------------------------------------------------------
# A private PostgreSQL cluster, for the tests that restart PostgreSQL (the
# shared test cluster serves the other tests running in parallel).

# it_private_pg: start a cluster of its own for this test, point psql and
# the test's database (DB, CONNINFO) at it, and stop it at cleanup.
it_private_pg() {
	local dir db
	# The database it_begin made in the shared cluster is not used.
	for db in "${IT_DBS[@]}"; do
		dropdb --if-exists --force "$db" >/dev/null 2>&1
	done
	IT_DBS=()
	# Durable settings (the "deploy" profile): the shared test cluster runs
	# with synchronous_commit off, which loses acknowledged commits in a
	# crash (pg_ctl -m immediate) by design.
	dir=$(sk_pg_start "$T/pg" deploy 2>>"$T/pg-start.log") ||
		it_fail "private PostgreSQL cluster did not start (see pg-start.log)"
	IT_PG_DIR=$dir
	it_on_exit "sk_pg_stop '$T/pg' >/dev/null 2>&1; rm -rf '$dir'"
	sk_pg_load_env "$dir"
	DB=sk_private
	createdb -E UTF8 -T template0 "$DB" || it_fail "createdb $DB in the private cluster"
	CONNINFO=$(sk_pg_conninfo "$DB")
	"$SK_SANGKIEND" migrate --db "$CONNINFO" >>"$T/migrate.log" 2>&1 ||
		it_fail "sangkiend migrate failed on the private cluster (see migrate.log)"
}

# it_pg_restart MODE [PAUSE]: restart the private cluster (pg_ctl -m MODE:
# fast or immediate), staying down PAUSE seconds (default 0) in between.
it_pg_restart() {
	local mode=$1 pause=${2:-0} bin
	bin=$(sk_pg_bindir)
	sk_pg_as_owner "$bin/pg_ctl" stop -D "$IT_PG_DIR/data" -m "$mode" -w -t 60 \
		>>"$T/pg-ctl.log" 2>&1 || it_fail "pg_ctl stop -m $mode failed (see pg-ctl.log)"
	[ "$pause" = 0 ] || sleep "$pause"
	sk_pg_as_owner "$bin/pg_ctl" start -D "$IT_PG_DIR/data" -w -t 60 \
		-l "$IT_PG_DIR/postgres.log" -o "-p $SK_PG_PORT" >>"$T/pg-ctl.log" 2>&1 ||
		it_fail "PostgreSQL did not start again (see pg-ctl.log)"
}

# ---------------------------------------------------------------------------
# The unit's work, recorded in the model.

it_client_has() { # COMMAND: does this sangkien have the command?
	"$SK_SANGKIEN" "$1" --help >/dev/null 2>&1
}
it_sync_has() { # OPTION: does `sangkien sync` accept the option?
	"$SK_SANGKIEN" sync --help 2>/dev/null | grep -qF -- "$1"
}

# it_model_add STORE TITLE: enter an initiative; prints its uuid.
it_model_add() {
	local out uuid
	out=$(it_add "$1" "$2") || it_fail "sangkien add '$2' failed: $out"
	uuid=$(it_uuid_of "$out")
	[ -n "$uuid" ] || it_fail "sangkien add printed no uuid: $out"
	printf '%s\t%s\t0\n' "$uuid" "$2" >>"$T/model.tsv"
	echo "$uuid"
}

# it_local_id STORE UUID: the local number `sangkien` uses for the item.
it_local_id() {
	local id
	id=$(it_list_field "$1" "$2" id)
	[ -n "$id" ] || it_fail "no item $2 in $1"
	echo "$id"
}

_it_model_set() { # UUID COLUMN VALUE
	awk -F'\t' -v OFS='\t' -v u="$1" -v c="$2" -v v="$3" \
		'$1 == u { $c = v } { print }' "$T/model.tsv" >"$T/model.tsv.new"
	mv "$T/model.tsv.new" "$T/model.tsv"
}

# it_model_edit STORE UUID TITLE: change the title offline.
it_model_edit() {
	local out
	out=$(client "$1" edit "$(it_local_id "$1" "$2")" --title "$3" 2>&1) ||
		it_fail "sangkien edit of $2 failed: $out"
	_it_model_set "$2" 2 "$3"
}

# it_model_withdraw STORE UUID: withdraw the initiative offline.
it_model_withdraw() {
	local out
	out=$(client "$1" withdraw "$(it_local_id "$1" "$2")" \
		--reason "Đơn vị rút lại để bổ sung hồ sơ" 2>&1) ||
		it_fail "sangkien withdraw of $2 failed: $out"
	_it_model_set "$2" 3 1
}

# it_model_uuids [WITHDRAWN]: uuids of the model (only those whose
# withdrawn flag is WITHDRAWN when given).
it_model_uuids() {
	awk -F'\t' -v w="${1:-}" 'w == "" || $3 == w { print $1 }' "$T/model.tsv"
}

# ---------------------------------------------------------------------------
# Reruns and the final check.

# it_sync_until_done STORE MAX [SYNC ARGS...]: run `sangkien sync` until it
# exits 0, at most MAX times, waiting 0.25 s, 0.5 s, 1 s ... in between as
# a user running it again later would; every run before must exit 4.
it_sync_until_done() {
	local store=$1 max=$2 i rc pause=0.25
	shift 2
	for ((i = 1; i <= max; i++)); do
		if ((i > 1)); then
			sleep "$pause"
			pause=$(awk -v p="$pause" 'BEGIN { print p * 2 }')
		fi
		rc=0
		client "$store" sync "$@" >>"$T/client.log" 2>&1 || rc=$?
		case $rc in
		0) return 0 ;;
		4) ;;
		*) it_fail "rerun $i of sync exited $rc (expected 0, or 4 to try again)" ;;
		esac
	done
	it_fail "sync did not complete in $max runs"
}

# it_client_logged STORE ARGS...: the client with its output in client.log.
it_client_logged() { client "$@" >>"$T/client.log" 2>&1; }

# it_store_intact STORE: SQLite's own check of the store file.
it_store_intact() {
	local r
	r=$(sqlite3 "$1" 'PRAGMA integrity_check;' 2>&1) || it_fail "sqlite3 cannot open $1: $r"
	it_eq ok "$r" "integrity of the store $1"
}

# it_converged STORE UNIT: the server holds exactly the model's initiatives
# for UNIT, each once, with the latest title and the withdrawals; the
# client's list says the same with nothing left to send; the store's
# receipts (version, content hash) are the server's; no revision was
# stored twice; and one more sync changes nothing on the server.
it_converged() {
	local store=$1 unit=$2 want got cols before
	# Evidence for a failure: the client's view, shown by the cleanup.
	client "$store" list --format tsv >"$T/final-list.log" 2>&1 || true
	want=$(LC_ALL=C sort "$T/model.tsv")
	got=$(it_psql "SELECT i.uuid, i.title, (i.status = 'withdrawn')::int
		 FROM initiatives i JOIN units u ON u.id = i.unit_id
		 WHERE u.code = :'unit' ORDER BY i.uuid::text" unit="$unit" | tr '|' '\t')
	[ "$want" = "$got" ] || {
		diff <(echo "$want") <(echo "$got") >&2 || true
		diff <(echo "$want") <(echo "$got") | sed -n 's/^[<>] \([0-9a-f-]\{36\}\).*/\1/p' |
			sort -u | while read -r u; do
			echo "client: $(grep -F "$u" "$T/final-list.log")" >&2
			echo "server: $(it_psql "SELECT status, version FROM initiatives
				 WHERE uuid = :'u'::uuid" u="$u")" >&2
		done
		it_fail "server rows of $unit differ from what the unit entered (diff above: < model, > server)"
	}
	got=$(client "$store" list --format tsv | awk -F'\t' -v OFS='\t' 'NR > 1 { print $2, $4 }' |
		LC_ALL=C sort)
	[ "$(cut -f1,2 <<<"$want")" = "$got" ] || {
		diff <(cut -f1,2 <<<"$want") <(echo "$got") >&2 || true
		it_fail "the client's list differs from what the unit entered (diff above: < model, > list)"
	}
	got=$(client "$store" list --format tsv | awk -F'\t' 'NR > 1 && $3 ~ /pending/')
	[ -z "$got" ] || it_fail "items still pending after a complete sync: $got"
	# Receipts, where the store keeps them (columns version, content_sha256).
	cols=$(sqlite3 "$store" "SELECT group_concat(name) FROM pragma_table_info('initiatives')
		 WHERE name IN ('version', 'content_sha256')")
	if [ "$cols" = "version,content_sha256" ] || [ "$cols" = "content_sha256,version" ]; then
		want=$(sqlite3 -separator $'\t' "$store" "SELECT uuid, version,
			 lower(hex(content_sha256)) FROM initiatives ORDER BY uuid")
		got=$(it_psql "SELECT i.uuid, i.version, encode(i.content_sha256, 'hex')
			 FROM initiatives i JOIN units u ON u.id = i.unit_id
			 WHERE u.code = :'unit' ORDER BY i.uuid::text" unit="$unit" | tr '|' '\t')
		[ "$want" = "$got" ] || {
			diff <(echo "$want") <(echo "$got") >&2 || true
			it_fail "receipts in the store differ from the server (diff above: < store, > server)"
		}
	fi
	# Each revision once: no two consecutive revisions with the same
	# content (a resent edit stored again), the last one the current
	# content.  (Versions also count withdrawals, so they may exceed the
	# number of revisions.)
	if [ "$(it_psql "SELECT to_regclass('initiative_revisions') IS NOT NULL")" = t ]; then
		got=$(it_psql "SELECT i.uuid FROM initiatives i JOIN units u ON u.id = i.unit_id
			 WHERE u.code = :'unit' AND (
			   (SELECT r.content_sha256 FROM initiative_revisions r
			     WHERE r.initiative_id = i.id ORDER BY r.version DESC LIMIT 1)
			     IS DISTINCT FROM i.content_sha256
			   OR EXISTS (SELECT 1 FROM initiative_revisions r
			     WHERE r.initiative_id = i.id AND r.version > i.version)
			   OR EXISTS (SELECT 1 FROM (SELECT r.content_sha256, lag(r.content_sha256)
			       OVER (ORDER BY r.version) AS prev
			     FROM initiative_revisions r WHERE r.initiative_id = i.id) x
			     WHERE x.content_sha256 = x.prev))" \
			unit="$unit")
		[ -z "$got" ] || {
			it_psql "SELECT i.uuid, i.version AS current, r.version,
				 encode(r.content_sha256, 'hex') = encode(i.content_sha256, 'hex'), r.title
				 FROM initiatives i JOIN initiative_revisions r ON r.initiative_id = i.id
				 WHERE i.uuid::text = ANY (string_to_array(:'u', ' '))
				 ORDER BY i.uuid, r.version" u="$(echo $got)" >&2
			it_fail "initiatives whose revisions repeat or miss the current content: $got"
		}
	fi
	before=$(it_db_snapshot)
	it_status 0 it_client_logged "$store" sync
	it_eq "$before" "$(it_db_snapshot)" "database after one more sync"
	it_store_intact "$store"
}

# it_changes_mode: set IT_EDITS=1 when this sangkien can edit and withdraw
# (then the tests interrupt those too), else 0 with a note in the log.
it_changes_mode() {
	if it_client_has edit && it_client_has withdraw; then
		IT_EDITS=1
	else
		IT_EDITS=0
		it_note "sangkien has no edit/withdraw command: creations only"
	fi
}

# it_model_work STORE ROUND ADDS: ADDS new initiatives; then, when the
# client can (IT_EDITS=1), change the title of two live ones (a synced one
# and, often, one still waiting to be sent) and withdraw one every third
# round.  Titles never contain '|' or tabs (the checks split on them).
it_model_work() {
	local store=$1 r=$2 adds=$3 i n live
	for ((i = 1; i <= adds; i++)); do
		it_model_add "$store" "Sáng kiến vòng $r số $i: cải tiến dây chuyền đóng gói" >/dev/null
	done
	[ "${IT_EDITS:-0}" = 1 ] || return 0
	mapfile -t live < <(it_model_uuids 0)
	n=${#live[@]}
	[ "$n" -ge 3 ] || return 0
	it_model_edit "$store" "${live[$(((r * 7) % n))]}" \
		"Sáng kiến sửa ở vòng $r: giảm thời gian chờ của công nhân"
	it_model_edit "$store" "${live[$((n - 1))]}" \
		"Sáng kiến mới sửa ngay ở vòng $r: sắp xếp lại kho vật tư"
	if ((r % 3 == 0)); then
		it_model_withdraw "$store" "${live[$(((r * 5 + 2) % (n - 1)))]}"
	fi
}
