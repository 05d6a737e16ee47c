#!/usr/bin/env bash
# bench_dossier_upload.sh - a set of dossier files (20 MB each, attached to
# initiatives five at a time) uploaded by one `sangkien sync` over loopback,
# next to a plain TCP copy of the same bytes in the same run (sk-tcpcopy:
# into files fsynced when whole, as the server's copy is durable, and into
# nothing, the network alone) and to PostgreSQL writing the same chunks by
# itself (the bound of storing the bytes there).  Prints the throughputs, the upload's ratio
# to each copy (goal: at least 0.8 of the durable copy) and the peak
# resident memory of client and server, which stays bounded whatever the
# files' size (chunks are streamed).  Fails only when the work fails, never
# on figures.
#
# SK_BENCH_DOSSIER_MB sets the set's size (default 40 in the suite; run
# `SK_BENCH_DOSSIER_MB=200 ctest -R bench.dossier_upload` for the 200 MB of
# the issue).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin bench_dossier

MB=${SK_BENCH_DOSSIER_MB:-40}
FILE_BYTES=20000000
N=$(((MB * 1000000 + FILE_BYTES - 1) / FILE_BYTES))
[ -n "${SK_TCPCOPY:-}" ] || it_fail "SK_TCPCOPY is not set (run through ctest)"

kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
# CPU seconds (user + system) of the processes PIDS... so far.
cpu() {
	local pid ticks=0
	for pid in "$@"; do
		[ -r "/proc/$pid/stat" ] || continue
		ticks=$((ticks + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')))
	done
	awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}
# The test cluster's processes: the postmaster and its children.
pg_pids() {
	local pm
	pm=$(head -n 1 "$SK_PG_HOST/data/postmaster.pid")
	echo "$pm" $(ps -o pid= --ppid "$pm")
}
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1000000 / s }'; }

it_server_start
it_operator
it_tree
it_enroll Q11-044 "$T/u.db"
mkdir -p "$T/files" "$T/sink"
files=()
for ((i = 1; i <= N; i++)); do
	dz_make "$T/files/hồ-sơ-$i.pdf" pdf "$FILE_BYTES"
	files+=("$T/files/hồ-sơ-$i.pdf")
done
bytes=$((N * FILE_BYTES))
# Five 20 MB files fit one initiative's 100 MiB.
for ((i = 0; i < N; i += 5)); do
	uuid=$(it_uuid_of "$(it_add "$T/u.db" "Sáng kiến có hồ sơ lớn, phần $((i / 5 + 1))")")
	dz_attach "$T/u.db" "$(it_list_field "$T/u.db" "$uuid" id)" "$uuid" "${files[@]:i:5}"
done
# The initiatives first, so the timed sync is the files' alone.
sqlite3 "$T/u.db" "UPDATE attachments SET state = 'refused'"
it_status 0 it_client_logged "$T/u.db" sync
sqlite3 "$T/u.db" "UPDATE attachments SET state = 'pending'"

read -r _ copy_mem_s < <("$SK_TCPCOPY" "${files[@]}")
read -r _ copy_disk_s < <("$SK_TCPCOPY" --sink "$T/sink" "${files[@]}")
rm -f "$T/sink"/*
read -ra pg_procs < <(pg_pids)
server_cpu0=$(cpu "$SK_SERVER_PID")
pg_cpu0=$(cpu "${pg_procs[@]}")
/usr/bin/time -f '%M %e %U %S' -o "$T/time" "$SK_SANGKIEN" --store "$T/u.db" sync \
	>>"$T/client.log" 2>&1 || it_fail "the upload sync failed (see client.log)"
read -r client_kb upload_s client_user client_sys <"$T/time"
server_cpu=$(awk -v a="$server_cpu0" -v b="$(cpu "$SK_SERVER_PID")" 'BEGIN { printf "%.2f", b - a }')
pg_cpu=$(awk -v a="$pg_cpu0" -v b="$(cpu "${pg_procs[@]}")" 'BEGIN { printf "%.2f", b - a }')
server_kb=$(kb "$SK_SERVER_PID")
dz_converged "$T/u.db" Q11-044
# PostgreSQL's own write of the same bytes, with no client, server or
# network: the stored chunks copied into a table of the same shape, in one
# statement.  The upload cannot be faster than this.
it_psql "CREATE TABLE bench_chunks (LIKE dossier_chunks INCLUDING ALL)"
t0=$(date +%s.%N)
it_psql "INSERT INTO bench_chunks SELECT * FROM dossier_chunks"
pg_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')

up=$(rate "$bytes" "$upload_s")
printf 'bench: dossier upload of %d files, %d MB in all, over loopback\n' "$N" "$((bytes / 1000000))"
printf 'bench: %-34s %10s %10s\n' what seconds MB/s
printf 'bench: %-34s %10.2f %10s\n' "sangkien sync (upload, commit)" "$upload_s" "$up"
printf 'bench: %-34s %10.2f %10s\n' "TCP copy into fsynced files" "$copy_disk_s" \
	"$(rate "$bytes" "$copy_disk_s")"
printf 'bench: %-34s %10.2f %10s\n' "PostgreSQL alone (INSERT SELECT)" "$pg_s" \
	"$(rate "$bytes" "$pg_s")"
printf 'bench: %-34s %10.2f %10s\n' "TCP copy into nothing" "$copy_mem_s" \
	"$(rate "$bytes" "$copy_mem_s")"
printf 'bench: upload / durable copy = %s (goal >= 0.8); upload / bare copy = %s\n' \
	"$(awk -v a="$copy_disk_s" -v b="$upload_s" 'BEGIN { printf "%.2f", a / b }')" \
	"$(awk -v a="$copy_mem_s" -v b="$upload_s" 'BEGIN { printf "%.2f", a / b }')"
printf 'bench: upload / PostgreSQL alone = %s\n' \
	"$(awk -v a="$pg_s" -v b="$upload_s" 'BEGIN { printf "%.2f", a / b }')"
printf 'bench: CPU seconds during the upload: client %.2f, server %s, PostgreSQL %s\n' \
	"$(awk -v u="$client_user" -v s="$client_sys" 'BEGIN { print u + s }')" "$server_cpu" "$pg_cpu"
printf 'bench: peak resident memory: client %d kB, server %d kB (files of %d MB)\n' \
	"$client_kb" "$server_kb" "$((FILE_BYTES / 1000000))"
