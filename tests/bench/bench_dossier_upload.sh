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
# The figures are those of a durable server: a cluster of its own with
# fsync and synchronous_commit on (the shared test cluster has both off),
# its data on the same disk as the copy's files.  Each of several rounds
# measures the four with a new set of files, each measure starting from
# written-out dirty pages and a fresh checkpoint, so one measure does not
# pay for the writes of the one before; the rounds are printed and their
# medians compared (the machine is shared and its disk's fsyncs vary).
#
# SK_BENCH_DOSSIER_MB sets the set's size (default 40 in the suite; run
# `SK_BENCH_DOSSIER_MB=200 ctest -R bench.dossier_upload` for the 200 MB of
# the issue), SK_BENCH_ROUNDS the rounds (default 3).
#
# SK_BENCH_PG_B="name=value ..." compares PostgreSQL settings in the same
# run: rounds alternate between the cluster as it is (A, odd rounds) and
# with those settings (B, even rounds: ALTER SYSTEM, then a restart, which
# A's rounds get too, so both start from the same cold cache); each side's
# medians are printed with B's ratio to A.  SK_BENCH_SERVER_B="name=value
# ..." does the same for sangkiend's settings (max_frame_bytes sets the
# chunk size): B's rounds restart the server with them, A's without.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin bench_dossier

MB=${SK_BENCH_DOSSIER_MB:-40}
ROUNDS=${SK_BENCH_ROUNDS:-3}
FILE_BYTES=20000000
N=$(((MB * 1000000 + FILE_BYTES - 1) / FILE_BYTES))
[ -n "${SK_TCPCOPY:-}" ] || it_fail "SK_TCPCOPY is not set (run through ctest)"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || it_fail "SK_BENCH_ROUNDS: '$ROUNDS' is not a count"
read -ra PG_B <<<"${SK_BENCH_PG_B:-}"
read -ra SERVER_B <<<"${SK_BENCH_SERVER_B:-}"
for kv in "${PG_B[@]}" "${SERVER_B[@]}"; do
	[[ $kv =~ ^[a-z_]+=[A-Za-z0-9.]+$ ]] || it_fail "SK_BENCH_PG_B, SK_BENCH_SERVER_B: '$kv' is not name=value"
