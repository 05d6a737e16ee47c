#!/usr/bin/env bash
# The NSIS installer under Wine: a silent per-user install (/S) puts both
# programs under %LOCALAPPDATA%\Programs\sangkien, the Start-menu entries
# "Sáng kiến" (sangkien.exe ui) and "Sáng kiến – Quận∕Huyện"
# (sangkien-admin.exe ui) and an uninstall entry for the user; the
# installed sangkien.exe keeps its store in %LOCALAPPDATA%\sangkien; the
# silent uninstaller removes programs, entries and registry keys and leaves
# that store as it was.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin wine_installer
: "${SK_INSTALLER:?}" "${SK_WINEPREFIX:?}" "${SK_WINE_RUN:?}"
[ -f "$SK_INSTALLER" ] || it_fail "no installer at $SK_INSTALLER"
wine() { bash "$SK_WINE_RUN" --prefix "$SK_WINEPREFIX" "$@"; }

user_dir=$(find "$SK_WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public |
	head -n 1)
[ -d "$user_dir/AppData/Local" ] || it_fail "no user profile in the Wine prefix"
local_dir=$user_dir/AppData/Local
inst=$local_dir/Programs/sangkien
menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Sáng kiến"
data=$local_dir/sangkien
rm -rf "$inst" "$menu" "$data"
it_on_exit "rm -rf '$inst' '$menu' '$data'"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\sangkien'

it_status 0 wine "$SK_INSTALLER" /S
# The installer may return before its files are all written.
for _ in $(seq 1 100); do
	[ -f "$inst/uninstall.exe" ] && [ -f "$menu/Sáng kiến.lnk" ] && break
	sleep 0.2
done
for f in sangkien.exe sangkien-admin.exe uninstall.exe; do
	[ -s "$inst/$f" ] || it_fail "$f not installed in $inst"
done
cmp -s "$inst/sangkien.exe" "$(dirname "$SK_INSTALLER")/client/sangkien/sangkien.exe" ||
	it_fail "the installed sangkien.exe is not the one built"
# Each entry starts its program with "ui".
lnk_strings() { strings -el -n 2 "$1"; }
for entry in "Sáng kiến.lnk:sangkien.exe" "Sáng kiến – Quận∕Huyện.lnk:sangkien-admin.exe"; do
	lnk=$menu/${entry%%:*}
	[ -f "$lnk" ] || it_fail "Start-menu entry ${entry%%:*} missing"
	s=$(lnk_strings "$lnk")
	grep -qx "${entry#*:}" <<<"$s" || it_fail "${entry%%:*} does not start ${entry#*:}: $s"
	grep -qx "ui" <<<"$s" || it_fail "${entry%%:*} does not pass 'ui': $s"
done
[ -f "$menu/Gỡ cài đặt Sáng kiến.lnk" ] || it_fail "no uninstall entry in the Start menu"
# The key, exported as UTF-16 (reg query prints through the ANSI code page);
# the installer may still be writing it.
for _ in $(seq 1 50); do
	wine reg export "$key" "$T/uninstall.reg" /y >/dev/null 2>&1 && break
	sleep 0.2
done
[ -s "$T/uninstall.reg" ] || it_fail "no uninstall key $key"
reg=$(iconv -f UTF-16 -t UTF-8 "$T/uninstall.reg" | tr -d '\r')
it_contains "$reg" '"DisplayName"="Sáng kiến"' "uninstall key's DisplayName"
it_contains "$reg" '"QuietUninstallString"=' "uninstall key's silent uninstall"

# The installed program, without --store: the store is the user's.
out=$(wine "$inst/sangkien.exe" add --title "Sáng kiến giữ lại sau khi gỡ cài đặt" \
	--kind technical --author "Trần Văn Đức" --summary "Kiểm tra kho dữ liệu." \
	--effect "Không mất dữ liệu." --applied-on 2022-04-15) || it_fail "installed sangkien.exe add"
uuid=$(it_uuid_of "$out")
[ -s "$data/store.db" ] || it_fail "no store in %LOCALAPPDATA%\\sangkien"
before=$(sha256sum <"$data/store.db")

it_status 0 wine "$inst/uninstall.exe" /S
# The uninstaller runs from a copy of itself and returns at once.
for _ in $(seq 1 150); do
	[ -e "$inst" ] || [ -e "$menu" ] || break
	sleep 0.2
done
[ -e "$inst" ] && it_fail "the programs are still there after uninstalling: $(ls "$inst")"
[ -e "$menu" ] && it_fail "the Start-menu entries are still there after uninstalling"
for _ in $(seq 1 25); do
	wine reg query "$key" >/dev/null 2>&1 || break
	sleep 0.2
done
wine reg query "$key" >/dev/null 2>&1 && it_fail "the uninstall key is still there"
[ -s "$data/store.db" ] || it_fail "uninstalling removed the user's store"
it_eq "$before" "$(sha256sum <"$data/store.db")" "the store after uninstalling"
it_eq "Sáng kiến giữ lại sau khi gỡ cài đặt" \
	"$(sqlite3 "file:$data/store.db?mode=ro" "SELECT title FROM initiatives WHERE uuid = '$uuid'" 2>&1)" \
	"the initiative in the kept store"
echo "ok"
