#!/usr/bin/env bash
# Initiatives entered while the server is down are stored locally, sync
# later with their Vietnamese text intact byte for byte, land under the right
# unit, and a second sync sends nothing again.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin offline_sync

it_server_start
it_operator
it_tree
# The client talks through a pass-through proxy that logs how many bytes
# each connection carried, so "sends nothing" can be measured.
it_background "$SK_CUTPROXY" --target "$ADDR" --port-file "$T/proxy.port" \
	--cut-on none 2>"$T/proxy.log"
sk_wait_file "$T/proxy.port" 10 || it_fail "sk-cutproxy did not start"
PROXY=127.0.0.1:$(cat "$T/proxy.port")
code=$(admin enroll Q11-027)
client "$T/a.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 || it_fail "enroll Q11-027"

# Offline: server and proxy both gone; nothing may need the network.
it_server_stop
kill "${IT_PIDS[0]}" && wait "${IT_PIDS[0]}" || true
IT_PIDS=()
sk_port_in_use "${PROXY#*:}" && it_fail "proxy port still open"

title1='Ứng dụng mã QR để tiếp nhận hồ sơ đoàn viên — “một cửa” tại Phường 1'
title2='Cải tiến quy trình phân loại rác thải tại chợ Bình Thới (giai đoạn 2)'
long_summary="$(printf 'Tổ hỗ trợ sáng kiến hướng dẫn đoàn viên viết báo cáo; %.0s' {1..30})hết."
out1=$(client "$T/a.db" add --title "$title1" --kind management \
	--author "Nguyễn Thị Bích Ngọc|Chủ tịch công đoàn cơ sở" --author "Phạm Quốc Việt" \
	--summary "$long_summary" \
	--effect "Rút ngắn thời gian chờ từ 3 ngày còn 1 ngày; đoàn viên hài lòng." \
	--applied-on 2022-05-19 --theme admin-reform) || it_fail "add (offline) failed"
out2=$(client "$T/a.db" add --title "$title2" --kind technical \
	--author "Võ Thành Lộc|Kỹ thuật viên" --summary "$long_summary" \
	--effect "Giảm 40% khối lượng rác chôn lấp." --applied-on 2021-09-01) ||
	it_fail "add (offline) failed"
uuid1=$(it_uuid_of "$out1")
uuid2=$(it_uuid_of "$out2")
[ -n "$uuid1" ] && [ -n "$uuid2" ] || it_fail "add did not print a v7 uuid: $out1 / $out2"
it_eq pending "$(it_list_field "$T/a.db" "$uuid1" state)" "state after offline add"
it_eq "$title1" "$(it_list_field "$T/a.db" "$uuid1" title)" "title in the local list"

# Missing option without a terminal: exit 2 naming it; nothing stored.
rc=0
err=$(client "$T/a.db" add --title "Thiếu loại" --author "A" --summary s --effect e \
	--applied-on 2022-01-01 </dev/null 2>&1) || rc=$?
it_eq 2 "$rc" "add without --kind"
it_contains "$err" "--kind" "message for the missing option"
it_eq 3 "$(client "$T/a.db" list --format tsv | wc -l)" "list lines (header + 2 items)"

# Sync while offline: transient failure, items stay pending.
it_status 4 client "$T/a.db" sync
it_eq pending "$(it_list_field "$T/a.db" "$uuid2" state)" "state after offline sync"
it_eq 0 "$(it_db_initiative_count Q11-027)" "rows before the server is back"

# Back online on the same ports.
it_server_start "$PORT"
rm -f "$T/proxy.port"
it_background "$SK_CUTPROXY" --target "$ADDR" --port-file "$T/proxy.port" \
	--listen-port "${PROXY#*:}" --cut-on none 2>"$T/proxy.log"
sk_wait_file "$T/proxy.port" 10 || it_fail "sk-cutproxy did not start again"
it_status 0 client "$T/a.db" sync
for u in "$uuid1" "$uuid2"; do
	it_eq synced "$(it_list_field "$T/a.db" "$u" state)" "state of $u after sync"
	rid=$(it_list_field "$T/a.db" "$u" record_id)
	it_eq "$(it_db_field "$u" record_id)" "$rid" "record id of $u in list and database"
	it_eq Q11-027 "$(it_db_field "$u" unit_code)" "unit of $u"
done
it_eq 2 "$(it_db_initiative_count Q11-027)" "rows after sync"
it_eq "$title1" "$(it_db_field "$uuid1" title)" "title stored byte for byte"
it_eq "$long_summary" "$(it_db_field "$uuid1" summary)" "summary stored byte for byte"
it_eq "Nguyễn Thị Bích Ngọc|Chủ tịch công đoàn cơ sở;Phạm Quốc Việt|" \
	"$(it_db_field "$uuid1" authors)" "authors stored byte for byte, in order"

# A second sync sends no initiative: the whole connection carries fewer
# bytes than one summary alone.
before=$(it_db_snapshot)
it_status 0 client "$T/a.db" sync
it_eq "$before" "$(it_db_snapshot)" "database after a second sync"
c2s=$(grep -oE 'closed \(c2s [0-9]+' "$T/proxy.log" | tail -n 1 | grep -oE '[0-9]+$')
[ -n "$c2s" ] || it_fail "proxy log has no connection: $(cat "$T/proxy.log")"
it_note "second sync sent $c2s bytes to the server"
[ "$c2s" -lt "${#long_summary}" ] ||
	it_fail "second sync sent $c2s bytes to the server: items were sent again"
echo "ok"