done
AB=$((${#PG_B[@]} + ${#SERVER_B[@]}))

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
# The cluster's processes: the postmaster and its children.
pg_pids() {
	local pm
	pm=$(head -n 1 "$IT_PG_DIR/data/postmaster.pid")
	# shellcheck disable=SC2046 # one pid a word
	echo "$pm" $(ps -o pid= --ppid "$pm")
}
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1000000 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { tr ' ' '\n' <<<"$*" | sort -g | awk '{ v[NR] = $1 } END {
	printf "%s", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
# Before each measure: dirty pages written out and a checkpoint, so the
# measure starts from the same state whatever ran before it.
settle() {
	sync
	it_psql "CHECKPOINT"
}
# side ROUND: A, or B on even rounds when settings are compared.
side() { [ "$AB" -gt 0 ] && [ $(($1 % 2)) -eq 0 ] && echo B || echo A; }
# use_side A|B: the cluster restarted with that side's settings; the server
# finds its connections again before the round's first sync.
use_side() {
	local kv
	it_psql "ALTER SYSTEM RESET ALL"
	if [ "$1" = B ]; then
		for kv in "${PG_B[@]}"; do
			it_psql "ALTER SYSTEM SET ${kv%%=*} = '${kv#*=}'"
		done
	fi
	it_pg_restart fast
	if [ ${#SERVER_B[@]} -gt 0 ]; then
		it_server_stop
		if [ "$1" = B ]; then it_config "${SERVER_B[@]}"; else it_config; fi
		it_server_start "$PORT"
	fi
	sleep 2
}

it_private_pg
[ "$(it_psql 'SHOW fsync')" = on ] || it_fail "the benchmark's cluster must run with fsync on"
it_server_start
it_operator
it_tree
it_enroll Q11-044 "$T/u.db"
mkdir -p "$T/files" "$T/sink"
it_psql "CREATE TABLE bench_chunks (LIKE dossier_chunks INCLUDING ALL)"
bytes=$((N * FILE_BYTES))

printf 'bench: dossier upload of %d files, %d MB in all, over loopback, %d rounds\n' \
	"$N" "$((bytes / 1000000))" "$ROUNDS"
printf 'bench: PostgreSQL %s: fsync %s, synchronous_commit %s, full_page_writes %s, max_wal_size %s, shared_buffers %s\n' \
	"$(it_psql 'SHOW server_version' | cut -d' ' -f1)" "$(it_psql 'SHOW fsync')" \
	"$(it_psql 'SHOW synchronous_commit')" "$(it_psql 'SHOW full_page_writes')" \
	"$(it_psql 'SHOW max_wal_size')" "$(it_psql 'SHOW shared_buffers')"
printf 'bench: the cluster, the copy and the store on %s (%s)\n' \
	"$(df --output=source "$IT_PG_DIR" | tail -n 1)" "$(df --output=fstype "$IT_PG_DIR" | tail -n 1)"
# The disk's rate of small synced writes (the WAL's flush at each commit).
dsync=$(dd if=/dev/zero of="$T/sink/dsync" bs=8k count=200 oflag=dsync 2>&1 |
	awk '/copied/ { for (i = 1; i <= NF; i++) if ($i ~ /^s,?$/) s = $(i - 1) } END { print s }')
rm -f "$T/sink/dsync"
printf 'bench: the disk: %s synced 8 kB writes a second\n' "$(awk -v s="$dsync" 'BEGIN { printf "%.0f", 200 / s }')"
printf 'bench: %-6s %12s %12s %12s %12s %8s %8s %8s %18s %9s\n' round "upload MB/s" \
	"fsynced copy" "PostgreSQL" "bare copy" "/fsynced" /PG /bare "CPU cl/srv/pg s" "WAL/byte"

[ "$AB" -eq 0 ] || printf 'bench: A: the cluster and server as above; B: %s\n' "${PG_B[*]} ${SERVER_B[*]}"
up_r=() disk_r=() pg_r=() mem_r=() r_disk=() r_pg=() r_mem=() sides=() client_kb=0
for ((r = 1; r <= ROUNDS; r++)); do
	sides+=("$(side "$r")")
	if [ "$AB" -gt 0 ]; then
		use_side "${sides[-1]}"
		[ "$r" -gt 2 ] || for kv in "${PG_B[@]}"; do
			printf 'bench: round %d (%s): %s = %s\n' "$r" "${sides[-1]}" "${kv%%=*}" \
				"$(it_psql "SHOW ${kv%%=*}")"
		done
	fi
	# A new set each round: a first upload every time, nothing kept already.
	rm -f "$T/files"/*
	files=()
	for ((i = 1; i <= N; i++)); do
		dz_make "$T/files/hồ-sơ-$r-$i.pdf" pdf "$FILE_BYTES"
		files+=("$T/files/hồ-sơ-$r-$i.pdf")
	done
	# Five 20 MB files fit one initiative's 100 MiB.
	for ((i = 0; i < N; i += 5)); do
		uuid=$(it_uuid_of "$(it_add "$T/u.db" "Sáng kiến có hồ sơ lớn, lượt $r, phần $((i / 5 + 1))")")
		dz_attach "$T/u.db" "$(it_list_field "$T/u.db" "$uuid" id)" "$uuid" "${files[@]:i:5}"
	done
	# The initiatives first, so the timed sync is the files' alone.
	sqlite3 "$T/u.db" "UPDATE attachments SET state = 'refused' WHERE state = 'pending'"
	it_status 0 it_client_logged "$T/u.db" sync --retries 6 --max-wait 2
	sqlite3 "$T/u.db" "UPDATE attachments SET state = 'pending' WHERE state = 'refused'"

	settle
	read -r _ copy_mem_s < <("$SK_TCPCOPY" "${files[@]}")
	settle
	read -r _ copy_disk_s < <("$SK_TCPCOPY" --sink "$T/sink" "${files[@]}")
	rm -f "$T/sink"/*
	settle
	read -ra pg_procs < <(pg_pids) # the server's sessions, new after a restart
	server_cpu0=$(cpu "$SK_SERVER_PID")
	pg_cpu0=$(cpu "${pg_procs[@]}")
	lsn0=$(it_psql "SELECT pg_current_wal_lsn()")
	/usr/bin/time -f '%M %e %U %S' -o "$T/time" "$SK_SANGKIEN" --store "$T/u.db" sync \
		>>"$T/client.log" 2>&1 || it_fail "the upload sync failed (see client.log)"
	read -r kb_now upload_s client_user client_sys <"$T/time"
	server_cpu=$(awk -v a="$server_cpu0" -v b="$(cpu "$SK_SERVER_PID")" 'BEGIN { printf "%.2f", b - a }')
	pg_cpu=$(awk -v a="$pg_cpu0" -v b="$(cpu "${pg_procs[@]}")" 'BEGIN { printf "%.2f", b - a }')
	wal=$(it_psql "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn0') / $bytes, 2)")
	[ "$kb_now" -gt "$client_kb" ] && client_kb=$kb_now
	dz_converged "$T/u.db" Q11-044
	# PostgreSQL's own write of the same bytes, with no client, server or
	# network: this round's chunks copied into a table of the same shape,
	# in one statement.  The upload cannot be faster than this.
	it_psql "TRUNCATE bench_chunks"
	settle
	t0=$(now)
	it_psql "INSERT INTO bench_chunks SELECT c.* FROM dossier_chunks c
		 JOIN dossier_files f ON f.id = c.file_id
		 WHERE encode(f.sha256, 'hex') IN ($(for f in "${files[@]}"; do
		printf "'%s'," "$(dz_sha "$f")"
	done | sed 's/,$//'))"
	pg_s=$(since "$t0")
	[ "$(it_psql "SELECT sum(length(data)) FROM bench_chunks")" = "$bytes" ] ||
		it_fail "PostgreSQL's own copy did not hold this round's bytes"

	label=$r
	[ "$AB" -eq 0 ] || label=$r${sides[-1]}
	up_r+=("$(rate "$bytes" "$upload_s")") disk_r+=("$(rate "$bytes" "$copy_disk_s")")
	pg_r+=("$(rate "$bytes" "$pg_s")") mem_r+=("$(rate "$bytes" "$copy_mem_s")")
	r_disk+=("$(ratio "$copy_disk_s" "$upload_s")") r_pg+=("$(ratio "$pg_s" "$upload_s")")
	r_mem+=("$(ratio "$copy_mem_s" "$upload_s")")
	printf 'bench: %-6s %12s %12s %12s %12s %8s %8s %8s %18s %9s\n' "$label" "${up_r[-1]}" \
		"${disk_r[-1]}" "${pg_r[-1]}" "${mem_r[-1]}" "${r_disk[-1]}" "${r_pg[-1]}" \
		"${r_mem[-1]}" "$(awk -v u="$client_user" -v s="$client_sys" \
		'BEGIN { printf "%.2f", u + s }')/$server_cpu/$pg_cpu" "$wal"
done
printf 'bench: %-6s %12s %12s %12s %12s %8s %8s %8s\n' median "$(median "${up_r[@]}")" \
	"$(median "${disk_r[@]}")" "$(median "${pg_r[@]}")" "$(median "${mem_r[@]}")" \
	"$(median "${r_disk[@]}")" "$(median "${r_pg[@]}")" "$(median "${r_mem[@]}")"
# The medians of one side's rounds: of_side SIDE VALUES...
of_side() {
	local s=$1 i out=()
	shift
	for ((i = 0; i < $#; i++)); do
		[ "${sides[i]}" = "$s" ] && out+=("${@:i+1:1}")
	done
	median "${out[@]}"
}
if [ "$AB" -gt 0 ]; then
	for s in A B; do
		printf 'bench: %-6s %12s %12s %12s %12s %8s %8s %8s\n' "med $s" \
			"$(of_side $s "${up_r[@]}")" "$(of_side $s "${disk_r[@]}")" \
			"$(of_side $s "${pg_r[@]}")" "$(of_side $s "${mem_r[@]}")" \
			"$(of_side $s "${r_disk[@]}")" "$(of_side $s "${r_pg[@]}")" \
			"$(of_side $s "${r_mem[@]}")"
	done
	printf 'bench: B / A (medians): upload %s, PostgreSQL alone %s, fsynced copy %s\n' \
		"$(ratio "$(of_side B "${up_r[@]}")" "$(of_side A "${up_r[@]}")")" \
		"$(ratio "$(of_side B "${pg_r[@]}")" "$(of_side A "${pg_r[@]}")")" \
		"$(ratio "$(of_side B "${disk_r[@]}")" "$(of_side A "${disk_r[@]}")")"
fi
printf 'bench: upload / durable copy = %s (median of the rounds; goal >= 0.8); upload / PostgreSQL alone = %s\n' \
	"$(median "${r_disk[@]}")" "$(median "${r_pg[@]}")"
printf 'bench: chunks of %d bytes; peak resident memory: client %d kB, server %d kB (files of %d MB)\n' \
	"$(it_psql "SELECT max(length(data)) FROM dossier_chunks")" "$client_kb" \
	"$(kb "$SK_SERVER_PID")" "$((FILE_BYTES / 1000000))"
