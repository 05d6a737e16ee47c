# shellcheck shell=bash
# itest.sh - the frame of every integration test.  A test sources this file,
# calls it_begin, and then uses the helpers below.  Each test gets its own
# database in the shared test cluster, its own sangkiend on a free port, its
# own client stores and home directory, and everything is cleaned up by a
# trap, on success and on failure.
#
# Environment (set by tests/integration/CMakeLists.txt):
#   SK_SANGKIEND SK_SANGKIEN SK_ADMIN SK_PROBE SK_CUTPROXY  built programs
#   SK_PG_DIR      the test cluster's directory (started by the ctest fixture)
#   SK_SOURCE_DIR  the checkout

_it_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$_it_lib/common.sh"
# shellcheck source=pg.sh
. "$_it_lib/pg.sh"
# shellcheck source=server.sh
. "$_it_lib/server.sh"

IT_PIDS=()
# Commands run at cleanup before the databases are dropped (it_on_exit).
IT_ON_EXIT=()

it_fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

it_note() { printf -- '-- %s\n' "$*" >&2; }

_it_cleanup() {
	local rc=$? pid cmd
	set +e
	for pid in "${IT_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	[ -n "${SK_SERVER_PID:-}" ] && sk_server_stop "$T" >/dev/null 2>&1
	# Bounded: one that ignores SIGTERM is killed 10 s later (sk_stop_pid says so).
	for pid in "${IT_PIDS[@]}"; do
		sk_stop_pid "$pid" 10 >/dev/null
	done
	for cmd in "${IT_ON_EXIT[@]}"; do
		eval "$cmd"
	done
	if [ "$rc" -ne 0 ]; then
		echo "---- test failed (status $rc); logs from $T:" >&2
		for f in "$T"/*.log; do
			[ -f "$f" ] || continue
			echo "---- $f (last 40 lines)" >&2
			tail -n 40 "$f" >&2
		done
	fi
	for db in "${IT_DBS[@]}"; do
		dropdb --if-exists --force "$db" >/dev/null 2>&1
	done
	rm -rf "$T"
	exit "$rc"
}

# it_on_exit CMD: run the shell command CMD at cleanup (after the
# background programs are stopped, before the databases are dropped).
it_on_exit() { IT_ON_EXIT+=("$1"); }

# it_begin NAME [--no-db]: workspace, isolated environment and, unless
# --no-db (a test of the programs alone), a database with the schema.
it_begin() {
	local name=$1 db=${2:-}
	for v in SK_SANGKIEND SK_SANGKIEN SK_ADMIN SK_PROBE SK_CUTPROXY SK_PG_DIR SK_SOURCE_DIR; do
		[ -n "${!v:-}" ] || it_fail "environment variable $v is not set (run through ctest)"
	done
	T=$(mktemp -d "/tmp/sk-it-$name.XXXXXX")
	IT_DBS=()
	trap _it_cleanup EXIT
	trap 'exit 130' INT TERM
	sk_pg_load_env "$SK_PG_DIR"
	export HOME="$T/home" XDG_DATA_HOME="$T/home/data" XDG_CONFIG_HOME="$T/home/config"
	mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
	unset SANGKIEN_STORE SANGKIEN_ADMIN_SERVER SANGKIEN_ADMIN_CREDENTIAL
	if [ "$db" = --no-db ]; then
		it_note "test $name: workspace $T"
		return
	fi
	it_new_db "$name"
	DB=$NEW_DB
	CONNINFO=$(sk_pg_conninfo "$DB")
	it_note "test $name: workspace $T, database $DB"
}

# it_new_db NAME: a new migrated database, named in NEW_DB (dropped at exit).
it_new_db() {
	local db
	db="sk_it_$(echo "$1" | tr -c 'a-z0-9\n' '_')_$$_${#IT_DBS[@]}"
	createdb -E UTF8 -T template0 "$db" || it_fail "createdb $db"
	IT_DBS+=("$db")
	"$SK_SANGKIEND" migrate --db "$(sk_pg_conninfo "$db")" >>"$T/migrate.log" 2>&1 ||
		it_fail "sangkiend migrate failed on $db (see migrate.log)"
	NEW_DB=$db
}

# it_config KEY=VALUE...: write the server configuration used by
# it_server_start (small limits make the limit tests cheap).
it_config() {
	local kv
	: >"$T/sangkiend.conf"
	for kv in "$@"; do
		echo "${kv%%=*} = ${kv#*=}" >>"$T/sangkiend.conf"
	done
}

# it_server_start [PORT [CONNINFO]]: start sangkiend (port 0: a free one);
# sets ADDR.  Reusing the previous PORT lets stored client addresses stay
# valid across a restart.
it_server_start() {
	local port=${1:-0} conninfo=${2:-$CONNINFO} cfg=()
	[ -f "$T/sangkiend.conf" ] && cfg=(-c "$T/sangkiend.conf")
	sk_server_start "$SK_SANGKIEND" "$T" "$conninfo" "$port" \
		--log-level debug "${cfg[@]}" || it_fail "sangkiend did not start"
	PORT=$SK_SERVER_PORT
	ADDR=127.0.0.1:$PORT
	it_note "sangkiend pid $SK_SERVER_PID listening on $ADDR"
}

# it_server_stop: SIGTERM and require a clean exit (status 0).
it_server_stop() {
	local rc=0
	sk_server_stop "$T" || rc=$?
	SK_SERVER_PID=
	[ "$rc" -eq 0 ] || it_fail "sangkiend exited with status $rc after SIGTERM"
}

# it_uuid7: a new RFC 9562 version 7 uuid, for requests sent with sk-probe.
it_uuid7() {
	local hex r
	hex=$(printf '%012x' "$(date +%s%3N)")
	r=$(od -An -tx1 -N10 /dev/urandom | tr -d ' \n')
	printf '%s-%s-7%s-%x%s-%s\n' "${hex:0:8}" "${hex:8:4}" "${r:0:3}" \
		$(((0x${r:3:1} & 3) | 8)) "${r:4:3}" "${r:7:12}"
}

# Programs with the test's environment.
admin() { "$SK_ADMIN" "$@"; }
probe() { "$SK_PROBE" "$@"; }
# client STORE ARGS...: the unit client on its own store file.
client() {
	local store=$1
	shift
	"$SK_SANGKIEN" --store "$store" "$@"
}

# it_psql SQL [NAME=VALUE...]: one query on the test database, unaligned,
# no headers.  Values reach the query as psql variables (:'NAME'), quoted by
# psql, never pasted into the SQL text.
it_psql() {
	local sql=$1 kv vars=()
	shift
	for kv in "$@"; do
		vars+=(-v "$kv")
	done
	psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DB" "${vars[@]}" <<<"$sql"
}

# it_refuse_titles: a test-only trigger in the test's database that makes
# storing an initiative whose title holds "LỖI CSDL" fail (check_violation),
# as a constraint or a bug of the database would.
it_refuse_titles() {
	it_psql "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
	IF NEW.title LIKE '%LỖI CSDL%' THEN
		RAISE EXCEPTION 'test trigger refuses %', NEW.title USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END \$\$;
CREATE TRIGGER test_refuse BEFORE INSERT OR UPDATE ON initiatives
	FOR EACH ROW EXECUTE FUNCTION test_refuse();" >/dev/null
}

# Database facts the tests assert, kept here so the schema (sql/) is
# written down in one place of the test suite.
it_db_initiative_count() { # UNIT_CODE
	it_psql "SELECT count(*) FROM initiatives i JOIN units u ON u.id = i.unit_id
		 WHERE u.code = :'unit'" unit="$1"
}
it_db_field() { # UUID record_id|unit_code|title|summary|effect|authors
	local expr
	case $2 in
	record_id) expr="i.id::text" ;;
	unit_code) expr="u.code" ;;
	title | summary | effect) expr="i.$2" ;;
	authors) expr="(SELECT string_agg((a->>'name') || '|' || coalesce(a->>'position', ''),
			';' ORDER BY n)
			FROM jsonb_array_elements(i.authors) WITH ORDINALITY AS x(a, n))" ;;
	*) it_fail "it_db_field: unknown field $2" ;;
	esac
	it_psql "SELECT $expr FROM initiatives i JOIN units u ON u.id = i.unit_id
		 WHERE i.uuid = :'uuid'::uuid" uuid="$1"
}
# Every stored initiative with its receipt data: equal snapshots mean
# nothing was stored, changed or re-stamped in between.
it_db_snapshot() {
	it_psql "SELECT i.id, i.uuid, u.code, encode(i.content_sha256, 'hex'), i.version,
		 i.received_at, i.updated_at
		 FROM initiatives i JOIN units u ON u.id = i.unit_id ORDER BY i.id"
}
it_db_unit_count() { it_psql "SELECT count(*) FROM units"; }
# A digest of every table (rows in a stable order): equal digests mean
# nothing was written, the audit trail included.  The similarity search
# tables and the reports', units' and scopes' counters are left out:
# sangkiend fills them in the background from what was stored before (the
# search index, the report fold), whatever the request being checked.
it_db_digest() {
	it_psql "SELECT string_agg(c.relname || '=' || md5(query_to_xml(format(
			'SELECT md5(coalesce(string_agg(x::text, ''|'' ORDER BY x::text), '''')) AS h
			 FROM %I x', c.relname), false, true, '')::text), ' ' ORDER BY c.relname)
		 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		 WHERE n.nspname = 'public' AND c.relkind = 'r'
		   AND c.relname NOT IN ('initiative_search', 'initiative_search_pending',
					 'report_deltas', 'report_counts', 'unit_counts',
					 'unit_counts_basis', 'scope_counts')"
}
it_db_grassroots_count() { # PARENT_CODE
	it_psql "SELECT count(*) FROM units c JOIN units p ON p.id = c.parent_id
		 WHERE p.code = :'p' AND c.level = 'grassroots'" p="$1"
}
it_db_quota_total() { # PARENT_CODE, current campaign
	it_psql "SELECT coalesce(sum(q.quota), 0) FROM quotas q
		 JOIN units c ON c.id = q.unit_id JOIN units p ON p.id = c.parent_id
		 JOIN campaigns k ON k.id = q.campaign_id AND k.is_current
		 WHERE p.code = :'p'" p="$1"
}
it_db_unit_name() { it_psql "SELECT name FROM units WHERE code = :'c'" c="$1"; }
it_db_units_snapshot() {
	it_psql "SELECT u.code, u.name, u.level, u.parent_id, u.updated_at, q.quota, q.updated_at
		 FROM units u LEFT JOIN quotas q ON q.unit_id = u.id ORDER BY u.code"
}

# it_operator [SCOPE]: create an operator credential and point
# sangkien-admin at the server through its environment variables.
it_operator() {
	local args=()
	[ -n "${1:-}" ] && args=(--scope "$1")
	SANGKIEN_ADMIN_CREDENTIAL=$("$SK_SANGKIEND" create-operator --db "$CONNINFO" \
		--label "integration test" "${args[@]}" 2>>"$T/admin.log") ||
		it_fail "sangkiend create-operator failed"
	[ -n "$SANGKIEN_ADMIN_CREDENTIAL" ] || it_fail "create-operator printed nothing"
	export SANGKIEN_ADMIN_CREDENTIAL SANGKIEN_ADMIN_SERVER=$ADDR
}

# it_tree: the demo tree VN > HCM > Q11 and two grassroots units with their
# quotas (Q11-027 Phường 1: 2, Q11-044 Bệnh Viện: 5), imported from a CSV.
it_tree() {
	admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national \
		>>"$T/admin.log" 2>&1 || it_fail "add-unit VN"
	admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN \
		>>"$T/admin.log" 2>&1 || it_fail "add-unit HCM"
	admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM \
		>>"$T/admin.log" 2>&1 || it_fail "add-unit Q11"
	cat >"$T/two-units.csv" <<-'CSV'
		stt,ma_don_vi,don_vi,so_phan_bo
		27,Q11-027,Phường 1,2
		44,Q11-044,Bệnh Viện,5
	CSV
	admin import-units --parent Q11 "$T/two-units.csv" >>"$T/admin.log" 2>&1 ||
		it_fail "import-units of two units"
}

# it_enroll UNIT STORE: enroll a new client store for UNIT.
it_enroll() {
	local code
	code=$(admin enroll "$1" 2>>"$T/admin.log") || it_fail "sangkien-admin enroll $1"
	client "$2" enroll "$ADDR" "$code" >>"$T/client.log" 2>&1 ||
		it_fail "sangkien enroll $1 with code '$code'"
}

# it_credential UNIT: a unit credential for raw probes (enrolled through
# sk-probe so the test needs no knowledge of the client's store).
it_credential() {
	local code out
	code=$(admin enroll "$1" 2>>"$T/admin.log") || it_fail "sangkien-admin enroll $1"
	out=$(probe "$ADDR" hello 1 - enroll "$code")
	[ "$(sed -n 2p <<<"$out" | cut -d' ' -f1,2)" = "enroll_reply $1" ] ||
		it_fail "enrolling $1 through sk-probe answered: $out"
	sed -n 2p <<<"$out" | cut -d' ' -f3
}

# it_add STORE TITLE: enter one valid initiative offline; prints the output.
it_add() {
	client "$1" add --title "$2" --kind technical \
		--author "Trần Văn Đức|Tổ trưởng tổ bảo trì" --author "Lê Thị Ngọc Ánh" \
		--summary "Thay bóng đèn cũ bằng đèn LED tiết kiệm điện ở nhà xưởng." \
		--effect "Giảm 30% tiền điện mỗi tháng." --applied-on 2022-04-15 --theme production
}

# it_status EXPECTED CMD...: run CMD, require exit status EXPECTED.
it_status() {
	local want=$1 rc=0
	shift
	"$@" || rc=$?
	[ "$rc" -eq "$want" ] || it_fail "'$*' exited $rc, expected $want"
}

it_eq() {
	[ "$1" = "$2" ] || it_fail "$3: expected '$1', got '$2'"
}

# it_contains HAYSTACK NEEDLE WHAT
it_contains() {
	grep -qF -- "$2" <<<"$1" || it_fail "$3: '$2' not found in: $1"
}

# it_list_field STORE UUID COLUMN: one column of `sangkien list --format
# tsv` for the item with UUID (columns: id uuid state title kind applied_on
# record_id reason).
it_list_field() {
	local col
	case $3 in
	id) col=1 ;; uuid) col=2 ;; state) col=3 ;; title) col=4 ;; kind) col=5 ;;
	applied_on) col=6 ;; record_id) col=7 ;; reason) col=8 ;;
	*) it_fail "unknown list column $3" ;;
	esac
	client "$1" list --format tsv | awk -F'\t' -v u="$2" -v c="$col" \
		'NR > 1 && $2 == u { print $c }'
}

# it_uuid_of ADD_OUTPUT: the uuid printed by `sangkien add`.
it_uuid_of() {
	grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}' <<<"$1" | head -n 1
}

# it_background CMD...: run CMD in the background; stopped at cleanup.
it_background() {
	"$@" &
	IT_PIDS+=($!)
}

# it_wait_log TEXT [SECONDS]: wait until the server log contains TEXT.
it_wait_log() {
	local i
	for i in $(seq $((${2:-5} * 10))); do
		grep -qF -- "$1" "$T/sangkiend.log" && return 0
		sleep 0.1
	done
	it_fail "server log never said: $1"
}
