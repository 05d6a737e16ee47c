#!/usr/bin/env bash
# Scope for every operator request: district Q5's operator can neither see
# nor touch district Q11, whether it reviews, lists, looks for similar
# initiatives, reads the audit trail, makes credentials or uses the older
# requests (quota, progress, units, enrollment).  Unit credentials may make
# no operator request.  Also: similar initiatives across diacritics and case,
# list paging, and the audit query's filters.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin review_server_scope

it_server_start
it_operator
it_tree
adm=$SANGKIEN_ADMIN_CREDENTIAL
admin add-unit Q5 "Liên đoàn Lao động Quận 5" --level district --parent HCM >>"$T/admin.log" 2>&1 ||
	it_fail "add-unit Q5"
admin add-unit Q5-001 "Công đoàn Bệnh viện Chợ Rẫy" --level grassroots --parent Q5 \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q5-001"
unit11=$(it_credential Q11-027)
unit5=$(it_credential Q5-001)

mkcred() { # ROLE SCOPE LABEL with the administrator
	probe "$ADDR" hello 1 "$adm" create-credential "$@" | sed -n 2p | cut -d' ' -f2
}
op11=$(mkcred operator Q11 op-q11)
op5=$(mkcred operator Q5 op-q5)
[[ $op11 == skc1_* && $op5 == skc1_* ]] || it_fail "operators not created: $op11 $op5"

u1=$(it_uuid7) u2=$(it_uuid7) u3=$(it_uuid7) u6=$(it_uuid7) none=$(it_uuid7)
t1="Đổi mới quy trình tiếp nhận hồ sơ đoàn viên công đoàn"
s1="Tiếp nhận hồ sơ qua mạng, trả kết quả trong ngày."
out=$(probe "$ADDR" hello 1 "$unit11" \
	submit-text Q11-027 "$u1" "$t1" "$s1" \
	submit-text Q11-027 "$u2" "DOI MOI QUY TRINH TIEP NHAN HO SO DOAN VIEN CONG DOAN" \
	"Hồ sơ nhận trực tuyến" \
	submit-text Q11-027 "$u3" "Lắp đặt máy lọc nước cho nhà ăn công nhân" \
	"Nước uống sạch cho 300 công nhân ca đêm")
it_eq 3 "$(grep -c ITEM_ACCEPTED <<<"$out")" "Q11-027 submitted three"
out=$(probe "$ADDR" hello 1 "$unit5" submit-text Q5-001 "$u6" "$t1" "$s1")
it_contains "$out" ITEM_ACCEPTED "Q5-001 submitted the same idea"
before=$(it_db_snapshot)
audit_before=$(it_psql "SELECT count(*) FROM audit_log")

p() { # CRED STEP... : replies without the hello line
	local cred=$1
	shift
	probe "$ADDR" hello 1 "$cred" "$@" | tail -n +2
}

# --- Q5's operator against Q11 ----------------------------------------------
it_eq "change 0 ITEM_FORBIDDEN 0" "$(p "$op5" review "$u1" start 0 -)" "review out of scope"
it_eq "change 0 ITEM_FORBIDDEN 0" "$(p "$op5" review "$none" start 0 -)" \
	"review of an unknown uuid looks the same"
it_eq "change 0 ITEM_FORBIDDEN 0" "$(p "$op5" review "$u1" note 0 "Ghi chú")" "note out of scope"
it_eq "error FORBIDDEN" "$(p "$op5" similar "$u1" 0)" "similar out of scope"
it_eq "error FORBIDDEN" "$(p "$op5" similar "$none" 0)" "similar of an unknown uuid"
it_eq "error FORBIDDEN" "$(p "$op5" list Q11 - 0 0)" "list of another district"
it_eq "error FORBIDDEN" "$(p "$op5" list Q11-027 - 0 0)" "list of another district's unit"
it_eq "error NOT_FOUND" "$(p "$op5" list NOPE - 0 0)" "list of an unknown unit"
out=$(p "$op5" list - - 0 0)
it_eq "$u6 Q5-001" "$(grep '^listed ' <<<"$out" | cut -d' ' -f3,6)" \
	"Q5's own list holds Q5's initiative only"
it_eq "list_end 1 0" "$(tail -n 1 <<<"$out")" "Q5's own list is complete"
it_eq "error FORBIDDEN" "$(p "$op5" audit Q11-027 - - 0)" "audit of another district's unit"
it_eq "audit_end 0 0" "$(p "$op5" audit - "$u1" - 0)" "audit of another district's initiative"
it_eq "" "$(p "$op5" audit - - - 0 | grep -E ' Q11(-[0-9]+)? ' || true)" \
	"Q5's audit shows nothing of Q11"
it_eq "error FORBIDDEN" "$(p "$op5" quota Q11-027)" "quota of another district"
it_eq "error FORBIDDEN" "$(p "$op5" create-credential operator Q11 spy)" \
	"operator for another district"
it_eq "error FORBIDDEN" "$(p "$op5" create-credential operator HCM spy)" \
	"operator above its own scope"
it_eq "error FORBIDDEN" "$(p "$op5" create-credential administrator - spy)" \
	"an operator making an administrator"
