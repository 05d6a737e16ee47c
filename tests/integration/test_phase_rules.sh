#!/usr/bin/env bash
# The counting rules of campaigns and phases, end to end: District 11's
# campaign (P1 2021-09-01..2022-05-31, P2 2022-06-01..2023-09-30), targets
# at every level, initiatives on each boundary, one withdrawn, some
# recognized or rewarded; every figure of QuotaReply and ReportReply is
# checked against what was inserted.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin phase_rules

it_server_start
it_operator
it_tree
ADMIN=$SANGKIEN_ADMIN_CREDENTIAL
PHASES="P1|Giai đoạn 1|2021-09-01|2022-05-31;P2|Giai đoạn 2|2022-06-01|2023-09-30"

# --- campaign and phases ----------------------------------------------------
out=$(probe "$ADDR" hello 1 "$ADMIN" \
	put-campaign MTSK "01 triệu sáng kiến" 2021-09-01 1 "$PHASES" \
	put-campaign MTSK "01 triệu sáng kiến" 2021-09-01 1 "$PHASES" \
	put-campaign MTSK "01 triệu sáng kiến" 2021-09-01 1 \
	"P1|Giai đoạn 1|2021-09-01|2022-05-31;P2|Giai đoạn 2|2022-05-31|2023-09-30" \
	put-campaign MTSK "01 triệu sáng kiến" 2021-09-01 1 \
	"P1|Giai đoạn 1|2021-08-31|2022-05-31" \
	put-campaign MTSK "01 triệu sáng kiến" 2021-09-02 1 - \
	put-campaign MTSK "01 triệu sáng kiến" 2021-09-01 1 -)
it_eq "hello_reply ADMINISTRATOR -
put_campaign_reply 0 1
put_campaign_reply 0 0
error INVALID_ARGUMENT
error INVALID_ARGUMENT
error INVALID_ARGUMENT
put_campaign_reply 0 0" "$out" "putting District 11's campaign"
it_eq "P1 2021-09-01 2022-05-31|P2 2022-06-01 2023-09-30" \
	"$(it_psql "SELECT string_agg(p.code || ' ' || p.starts_on || ' ' || p.ends_on, '|'
		    ORDER BY p.starts_on) FROM phases p JOIN campaigns k ON k.id = p.campaign_id
		    WHERE k.code = 'MTSK'")" "stored phases"
it_eq 2 "$(it_psql "SELECT count(*) FROM audit_log WHERE action = 'campaign.put'
		    AND table_name = 'phases'")" "phases in the audit trail"

# --- targets ---------------------------------------------------------------
out=$(probe "$ADDR" hello 1 "$ADMIN" set-target Q11 - - 1000 set-target Q11 - P1 200 \
	set-target Q11 MTSK P2 800 set-target Q11-027 - P1 1 set-target Q11-027 - P1 1 \
	set-target Q11 - P9 5 set-target Q11 NOPE - 5 set-target Q11-999 - - 5)
it_eq "hello_reply ADMINISTRATOR -
set_target_reply 1
set_target_reply 1
set_target_reply 1
set_target_reply 1
set_target_reply 0
error NOT_FOUND
error NOT_FOUND
error NOT_FOUND" "$out" "setting targets as administrator"
it_eq 4 "$(it_psql "SELECT count(*) FROM audit_log WHERE action = 'target.set'")" \
	"target changes in the audit trail"

# A district operator sets targets below its unit, not its own, and may not
# change the campaign (it holds for the whole tree).
Q11_OP=$("$SK_SANGKIEND" create-operator --db "$CONNINFO" --scope Q11 --label "LĐLĐ Q11") ||
	it_fail "create-operator --scope Q11"
out=$(probe "$ADDR" hello 1 "$Q11_OP" set-target Q11 - - 900 set-target HCM - - 5 \
	set-target Q11-044 - P2 3 set-target Q11-044 - P2 4 \
	put-campaign MTSK "01 triệu sáng kiến" 2021-09-01 1 -)
