#!/usr/bin/env bash
# What sangkien-admin prints of a server's replies never drives the
# terminal: a unit name, a title, a note, a credential label and a campaign
# name holding escape sequences (OSC title, CSI colour, a C1 CSI, BEL, a
# right-to-left override) are written with those replaced, by every command
# that shows them (progress, report, review list and show, credential list,
# audit), and the names still show; a time far past the calendar is shown
# as "?" (no overflow).  The hostile text is put in the
# database behind the server, as a compromised server would send it.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin admin_hostile_text

it_server_start
it_operator
it_tree
S=$T/q11-027.db
it_enroll Q11-027 "$S"
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" >>"$T/admin.log" 2>&1 ||
	it_fail "campaign put"
u=$(it_uuid_of "$(it_add "$S" 'Sổ giao ca điện tử')")
it_status 0 client "$S" sync
admin review start "$u" >>"$T/admin.log" 2>&1 || it_fail "review start"

# ESC ] 0 ; ... BEL sets the window title; ESC [ 31 m colours; C2 9B is
# the one-byte CSI; E2 80 AE is U+202E.
bad=$'Phường\e]0;owned\a 1\e[31m\xc2\x9b2J\xe2\x80\xae'
it_psql "UPDATE units SET name = :'b' WHERE code = 'Q11-027'" b="$bad" >/dev/null
it_psql "UPDATE initiatives SET title = :'b' WHERE uuid = :'u'::uuid" b="Sổ $bad" u="$u" >/dev/null
it_psql "INSERT INTO initiative_notes (initiative_id, author, status, body)
	 SELECT id, :'b', status, :'b' FROM initiatives WHERE uuid = :'u'::uuid" \
	b="Ghi chú $bad" u="$u" >/dev/null
it_psql "UPDATE credentials SET label = :'b' WHERE role = 'unit'" b="Máy $bad" >/dev/null
it_psql "UPDATE campaigns SET name = :'b'" b="Đợt $bad" >/dev/null

# Clean: no ESC, BEL, C1 control or bidirectional override anywhere.
clean() { # WHAT FILE
	if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]\|\xe2\x80[\xaa-\xae]' "$2"; then
		it_fail "$1 printed raw control or escape bytes: $(od -c "$2" | head -20)"
	fi
}
run() { # WHAT ARGS...: run sangkien-admin, require success and clean output
	local what=$1
	shift
	admin "$@" >"$T/out" 2>"$T/err" || it_fail "$what exited $?: $(cat "$T/err")"
	clean "$what" "$T/out"
	clean "$what (stderr)" "$T/err"
}

run "progress" progress --scope Q11
it_contains "$(cat "$T/out")" "Phường?]0;owned? 1?[31m?2J?" "progress shows the name, filtered"
run "progress tsv" progress --scope Q11 --format tsv
it_contains "$(cat "$T/out")" "Phường?]0;owned? 1?[31m?2J?" "progress TSV, filtered"
run "report" report --scope Q11
it_contains "$(cat "$T/out")" "Phường?]0;owned?" "report table shows the unit, filtered"
it_contains "$(cat "$T/out")" "Đợt thi đua: Đợt Phường?]0;owned?" "report header campaign, filtered"
run "review list" review list
it_contains "$(cat "$T/out")" "Sổ Phường?]0;owned?" "review list shows the title, filtered"
run "review list tsv" review list --format tsv
run "review show" review show "$u"
it_contains "$(cat "$T/out")" "Ghi chú Phường?]0;owned?" "review show shows the note, filtered"
run "credential list" credential list --unit Q11-027
it_contains "$(cat "$T/out")" "Máy Phường?]0;owned?" "credential list shows the label, filtered"
# A time past any calendar date the programs show (year 200000): "?",
# in the table and in TSV, not an overflow.
it_psql "UPDATE credentials SET created_at = '200000-01-01 00:00+00' WHERE role = 'unit'" >/dev/null
run "credential list, far time" credential list --unit Q11-027
grep -q '  ?  ' "$T/out" || it_fail "a far time shown as '?': $(cat "$T/out")"
run "credential list tsv, far time" credential list --unit Q11-027 --format tsv
it_eq "?" "$(sed -n 2p "$T/out" | cut -f5)" "a far time in TSV"
run "audit" audit --initiative "$u"
run "audit tsv" audit --initiative "$u" --format tsv

echo "admin hostile text: OK"
