#!/usr/bin/env bash
# deploy/quickstart.sh [start|stop|status] - a working sangkien on this
# machine in one command (Debian 12, as root or a user with sudo).
#
# start (default): installs missing Debian packages, builds into build/,
#   starts a private PostgreSQL cluster in deploy/run/pg (loopback only),
#   applies the schema, creates an administrator credential, builds the unit
#   tree VN > HCM > Q11 with District 11's 134 grassroots unions, starts
#   sangkiend, enrolls two unions (Q11-027 Phường 1, Q11-044 Bệnh viện),
#   stops the server, enters initiatives offline, starts the server again,
#   syncs both unions and prints their quotas and the district's progress;
#   sets the campaign's phases and District 11's targets (1,000: phase 1
#   200, phase 2 800), reviews one initiative and prints the report.
#   Server and database stay up; the end of the output says how to use them.
#   Running it again reuses everything in deploy/run (database, credential,
#   stores, port) and enters and syncs a few more initiatives.
# stop: stops the server and the database it started.
# status: says what is running.
# To start from scratch: deploy/quickstart.sh stop && rm -rf deploy/run
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/lib/packages.sh"
. "$ROOT/tests/lib/build.sh"
. "$ROOT/tests/lib/pg.sh"
. "$ROOT/tests/lib/server.sh"

RUN=$ROOT/deploy/run
BUILD=$ROOT/build
DBNAME=sangkien
UNITS_CSV=$ROOT/deploy/data/quan11-units.csv
# The two demo unions (Phường 1, Bệnh viện).
DEMO_UNITS=(Q11-027 Q11-044)

# Stop the sangkiend recorded in deploy/run, if it is still ours.
stop_server() {
	local pid
	pid=$(cat "$RUN/sangkiend.pid" 2>/dev/null || true)
	[ -n "$pid" ] || return 0
	if grep -q sangkiend "/proc/$pid/cmdline" 2>/dev/null; then
		sk_say "stopping sangkiend (pid $pid)"
		sk_stop_pid "$pid" 15 || true
	fi
	rm -f "$RUN/sangkiend.pid"
}

start_server() {
	local port=${1:-0}
	SK_SERVER_DETACH=1 sk_server_start "$SANGKIEND" "$RUN" "$CONNINFO" "$port" \
		--log-level info || sk_die "sangkiend did not start; see $RUN/sangkiend.log"
	echo "$SK_SERVER_PORT" >"$RUN/last-port"
	ADDR=127.0.0.1:$SK_SERVER_PORT
	sk_say "sangkiend listening on $ADDR (pid $SK_SERVER_PID, log $RUN/sangkiend.log)"
}

unit_client() { # UNIT ARGS...
	local unit=$1
	shift
	"$SANGKIEN" --store "$RUN/stores/$unit.db" "$@"
}

# A few initiatives per union, entered while the server is down.
enter_initiatives() {
	sk_say "entering initiatives offline"
	unit_client Q11-027 add --kind management --theme admin-reform \
		--title "Tiếp nhận hồ sơ đoàn viên bằng mã QR tại Phường 1" \
		--author "Nguyễn Thị Bích Ngọc|Chủ tịch công đoàn cơ sở" --author "Phạm Quốc Việt" \
		--summary "Đoàn viên quét mã QR để nộp hồ sơ, không phải đến trụ sở." \
		--effect "Rút ngắn thời gian tiếp nhận từ 3 ngày còn 1 ngày." \
		--applied-on 2022-05-19
	unit_client Q11-027 add --kind technical --theme covid \
		--title "Lịch trực phòng chống dịch Covid-19 trên điện thoại" \
		--author "Trần Minh Khoa|Cán bộ phường" \
		--summary "Lịch trực và danh sách liên hệ cập nhật tức thời cho tổ trực." \
		--effect "Không còn bỏ sót ca trực." --applied-on 2021-10-04
	unit_client Q11-044 add --kind scientific --theme workers-life \
		--title "Sắp xếp lại kho thuốc theo mã màu để giảm nhầm lẫn" \
		--author "Lê Thị Ngọc Ánh|Dược sĩ trưởng" --author "Võ Thành Lộc|Điều dưỡng" \
		--summary "Mỗi nhóm thuốc một màu nhãn; kệ xếp theo tần suất sử dụng." \
		--effect "Giảm 80% sai sót khi cấp phát thuốc." --applied-on 2022-03-01
}

