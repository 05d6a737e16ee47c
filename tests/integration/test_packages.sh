#!/usr/bin/env bash
# The Debian packages built by the project (cpack, deploy/CMakeLists.txt):
# three packages with their dependencies, the server's conffile, user
# creation and unit.  Installed with apt into a fresh Debian 12 root
# (debootstrap minbase, tests/lib/debian_root.sh), the installed programs,
# chrooted there, migrate the harness's database, run a real server as the
# system user the package made (telling readiness as sd_notify does), enroll
# and sync a unit; `systemd-analyze verify` accepts the installed unit.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/debian_root.sh"
it_begin packages
[ -n "${SK_BUILD_DIR:-}" ] || it_fail "SK_BUILD_DIR is not set (run through ctest)"
for tool in cpack dpkg-deb dpkg-shlibdeps systemd-analyze debootstrap unshare; do
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

# A fresh Debian 12 root; the packages installed there as an administrator
# would, their dependencies from the Debian archive.
t0=$(date +%s)
tar=$(sk_debian_root_tar "$SK_SOURCE_DIR/build/debian-root")
R=$T/root
sk_debian_root_unpack "$tar" "$R"
mkdir -p "$R/tmp/debs"
cp "$server" "$unit" "$admin_deb" "$R/tmp/debs/"
t1=$(date +%s)
sk_in_root "$R" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	"/tmp/debs/$(basename "$server")" "/tmp/debs/$(basename "$unit")" \
	"/tmp/debs/$(basename "$admin_deb")" >"$T/apt-install.log" 2>&1 ||
	it_fail "apt-get install of the packages failed: $(tail -n 20 "$T/apt-install.log")"
it_note "root ready in $((t1 - t0)) s, packages installed in $(($(date +%s) - t1)) s"
for p in sangkien-server sangkien sangkien-admin; do
	it_eq "install ok installed" "$(sk_in_root "$R" dpkg-query -W -f='${Status}' "$p")" "$p in the root"
done
sk_in_root "$R" getent passwd sangkien >/dev/null || it_fail "the package made no user sangkien"
it_eq "640 root sangkien" "$(sk_in_root "$R" stat -c '%a %U %G' /etc/sangkien/sangkiend.conf)" \
	"the installed config's mode and owner"

svc=$R/usr/lib/systemd/system/sangkiend.service
for want in "Type=notify" "User=sangkien" "ProtectSystem=strict" "NoNewPrivileges=yes" \
	"LimitNOFILE=" "Restart=on-failure" "ExecStart=/usr/bin/sangkiend serve -c /etc/sangkien/sangkiend.conf"; do
	grep -qF -- "$want" "$svc" || it_fail "the unit lacks $want"
done
# verify checks that ExecStart exists: point it at the installed binary.
sed "s|/usr/bin/sangkiend|$R/usr/bin/sangkiend|" "$svc" >"$T/sangkiend.service"
systemd-analyze verify --man=no "$T/sangkiend.service" >"$T/verify.log" 2>&1 ||
	it_fail "systemd-analyze verify: $(cat "$T/verify.log")"

# The installed config, pointed at the harness's PostgreSQL over TCP with a
# password (the root's user sangkien is not the cluster's owner) and at free
# ports; everything else as packaged.
createdb -E UTF8 -T template0 sk_it_packaged_$$ || it_fail "createdb"
IT_DBS+=("sk_it_packaged_$$")
DB=sk_it_packaged_$$
conf=$R/etc/sangkien/sangkiend.conf
pw=$(tr -d '\n' <"$SK_PG_HOST/password")
sed -i -e "s|^db = .*|db = hostaddr=127.0.0.1 port=$SK_PG_PORT user=$SK_PG_USER password=$pw dbname=$DB|" \
	-e 's|^listen = .*|listen = 127.0.0.1:0|' -e 's|^metrics_listen = .*|metrics_listen = 127.0.0.1:0|' "$conf"
as_sangkien() { sk_in_root "$R" --userspec=sangkien:sangkien "$@"; }
as_sangkien /usr/bin/sangkiend migrate -c /etc/sangkien/sangkiend.conf >"$T/migrate.log" 2>&1 ||
	it_fail "the installed sangkiend could not migrate: $(tail -5 "$T/migrate.log")"

# Readiness as systemd (Type=notify) would receive it, on a datagram socket
# the chrooted server reaches as /run/notify.sock.
python3 -c 'import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o777)
s.settimeout(20)
open(sys.argv[2], "w").write(s.recv(4096).decode())' "$R/run/notify.sock" "$T/notify.out" &
notify_pid=$!
IT_PIDS+=("$notify_pid")
sk_wait_path "$R/run/notify.sock" 10 || it_fail "no notify socket"
NOTIFY_SOCKET=/run/notify.sock as_sangkien /usr/bin/sangkiend serve -c /etc/sangkien/sangkiend.conf \
	--port-file /tmp/sangkiend.port </dev/null >>"$T/sangkiend.log" 2>&1 &
shell_pid=$! # the subshell running as_sangkien; its child becomes sangkiend
IT_PIDS+=("$shell_pid")
sk_wait_file "$R/tmp/sangkiend.port" 20 || it_fail "the installed sangkiend did not start"
server_pid=$(ps -o pid= --ppid "$shell_pid" | tr -d ' ')
it_eq sangkiend "$(cat "/proc/$server_pid/comm")" "the server's process"
IT_PIDS+=("$server_pid")
ADDR=127.0.0.1:$(tr -d '[:space:]' <"$R/tmp/sangkiend.port")
wait "$notify_pid" || it_fail "no readiness message from sangkiend"
it_contains "$(cat "$T/notify.out")" "READY=1" "sd_notify readiness"
it_contains "$(cat "$T/notify.out")" "STATUS=listening on 127.0.0.1:0 (port ${ADDR#*:})" "sd_notify status"
it_contains "$(cat "$T/sangkiend.log")" "metrics on http://127.0.0.1:" "the installed config was read"
uid=$(sk_in_root "$R" id -u sangkien)
it_eq "$uid" "$(awk '$1 == "Uid:" { print $3 }' "/proc/$server_pid/status")" \
	"sangkiend runs as the package's user (effective uid)"

# The installed clients, chrooted too (the test's directory seen inside),
# against the installed server.
admin() { sk_in_root "$R" --bind="$T" env HOME=/root XDG_CONFIG_HOME=/root/.config /usr/bin/sangkien-admin "$@"; }
client() {
	local store=$1
	shift
	sk_in_root "$R" --bind="$T" env HOME=/root XDG_DATA_HOME=/root/.local/share /usr/bin/sangkien --store "$store" "$@"
}
SANGKIEN_ADMIN_CREDENTIAL=$(as_sangkien /usr/bin/sangkiend create-operator \
	-c /etc/sangkien/sangkiend.conf --label "Quản trị" 2>>"$T/admin.log") ||
	it_fail "create-operator with the installed sangkiend"
export SANGKIEN_ADMIN_CREDENTIAL SANGKIEN_ADMIN_SERVER=$ADDR
it_tree
it_enroll Q11-027 "$T/a.db"
it_add "$T/a.db" 'Đèn LED cho nhà xưởng' >/dev/null
it_status 0 client "$T/a.db" sync
it_eq 1 "$(it_db_initiative_count Q11-027)" "synced through the installed programs"
it_contains "$(client "$T/a.db" list)" "Đèn LED cho nhà xưởng" "the installed client's list"
kill -TERM "$server_pid"
rc=0
wait "$shell_pid" || rc=$?
it_eq 0 "$rc" "the installed sangkiend's exit status after SIGTERM"
echo "ok"
