#!/usr/bin/env bash
# Scale-out: three sangkiend on one database behind HAProxy in TCP mode,
# sending PROXY v2 headers (deploy/haproxy/haproxy.cfg).  A server trusts
# headers only from proxy_from and requires them from there; one server is
# killed in the middle of many syncs: the clients finish, nothing is lost or
# stored twice, and every store pulls its unit's complete set.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin haproxy
command -v haproxy >/dev/null || it_fail "haproxy is missing (tests/lib/packages.sh)"

it_config proxy_from=127.0.0.1 db_pool_size=2
pids=()
ports=()
for s in 1 2 3; do
	mkdir -p "$T/s$s"
	sk_server_start "$SK_SANGKIEND" "$T/s$s" "$CONNINFO" 0 -c "$T/sangkiend.conf" \
		--log-level debug || it_fail "server $s did not start"
	pids+=("$SK_SERVER_PID")
	ports+=("$SK_SERVER_PORT")
	it_on_exit "sk_stop_pid $SK_SERVER_PID"
done
SK_SERVER_PID=
hport=$(sk_pick_port) || it_fail "no free port"
cat >"$T/haproxy.cfg" <<-CFG
	global
	    maxconn 2000
	    log stdout format raw local0
	defaults
	    mode tcp
	    log global
	    option tcplog
	    timeout connect 2s
	    timeout client 60s
	    timeout server 60s
	    option redispatch
	    retries 3
	frontend sangkien
	    bind 127.0.0.1:$hport
	    default_backend sangkiend
	backend sangkiend
	    balance roundrobin
	    default-server send-proxy-v2 check inter 300ms fall 1 rise 1 on-marked-down shutdown-sessions
	    server s1 127.0.0.1:${ports[0]}
	    server s2 127.0.0.1:${ports[1]}
	    server s3 127.0.0.1:${ports[2]}
CFG
haproxy -c -f "$T/haproxy.cfg" >"$T/haproxy-check.log" 2>&1 ||
	it_fail "haproxy -c: $(cat "$T/haproxy-check.log")"
haproxy -db -f "$T/haproxy.cfg" >"$T/haproxy.log" 2>&1 &
IT_PIDS+=($!)
for _ in $(seq 50); do sk_port_in_use "$hport" && break; sleep 0.1; done
ADDR=127.0.0.1:$hport

# Straight to a server from the balancer's address, without a header:
# refused (nobody may pose as the balancer's clients, or skip it).
out=$(probe --timeout 3000 "127.0.0.1:${ports[0]}" hello 1 - 2>/dev/null || true)
it_eq closed "$(sed -n 1p <<<"$out")" "a trusted address without a PROXY header"
it_contains "$(cat "$T/s1/sangkiend.log")" "without a valid PROXY v2 header" "the refusal logged"
# Through HAProxy: served, and the server sees the client's own address and port.
out=$(probe "$ADDR" hello 1 - ping)
it_eq "$(printf 'hello_reply ANONYMOUS -\npong')" "$out" "through HAProxy"
for _ in $(seq 50); do grep -q 'sangkien sangkiend/' "$T/haproxy.log" && break; sleep 0.1; done
client_addr=$(grep -o '^127\.0\.0\.1:[0-9]*' "$T/haproxy.log" | head -n 1)
[ -n "$client_addr" ] || it_fail "no connection in HAProxy's log: $(cat "$T/haproxy.log")"
grep -qF "accepted from $client_addr" "$T"/s[123]/sangkiend.log ||
	it_fail "no server saw the client as $client_addr"

it_operator
it_tree
units=(Q11-027 Q11-044)
for i in 0 1 2 3; do
	it_enroll "${units[$((i % 2))]}" "$T/c$i.db"
	{
		printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
		for n in $(seq 60); do
			printf 'Sáng kiến %d của máy %d\tscientific\tVõ Thị Sáu|Kỹ sư\t%s\t%s\t2022-06-10\t\n' \
				"$n" "$i" "Đo đạc chính xác hơn $n." "Giảm sai số."
		done
	} >"$T/items$i.tsv"
	client "$T/c$i.db" add --from-file "$T/items$i.tsv" >/dev/null || it_fail "add --from-file"
done

for i in 0 1 2 3; do
	it_background client "$T/c$i.db" sync --batch 1 --retries 20 --max-wait 2 \
		>"$T/sync$i.out" 2>&1
done
for _ in $(seq 200); do
	[ "$(it_psql "SELECT count(*) FROM initiatives")" -ge 20 ] && break
	sleep 0.05
done
n=$(it_psql "SELECT count(*) FROM initiatives")
kill -KILL "${pids[1]}"
it_note "server 2 killed with $n of 240 stored"
[ "$n" -lt 240 ] || it_fail "server 2 died with everything stored: not in the middle"
for pid in "${IT_PIDS[@]:1}"; do wait "$pid" || true; done
for i in 0 1 2 3; do
	for _ in 1 2 3; do
		client "$T/c$i.db" sync --retries 10 --max-wait 2 >>"$T/sync$i.out" 2>&1 && break
	done
done

it_eq 240 "$(it_psql "SELECT count(*) FROM initiatives")" "rows stored"
it_eq 240 "$(it_psql "SELECT count(DISTINCT uuid) FROM initiatives")" "distinct uuids"
for i in 0 1 2 3; do
	client "$T/c$i.db" list --format tsv | awk -F'\t' 'NR > 1 { print $2 "\t" $7 "\t" $3 }' \
		>"$T/client$i.tsv"
	# Pull complete: its own 60 and its twin's 60, all synced.
	it_eq 120 "$(wc -l <"$T/client$i.tsv")" "items in store $i"
	it_eq "" "$(awk -F'\t' '$3 != "synced"' "$T/client$i.tsv" | head -3)" "unsynced in store $i"
done
cat "$T"/client[0-3].tsv | cut -f1,2 | sort -u >"$T/clients.tsv"
it_psql "SELECT uuid || E'\t' || id FROM initiatives" | sort >"$T/server.tsv"
diff "$T/clients.tsv" "$T/server.tsv" >"$T/diff" || it_fail "receipts differ: $(head -c 600 "$T/diff")"
# The surviving servers both served syncs.
for s in 1 3; do
	grep -q "request [0-9]* submit" "$T/s$s/sangkiend.log" || it_fail "server $s took no submit"
done
echo "ok"