refused() { # CMD...: must fail (the exit status is the admin client's business)
	if "$@" >>"$T/admin.log" 2>&1; then it_fail "not refused: $*"; fi
}
export SANGKIEN_ADMIN_CREDENTIAL=$op5
refused admin enroll Q11-027
refused admin add-unit Q11-999 "Đơn vị lạ" --level grassroots --parent Q11
refused admin progress --scope Q11
printf 'stt,ma_don_vi,don_vi,so_phan_bo\n1,Q11-998,Đơn vị lạ,3\n' >"$T/foreign.csv"
refused admin import-units --parent Q11 "$T/foreign.csv"
export SANGKIEN_ADMIN_CREDENTIAL=$adm
it_eq "$before" "$(it_db_snapshot)" "nothing of Q11 changed"
it_eq "$audit_before" "$(it_psql "SELECT count(*) FROM audit_log")" "nothing was written at all"

# Inside its own scope the same operator may act.
out=$(p "$op5" create-credential operator Q5-001 "op-q5-001")
[[ $out == credential\ skc1_* ]] || it_fail "operator for a unit in its scope: $out"
it_eq "change 0 ITEM_ACCEPTED 2" "$(p "$op5" review "$u6" start 0 -)" "review in scope"

# --- unit credentials: no operator request ----------------------------------
for step in "review $u1 start 0 -" "list - - 0 0" "similar $u1 0" "audit - - - 0" \
	"create-credential operator Q11-027 x"; do
	# shellcheck disable=SC2086
	it_eq "error FORBIDDEN" "$(p "$unit11" $step)" "unit credential: $step"
done

# --- administrators: unknown is NOT_FOUND ------------------------------------
it_eq "change 0 ITEM_NOT_FOUND 0" "$(p "$adm" review "$none" start 0 -)" "admin, unknown uuid"
it_eq "error NOT_FOUND" "$(p "$adm" similar "$none" 0)" "admin similar of an unknown uuid"

# --- similar: diacritics and case do not matter, scope does -----------------
out=$(p "$op11" similar "$u1" 0)
it_eq "similar $u2 Q11-027
similar_end 1" "$(sed 's/^\(similar [^ ]* [^ ]*\) [0-9]*$/\1/' <<<"$out")" \
	"Q11's operator sees the unaccented upper-case twin, not the unrelated one nor Q5's"
pct=$(sed -n 1p <<<"$out" | cut -d' ' -f4)
[ "$pct" -ge 80 ] || it_fail "titles differing only in diacritics and case: similarity $pct%"
out=$(p "$adm" similar "$u1" 0)
it_eq 2 "$(grep -c '^similar ' <<<"$out")" "the administrator also sees Q5's twin"
it_contains "$out" "similar $u6 Q5-001 100" "identical text is 100% similar"

# --- list paging -------------------------------------------------------------
out=$(p "$op11" list - - 0 2)
it_eq "list_end 2 1" "$(tail -n 1 <<<"$out")" "first page of two, more to come"
last=$(sed -n 2p <<<"$out" | cut -d' ' -f2)
out2=$(p "$op11" list - - "$last" 2)
it_eq "list_end 1 0" "$(tail -n 1 <<<"$out2")" "second page holds the rest"
it_eq "$u1 $u2 $u3" "$(cat <(head -n 2 <<<"$out") <(head -n 1 <<<"$out2") | cut -d' ' -f3 | xargs)" \
	"pages in record order, nothing skipped or repeated"
# The administrator's whole tree (no unit filter at all) holds both districts'.
out=$(p "$adm" list - - 0 0)
it_eq "$(printf '%s\n' "$u1" "$u2" "$u3" "$u6" | sort | xargs)" \
	"$(grep '^listed ' <<<"$out" | cut -d' ' -f3 | sort | xargs)" \
	"the administrator's list covers every district"
it_eq "list_end 4 0" "$(tail -n 1 <<<"$out")" "the administrator's list is complete"
p "$op11" review "$u1" start 0 - >/dev/null
it_eq "listed $(it_db_field "$u1" record_id) $u1 UNDER_REVIEW 2 Q11-027
list_end 1 0" "$(p "$op11" list Q11-027 UNDER_REVIEW 0 0)" "status filter"

# --- audit filters -----------------------------------------------------------
out=$(p "$op11" audit - "$u1" - 0)
it_contains "$out" "initiative.submit sk-probe unit Q11-027 $u1" "submission in the trail"
it_contains "$out" "initiative.review.start op-q11 operator Q11-027 $u1" "review in the trail"
out=$(p "$adm" audit - - op-q11 0)
it_eq "" "$(grep '^audit ' <<<"$out" | grep -v ' op-q11 ' || true)" "actor filter"
it_contains "$out" "initiative.review.start op-q11" "actor filter finds the review"
out=$(p "$adm" audit - - - 0)
it_contains "$out" "credential.create integration" "credentials made through the protocol are audited"
first=$(p "$adm" audit - - - 0 | sed -n 1p | cut -d' ' -f2)
it_eq "error NOT_FOUND" "$(p "$op11" audit NOPE - - 0)" "audit of an unknown unit"
out=$(p "$adm" audit - - - "$first")
it_eq "" "$(grep "^audit $first " <<<"$out" || true)" "paging starts after after_id"
echo "ok"
