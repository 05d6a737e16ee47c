#!/usr/bin/env bash
# credential list|revoke: scoped like every operator request, audited, and a
# session opened with a revoked credential ends within seconds, whether it
# was revoked through this server or behind its back (another server of the
# cluster, or by hand in the database).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin credential_revoke

it_config revocation_check_ms=300
it_server_start
it_operator
it_tree
admin_cred=$SANGKIEN_ADMIN_CREDENTIAL
it_enroll Q11-027 "$T/a.db"
it_enroll Q11-044 "$T/b.db"
raw027=$(it_credential Q11-027)
q11=$(admin credential create --role operator --scope Q11 --label "Văn phòng Quận 11" 2>/dev/null)
op044=$(admin credential create --role operator --scope Q11-044 --label "Chủ tịch CĐ Bệnh Viện" \
	2>/dev/null)

# Administrator: every credential; fields as stored.
tsv=$(admin credential list --format tsv)
it_eq "id	role	unit_code	label	created_at	revoked_at" "$(sed -n 1p <<<"$tsv")" "tsv header"
it_eq 6 "$(($(wc -l <<<"$tsv") - 1))" "credentials seen by the administrator"
it_contains "$tsv" "	operator	Q11	Văn phòng Quận 11	" "the Q11 operator's row"
id_of() { # TSV ROLE UNIT [NTH]
	awk -F'\t' -v r="$2" -v u="$3" -v n="${4:-1}" '$2 == r && $3 == u && ++k == n { print $1 }' <<<"$1"
}
a_id=$(id_of "$tsv" unit Q11-027 1)
raw_id=$(id_of "$tsv" unit Q11-027 2)
b_id=$(id_of "$tsv" unit Q11-044)
admin_id=$(id_of "$tsv" administrator "")
[ -n "$a_id" ] && [ -n "$raw_id" ] && [ -n "$b_id" ] && [ -n "$admin_id" ] ||
	it_fail "ids not found in: $tsv"

# The Q11 operator sees its subtree, not the administrator.
SANGKIEN_ADMIN_CREDENTIAL=$q11
tsv=$(admin credential list --format tsv)
it_eq 5 "$(($(wc -l <<<"$tsv") - 1))" "credentials seen by the Q11 operator"
it_eq "" "$(id_of "$tsv" administrator "")" "administrator hidden from an operator"
it_eq 2 "$(admin credential list --format tsv --unit Q11-027 | tail -n +2 | wc -l)" "--unit filter"
# The Q11-044 operator may not touch Q11-027's devices.
SANGKIEN_ADMIN_CREDENTIAL=$op044
it_eq 2 "$(admin credential list --format tsv | tail -n +2 | wc -l)" "seen by the Q11-044 operator"
rc=0
admin credential revoke "$a_id" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -ne 0 ] || it_fail "an operator of Q11-044 revoked a credential of Q11-027"
it_eq 1 "$(it_psql "SELECT count(*) FROM credentials WHERE id = $a_id AND revoked_at IS NULL")" \
	"credential untouched after a refused revoke"

# A session of Q11-027 open before the revocation...
it_background probe --timeout 5000 "$ADDR" hello 1 "$raw027" ping touch "$T/s1-ready" read read \
	>"$T/s1.out" 2>"$T/s1.err"
s1=${IT_PIDS[-1]}
sk_wait_path "$T/s1-ready" 10 || it_fail "session 1 did not start"
SANGKIEN_ADMIN_CREDENTIAL=$q11
out=$(admin credential revoke "$raw_id")
it_contains "$out" "Đã thu hồi" "revoke output"
# ...is told and closed at once (the read timeout is 5 s).
wait "$s1" || true
it_eq "$(printf 'hello_reply UNIT Q11-027\npong\nerror BAD_CREDENTIAL\nclosed')" "$(cat "$T/s1.out")" \
	"session of the credential revoked through the server"
it_contains "$(admin credential revoke "$raw_id")" "đã bị thu hồi từ trước" "revoking twice"
it_eq 1 "$(probe "$ADDR" hello 1 "$raw027" | grep -c '^error BAD_CREDENTIAL$')" \
	"a new hello with the revoked credential"

# Revoked behind the server's back: its periodic check ends the session.
raw044=$(it_credential Q11-044)
it_background probe --timeout 5000 "$ADDR" hello 1 "$raw044" ping touch "$T/s2-ready" read read \
	>"$T/s2.out" 2>"$T/s2.err"
s2=${IT_PIDS[-1]}
sk_wait_path "$T/s2-ready" 10 || it_fail "session 2 did not start"
it_psql "UPDATE credentials SET revoked_at = now()
	 WHERE id = (SELECT max(id) FROM credentials WHERE role = 'unit')"
wait "$s2" || true
it_eq "$(printf 'hello_reply UNIT Q11-044\npong\nerror BAD_CREDENTIAL\nclosed')" "$(cat "$T/s2.out")" \
	"session of the credential revoked in the database"

# The unit client with a revoked credential: refused, nothing sent.
it_add "$T/a.db" 'Máy cắt vải tự động cho tổ may' >/dev/null
SANGKIEN_ADMIN_CREDENTIAL=$admin_cred
admin credential revoke "$a_id" >/dev/null
it_status 5 client "$T/a.db" sync
it_eq 0 "$(it_db_initiative_count Q11-027)" "rows after a sync with a revoked credential"
# b.db's own credential is untouched and works.
it_add "$T/b.db" 'Quy trình tiệt trùng dụng cụ nhanh hơn' >/dev/null
it_status 0 client "$T/b.db" sync

# Every revocation is in the audit trail, with who did it.
audit=$(admin audit --format tsv)
it_eq 2 "$(awk -F'\t' '$5 == "credential.revoke"' <<<"$audit" | wc -l)" "revocations audited"
it_contains "$(awk -F'\t' '$5 == "credential.revoke"' <<<"$audit")" "Văn phòng Quận 11" \
	"the operator named in the audit"
it_contains "$(admin credential list --all --format tsv)" "$raw_id	unit	Q11-027" "--all lists revoked ones"
it_eq "" "$(admin credential list --format tsv | awk -F'\t' -v i="$raw_id" '$1 == i')" \
	"revoked ones hidden without --all"
echo "ok"
