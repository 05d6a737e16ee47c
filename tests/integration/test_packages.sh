#!/usr/bin/env bash
# The Debian packages built by the project (cpack, deploy/CMakeLists.txt):
# three packages with their dependencies, the server's conffile, user
# creation and unit; unpacked into an empty root, the packaged programs run
# a real server (telling readiness as sd_notify does), enroll and sync a
# unit; `systemd-analyze verify` accepts the unit.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin packages
[ -n "${SK_BUILD_DIR:-}" ] || it_fail "SK_BUILD_DIR is not set (run through ctest)"
for tool in cpack dpkg-deb dpkg-shlibdeps systemd-analyze; do
	command -v "$tool" >/dev/null || it_fail "$tool is missing (tests/lib/packages.sh)"
done

cpack -G DEB -B "$T/pkg" --config "$SK_BUILD_DIR/CPackConfig.cmake" >"$T/cpack.log" 2>&1 ||
	it_fail "cpack failed: $(tail -5 "$T/cpack.log")"
deb() { find "$T/pkg" -maxdepth 1 -name "$1_*.deb" | head -n 1; }
server=$(deb sangkien-server)
unit=$(deb sangkien)
admin_deb=$(deb sangkien-admin)
[ -n "$server" ] && [ -n "$unit" ] && [ -n "$admin_deb" ] ||
	it_fail "packages missing: $(ls "$T/pkg")"

# What each package holds and needs.
it_contains "$(dpkg-deb -c "$server")" "./usr/bin/sangkiend" "server package contents"
it_contains "$(dpkg-deb -c "$server")" "./usr/lib/systemd/system/sangkiend.service" "the unit"
it_contains "$(dpkg-deb -c "$server")" "./etc/sangkien/sangkiend.conf" "the config"
it_contains "$(dpkg-deb -c "$unit")" "./usr/bin/sangkien" "unit client package"
it_contains "$(dpkg-deb -c "$admin_deb")" "./usr/bin/sangkien-admin" "admin package"
deps=$(dpkg-deb -f "$server" Depends)
for d in libpq5 libevent adduser libssl3; do
	it_contains "$deps" "$d" "sangkien-server Depends"
done
it_contains "$(dpkg-deb -f "$unit" Depends)" "libsqlite3" "sangkien Depends"
dpkg-deb -e "$server" "$T/control"
it_eq "/etc/sangkien/sangkiend.conf" "$(cat "$T/control/conffiles")" "conffiles"
sh -n "$T/control/postinst" || it_fail "postinst does not parse"
it_contains "$(cat "$T/control/postinst")" "adduser --system --group" "postinst makes the user"

# An empty root with only the packages' files.
R=$T/root
for p in "$server" "$unit" "$admin_deb"; do dpkg-deb -x "$p" "$R"; done
svc=$R/usr/lib/systemd/system/sangkiend.service
for want in "Type=notify" "User=sangkien" "ProtectSystem=strict" "NoNewPrivileges=yes" \
	"LimitNOFILE=" "Restart=on-failure" "ExecStart=/usr/bin/sangkiend serve -c /etc/sangkien/sangkiend.conf"; do
	grep -qF -- "$want" "$svc" || it_fail "the unit lacks $want"
done
# verify checks that ExecStart exists: point it at the unpacked binary.
sed "s|/usr/bin/sangkiend|$R/usr/bin/sangkiend|" "$svc" >"$T/sangkiend.service"
systemd-analyze verify --man=no "$T/sangkiend.service" >"$T/verify.log" 2>&1 ||
	it_fail "systemd-analyze verify: $(cat "$T/verify.log")"

# The packaged programs, with the packaged config (database and ports for this test).
sed -e 's|^metrics_listen = .*|metrics_listen = 127.0.0.1:0|' "$R/etc/sangkien/sangkiend.conf" \
	>"$T/sangkiend.conf"
SK_SANGKIEND=$R/usr/bin/sangkiend SK_SANGKIEN=$R/usr/bin/sangkien SK_ADMIN=$R/usr/bin/sangkien-admin
it_new_db packaged
DB=$NEW_DB
CONNINFO=$(sk_pg_conninfo "$DB")
# Readiness as systemd (Type=notify) would receive it, on a datagram socket.
python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(20)
open(sys.argv[2], "w").write(s.recv(4096).decode())' "$T/notify.sock" "$T/notify.out" &
notify_pid=$!
IT_PIDS+=("$notify_pid")
sk_wait_path "$T/notify.sock" 10 || it_fail "no notify socket"
NOTIFY_SOCKET=$T/notify.sock it_server_start
wait "$notify_pid" || it_fail "no readiness message from sangkiend"
it_contains "$(cat "$T/notify.out")" "READY=1" "sd_notify readiness"
it_contains "$(cat "$T/notify.out")" "STATUS=listening on 127.0.0.1:0 (port $PORT)" "sd_notify status"
it_contains "$(cat "$T/sangkiend.log")" "metrics on http://127.0.0.1:" "the packaged config was read"
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
it_add "$T/a.db" 'Đèn LED cho nhà xưởng' >/dev/null
it_status 0 client "$T/a.db" sync
it_eq 1 "$(it_db_initiative_count Q11-027)" "synced through the packaged programs"
it_server_stop
echo "ok"