it_eq "hello_reply OPERATOR Q11
error FORBIDDEN
error FORBIDDEN
set_target_reply 1
set_target_reply 1
error FORBIDDEN" "$out" "a district operator's targets"

# --- initiatives on every boundary -------------------------------------------
cred27=$(it_credential Q11-027)
cred44=$(it_credential Q11-044)
out=$(probe "$ADDR" hello 1 "$cred27" submit-on Q11-027 2021-09-01 technical covid \
	submit-on Q11-027 2022-05-31 scientific - submit-on Q11-027 2022-06-01 management covid \
	submit-on Q11-027 2023-09-30 technical production)
it_eq 4 "$(grep -c '^item 0 ITEM_ACCEPTED' <<<"$out")" "Q11-027's submissions: $out"
out=$(probe "$ADDR" hello 1 "$cred44" submit-on Q11-044 2023-10-01 technical production \
	submit-on Q11-044 2022-01-10 technical workers-life \
	submit-on Q11-044 2022-02-01 management admin-reform \
	submit-on Q11-044 2021-08-31 technical covid)
it_eq "3 1" "$(grep -c '^item 0 ITEM_ACCEPTED' <<<"$out") $(grep -c '^item 0 ITEM_INVALID' <<<"$out")" \
	"Q11-044's submissions (the day before the counting start is refused): $out"
# Data from before the counting start can still exist (e.g. a campaign whose
# start moved): it must not count.
it_psql "INSERT INTO initiatives (uuid, unit_id, title, kind, authors, summary, effect,
	 applied_on, content_sha256)
	 SELECT '01890000-0000-7000-8000-000000000831', u.id, 'Trước ngày tính', 'technical',
	 '[{\"name\": \"Lê Văn Tám\"}]', 'Tóm tắt', 'Hiệu quả', DATE '2021-08-31', sha256('x')
	 FROM units u WHERE u.code = 'Q11-044'" >/dev/null
# Review outcomes and receipt times, set directly: the counting is under test.
at() { # UNIT APPLIED_ON SET...
	it_psql "UPDATE initiatives i SET $3 FROM units u WHERE u.id = i.unit_id
		 AND u.code = :'u' AND i.applied_on = :'d'::date" u="$1" d="$2" >/dev/null
}
at Q11-027 2021-09-01 "status = 'recognized', received_at = '2022-06-05 17:30:00+00'"
at Q11-027 2022-05-31 "received_at = '2022-06-05 16:30:00+00'"
at Q11-027 2022-06-01 "status = 'rewarded'"
at Q11-044 2022-01-10 "status = 'withdrawn'"
at Q11-044 2022-02-01 "status = 'recognized'"
at Q11-044 2023-10-01 "status = 'recognized'"

# --- QuotaReply ----------------------------------------------------------------
out=$(probe "$ADDR" hello 1 "$cred27" quota-phases -)
it_eq "hello_reply UNIT Q11-027
quota_reply Q11-027 2 4 2
quota_phase Q11-027 P1 2021-09-01 2022-05-31 1 2 1
quota_phase Q11-027 P2 2022-06-01 2023-09-30 0 2 1" "$out" "Q11-027's quota with phases"
out=$(probe "$ADDR" hello 1 "$cred44" quota-phases -)
it_eq "hello_reply UNIT Q11-044
quota_reply Q11-044 5 2 2
quota_phase Q11-044 P1 2021-09-01 2022-05-31 0 1 1
quota_phase Q11-044 P2 2022-06-01 2023-09-30 4 0 0" "$out" "Q11-044's quota with phases"
out=$(probe "$ADDR" hello 1 "$ADMIN" quota-phases Q11)
it_eq "quota_reply Q11 1000 0 0
quota_phase Q11 P1 2021-09-01 2022-05-31 200 0 0
quota_phase Q11 P2 2022-06-01 2023-09-30 800 0 0" "$(sed 1d <<<"$out")" "the district's own targets"