cmd_start() {
	local pgdir port unit code uuid
	sk_install_packages
	sk_build "$ROOT" "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo
	SANGKIEND=$(sk_find_program "$BUILD" sangkiend)
	SANGKIEN=$(sk_find_program "$BUILD" sangkien)
	ADMIN=$(sk_find_program "$BUILD" sangkien-admin)
	mkdir -p "$RUN/stores"

	pgdir=$(sk_pg_start "$RUN/pg" deploy)
	sk_pg_load_env "$pgdir"
	if [ -z "$(psql -X -A -t -d postgres -v name="$DBNAME" \
		<<<"SELECT 1 FROM pg_database WHERE datname = :'name'")" ]; then
		createdb -E UTF8 -T template0 "$DBNAME"
		# Credentials and enrollments of an older database mean nothing here.
		rm -f "$RUN/admin.credential" "$RUN"/stores/*
	fi
	CONNINFO=$(sk_pg_conninfo "$DBNAME")
	sk_say "applying the schema"
	"$SANGKIEND" migrate --db "$CONNINFO"

	if [ ! -s "$RUN/admin.credential" ]; then
		sk_say "creating the first operator (administrator of the whole tree)"
		(umask 077 && "$SANGKIEND" create-operator --db "$CONNINFO" \
			--label "quickstart administrator" >"$RUN/admin.credential.tmp")
		mv "$RUN/admin.credential.tmp" "$RUN/admin.credential"
	fi

	stop_server
	port=$(cat "$RUN/last-port" 2>/dev/null || echo 0)
	if [ "$port" != 0 ] && sk_port_in_use "$port"; then
		sk_warn "port $port is taken now: the server gets a new one,"
		sk_warn "so the demo stores are enrolled again"
		rm -f "$RUN"/stores/*
		port=0
	fi
	start_server "$port"
	export SANGKIEN_ADMIN_SERVER=$ADDR
	ADMINC=("$ADMIN" --credential-file "$RUN/admin.credential")

	sk_say "unit tree VN > HCM > Q11"
	"${ADMINC[@]}" add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national
	"${ADMINC[@]}" add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province \
		--parent VN
	"${ADMINC[@]}" add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM
	sk_say "importing $UNITS_CSV under Q11"
	"${ADMINC[@]}" import-units --parent Q11 "$UNITS_CSV"
	sk_say "campaign phases and District 11's targets (plan 28/KH-LĐLĐ)"
	"${ADMINC[@]}" campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
		--phase "P1|Giai đoạn 1 (đến Tháng Công nhân)|2021-09-01|2022-05-31" \
		--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30"
	"${ADMINC[@]}" target set Q11 1000
	"${ADMINC[@]}" target set Q11 200 --phase P1
	"${ADMINC[@]}" target set Q11 800 --phase P2

	for unit in "${DEMO_UNITS[@]}"; do
		if [ -f "$RUN/stores/$unit.enrolled" ]; then
			sk_say "$unit: already enrolled (store $RUN/stores/$unit.db)"
			continue
		fi
		rm -f "$RUN/stores/$unit.db"*
		code=$("${ADMINC[@]}" enroll "$unit")
		sk_say "$unit: enrolling with one-time code $code"
		unit_client "$unit" enroll "$ADDR" "$code" --label "quickstart $unit"
		touch "$RUN/stores/$unit.enrolled"
	done

	sk_say "stopping the server: the unions work offline"
	stop_server
	enter_initiatives
	for unit in "${DEMO_UNITS[@]}"; do
		unit_client "$unit" list
	done

	sk_say "starting the server again"
	start_server "$SK_SERVER_PORT"
	for unit in "${DEMO_UNITS[@]}"; do
		sk_say "$unit: sync"
		unit_client "$unit" sync
		unit_client "$unit" list
		unit_client "$unit" quota
	done
	sk_say "district progress (Q11)"
	"${ADMINC[@]}" progress --scope Q11

	# Review the oldest initiative still waiting; the union sees the outcome
	# at its next sync.
	uuid=$("${ADMINC[@]}" review list --scope Q11-027 --status submitted --format tsv |
		awk -F'\t' 'NR == 2 { print $1 }')
	if [ -n "$uuid" ]; then
		sk_say "review of $uuid: start, recognize"
		"${ADMINC[@]}" review start "$uuid"
		"${ADMINC[@]}" review recognize "$uuid" --decision "15/QĐ-UBND" \
			--date "$(date +%F)" --by "Chủ tịch UBND Phường 1"
		sk_say "Q11-027: sync brings the recognition back"
		unit_client Q11-027 sync
		unit_client Q11-027 show "$uuid"
	fi
	sk_say "District 11's report"
	"${ADMINC[@]}" report --scope Q11

	cat <<-USAGE

	sangkien is running:
	  server    sangkiend on $ADDR (log: $RUN/sangkiend.log)
	  database  PostgreSQL in $pgdir (port $SK_PG_PORT, socket in $SK_PG_HOST)
	            psql "$CONNINFO"

	Operators (sangkien-admin):
	  export SANGKIEN_ADMIN_SERVER=$ADDR
	  export SANGKIEN_ADMIN_CREDENTIAL=\$(cat $RUN/admin.credential)
	  $ADMIN progress --scope Q11
	  $ADMIN enroll Q11-001
	  $ADMIN review list --scope Q11
	  $ADMIN report --scope Q11 --format html --output report.html

	Unions (sangkien), one store each:
	  export SANGKIEN_STORE=$RUN/stores/Q11-027.db    # or Q11-044.db
	  $SANGKIEN ui                                   # the office's page in the browser
	  $SANGKIEN add --title "..." --kind technical --author "Họ tên|Chức vụ" \\
	      --summary "..." --effect "..." --applied-on 2022-06-01
	  $SANGKIEN sync
	  $SANGKIEN quota

	A new union: code=\$($ADMIN enroll Q11-001)
	  $SANGKIEN --store /path/to/new.db enroll $ADDR "\$code"

	Stop everything: $ROOT/deploy/quickstart.sh stop
	USAGE
}

cmd_stop() {
	stop_server
	sk_pg_stop "$RUN/pg"
	sk_say "stopped"
}

cmd_status() {
	local pid
	pid=$(cat "$RUN/sangkiend.pid" 2>/dev/null || true)
	if [ -n "$pid" ] && grep -q sangkiend "/proc/$pid/cmdline" 2>/dev/null; then
		echo "sangkiend: running (pid $pid) on 127.0.0.1:$(cat "$RUN/last-port")"
	else
		echo "sangkiend: not running"
	fi
	if [ -d "$RUN/pg" ] && sk_pg_is_running "$(readlink -f "$RUN/pg")"; then
		echo "PostgreSQL: running in $(readlink -f "$RUN/pg")"
	else
		echo "PostgreSQL: not running"
	fi
}

case ${1:-start} in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' ;;
*) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
