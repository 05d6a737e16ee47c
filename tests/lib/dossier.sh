# shellcheck shell=bash
# dossier.sh - helpers of the tests of dossiers (files attached to
# initiatives, PROTOCOL.md 10): files to attach, and what the server's
# database and the client's store hold of them.  Source itest.sh first.
#
# The tests keep their own model of what the unit attached, in
# $T/dossier.tsv (uuid, sha256 in hex, file name; one line per file of an
# initiative), so the checks compare it with the database and the store.

# dz_make PATH TYPE BYTES: a file of that many bytes that the type rule
# (proto/file_type.h) takes as TYPE (pdf, jpeg or png): the type's first
# bytes, then random ones.
dz_make() {
	local path=$1 type=$2 bytes=$3 head
	case $type in
	pdf) head='%PDF-1.7\n%\xe2\xe3\xcf\xd3\n' ;;
	jpeg) head='\xff\xd8\xff\xe0\x00\x10JFIF\x00' ;;
	png) head='\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR' ;;
	*) it_fail "dz_make: no recipe for $type" ;;
	esac
	{
		printf %b "$head"
		head -c "$((bytes - $(printf %b "$head" | wc -c)))" /dev/urandom
	} >"$path"
	[ "$(stat -c %s "$path")" -eq "$bytes" ] || it_fail "dz_make: $path is not $bytes bytes"
}

dz_sha() { sha256sum "$1" | cut -d' ' -f1; }

# dz_attach STORE ID UUID FILE...: `sangkien attach`, remembered in the model.
dz_attach() {
	local store=$1 id=$2 uuid=$3 f
	shift 3
	client "$store" attach "$id" "$@" >>"$T/client.log" 2>&1 ||
		it_fail "sangkien attach $id $*"
	for f in "$@"; do
		printf '%s\t%s\t%s\n' "$uuid" "$(dz_sha "$f")" "$(basename "$f")" >>"$T/dossier.tsv"
	done
}

# dz_detach STORE ID NAME: `sangkien detach` of the file NAME of initiative
# ID, one already sent (the detach then waits for the next sync), dropped
# from the model.
dz_detach() {
	local store=$1 id=$2 name=$3 att out
	att=$(sqlite3 "file:$store?mode=ro" "SELECT id FROM attachments
		WHERE initiative_id = $id AND file_name = '${name//\'/\'\'}'")
	[ -n "$att" ] || it_fail "dz_detach: no file '$name' on initiative $id in the store"
	out=$(client "$store" detach "$id" "$att") || it_fail "sangkien detach $id $att exited $?"
	it_contains "$out" "sẽ được gỡ" "detach of a sent file waits for sync"
	grep -vF -- "$name" "$T/dossier.tsv" >"$T/dossier.new" || true
	mv "$T/dossier.new" "$T/dossier.tsv"
}

# dz_db_dossiers UNIT: every file attached now to the unit's initiatives,
# "uuid<TAB>sha256<TAB>file name" sorted.
dz_db_dossiers() {
	it_psql "SELECT i.uuid, encode(f.sha256, 'hex'), a.file_name
		 FROM initiative_attachments a JOIN initiatives i ON i.id = a.initiative_id
		 JOIN units u ON u.id = i.unit_id JOIN dossier_files f ON f.id = a.file_id
		 WHERE u.code = :'unit' AND a.detached_at IS NULL
		 ORDER BY 1, 2" unit="$1" | tr '|' '\t'
}

# dz_converged STORE UNIT: the server holds every file of the model once
# (one committed row per hash, its chunks adding up to exactly those bytes),
# attached to the right initiatives and nothing else; no upload is left in
# progress; the store has every file attached and nothing pending.
dz_converged() {
	local store=$1 unit=$2 want got
	want=$(LC_ALL=C sort -u "$T/dossier.tsv")
	got=$(dz_db_dossiers "$unit" | LC_ALL=C sort)
	[ "$want" = "$got" ] || {
		diff <(echo "$want") <(echo "$got") >&2 || true
		it_fail "the server's dossiers differ from what was attached (< model, > server)"
	}
	want=$(cut -f2 "$T/dossier.tsv" | LC_ALL=C sort -u)
	got=$(it_psql "SELECT encode(sha256, 'hex') FROM dossier_files
		 WHERE state = 'committed' ORDER BY 1")
	it_eq "$want" "$got" "files kept on the server, each once"
	got=$(it_psql "SELECT count(*) FROM dossier_files d WHERE d.state = 'committed' AND (
			 (SELECT sha256(string_agg(c.data, ''::bytea ORDER BY c.off))
			  FROM dossier_chunks c WHERE c.file_id = d.id) IS DISTINCT FROM d.sha256
			 OR (SELECT sum(length(c.data)) FROM dossier_chunks c WHERE c.file_id = d.id)
			    IS DISTINCT FROM d.size
			 OR EXISTS (SELECT 1 FROM dossier_chunks a JOIN dossier_chunks b
				    ON b.file_id = a.file_id AND b.off > a.off
				    AND b.off < a.off + length(a.data) WHERE a.file_id = d.id))")
	it_eq 0 "$got" "kept files whose stored bytes are not exactly their hash's"
	# Hashed as the chunks came, across every cut and resume: no commit
	# read a file back (020_upload_hash).
	it_eq 0 "$(it_psql "SELECT count(*) FROM dossier_files WHERE state = 'committed'
		 AND hashed <> size")" "kept files not hashed on their way in"
	it_eq 0 "$(it_psql "SELECT count(*) FROM dossier_files WHERE state = 'uploading'")" \
		"uploads left in progress"
	got=$(sqlite3 "$store" "SELECT state || ' ' || count(*) FROM attachments GROUP BY state")
	it_eq "attached $(wc -l <"$T/dossier.tsv")" "$got" "files in the store, all attached"
}