# --- ReportReply ---------------------------------------------------------------
this_week=$(TZ=Asia/Ho_Chi_Minh date -d "$(($(TZ=Asia/Ho_Chi_Minh date +%u) - 1)) days ago" +%F)
weeks=$((($(date -u -d "$this_week" +%s) - $(date -u -d 2021-08-30 +%s)) / 604800 + 1))
for who in "$ADMIN Q11" "$Q11_OP -"; do
	read -r cred scope <<<"$who"
	rep=$(probe "$ADDR" hello 1 "$cred" report "$scope" -)
	it_eq "report_reply Q11 MTSK 2021-09-01 1000 2
report_phase P1 2021-09-01 2022-05-31 200 3 2
report_phase P2 2022-06-01 2023-09-30 800 2 1
report_unit Q11-027 2 4 2
report_unit_phase Q11-027 P1 2021-09-01 2022-05-31 1 2 1
report_unit_phase Q11-027 P2 2022-06-01 2023-09-30 0 2 1
report_unit Q11-044 5 2 2
report_unit_phase Q11-044 P1 2021-09-01 2022-05-31 0 1 1
report_unit_phase Q11-044 P2 2022-06-01 2023-09-30 4 0 0
report_kind scientific 1 0
report_kind technical 3 2
report_kind management 2 2
report_theme - 1 0
report_theme covid 2 2
report_theme workers-life 0 0
report_theme production 2 1
report_theme admin-reform 1 1
report_theme union-work 0 0" "$(sed 1d <<<"$rep" | grep -v '^report_week')" "report of Q11 ($scope)"
	# Weeks by Vietnam's time: 17:30 UTC on Sunday 5 June 2022 is Monday
	# 00:30 in Ho Chi Minh City.
	wk=$(grep '^report_week' <<<"$rep")
	it_eq "$weeks" "$(wc -l <<<"$wk")" "weeks from the week of 2021-09-01 to this one"
	it_eq "report_week 2021-08-30 0 0" "$(head -n 1 <<<"$wk")" "first week"
	it_eq "report_week $this_week 4 3" "$(tail -n 1 <<<"$wk")" "this week"
	it_eq "report_week 2022-05-30 1 0
report_week 2022-06-06 1 1
report_week $this_week 4 3" "$(awk '$3 != 0' <<<"$wk")" "weeks with initiatives"
done

# The province sees the same initiatives; its own targets are not set.
rep=$(probe "$ADDR" hello 1 "$ADMIN" report HCM -)
it_eq "report_reply HCM MTSK 2021-09-01 0 2" "$(sed -n 2p <<<"$rep")" "province report header"
it_contains "$rep" "report_phase P1 2021-09-01 2022-05-31 0 3 2" "province phase 1"
# Scope and campaign refusals.
out=$(probe "$ADDR" hello 1 "$Q11_OP" report HCM - report Q11 NOPE report Q11-027 - report Q99 -)
it_eq "hello_reply OPERATOR Q11
error FORBIDDEN
error NOT_FOUND" "$(sed -n 1,3p <<<"$out")" "report refusals"
it_eq "report_reply Q11-027 MTSK 2021-09-01 2 1" "$(sed -n 4p <<<"$out")" "report of one unit"
it_eq "error NOT_FOUND" "$(tail -n 1 <<<"$out")" "report of an unknown unit"

# Moving the counting start later moves the figures with it; phases that
# would start before it must be sent again.
out=$(probe "$ADDR" hello 1 "$ADMIN" put-campaign MTSK "01 triệu sáng kiến" 2022-06-01 1 \
	"P2|Giai đoạn 2|2022-06-01|2023-09-30" quota-phases Q11-027)
it_eq "put_campaign_reply 0 1
quota_reply Q11-027 2 2 1
quota_phase Q11-027 P2 2022-06-01 2023-09-30 0 2 1" "$(sed 1d <<<"$out")" \
	"counting from 2022-06-01, phase 1 dropped"
it_eq 0 "$(it_psql "SELECT count(*) FROM phase_targets t JOIN phases p ON p.id = t.phase_id
		    WHERE p.code = 'P1'")" "phase 1's targets went with it"
echo "ok"
