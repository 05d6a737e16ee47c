#!/usr/bin/env bash
# Enrollment attempts are limited: after enroll_free_failures wrong codes
# from one address each further try waits a doubling delay (capped by
# enroll_max_delay_ms) and is refused unread meanwhile; the server as a
# whole checks at most enroll_global_per_minute.  The rightful unit behind
# the same address gets in once the capped delay has passed.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin enroll_limits

it_config enroll_free_failures=3 enroll_max_delay_ms=2000 enroll_global_per_minute=100000
it_server_start
it_operator
it_tree
good=$(admin enroll Q11-027 2>>"$T/admin.log") || it_fail "sangkien-admin enroll"
wrong=ABCD-EFGH-JKLM-NPQR

# Wrong codes in a loop on one connection: three free, one more checked
# (and failing), then refused without a lookup until the delay passes.  The
# rightful unit's code comes last in the same run, well inside the delay
# however slow the machine: it is refused unread too.
steps=(hello 1 -)
for _ in $(seq 30); do steps+=(enroll "$wrong"); done
steps+=(enroll "$good")
out=$(probe "$ADDR" "${steps[@]}" 2>"$T/probe.err")
it_eq 4 "$(grep -c '^error BAD_ENROLLMENT_CODE$' <<<"$out")" "codes looked at"
it_eq 27 "$(grep -c '^error UNAVAILABLE$' <<<"$out")" "attempts refused unread"
it_eq "error UNAVAILABLE" "$(tail -n 1 <<<"$out")" "right code during the delay"
it_contains "$(cat "$T/probe.err")" "too many wrong enrollment codes from this address: retry in 1 s" \
	"the refusal says when to retry"
# Refused attempts were never looked up: the code stays usable.
it_eq 0 "$(it_psql "SELECT count(*) FROM enrollment_codes WHERE credential_id IS NOT NULL")" \
	"codes redeemed"

# The rightful unit gets in after at most enroll_max_delay_ms, however long
# the guessing went on.
sleep 2.1
client "$T/a.db" enroll "$ADDR" "$good" >>"$T/client.log" 2>&1 ||
	it_fail "the rightful enrollment after the delay: $(tail -3 "$T/client.log")"
# A success forgets the address: a mistyped code right after is looked at.
out=$(probe "$ADDR" hello 1 - enroll "$wrong" 2>/dev/null)
it_eq "error BAD_ENROLLMENT_CODE" "$(sed -n 2p <<<"$out")" "after the success"

# The overall limit, taken on reload: 60 failures a minute (bursts of 6), whatever
# the address; the per-address limit out of the way.
it_config enroll_free_failures=1000 enroll_max_delay_ms=2000 enroll_global_per_minute=60
kill -HUP "$SK_SERVER_PID"
it_wait_log "reload: enroll_global_per_minute = 60"
sleep 6 # the bucket fills up to its burst again
steps=(hello 1 -)
for _ in $(seq 10); do steps+=(enroll "$wrong"); done
out=$(probe "$ADDR" "${steps[@]}" 2>"$T/probe.err")
it_eq 6 "$(grep -c '^error BAD_ENROLLMENT_CODE$' <<<"$out")" "codes looked at under the global limit"
it_eq 4 "$(grep -c '^error UNAVAILABLE$' <<<"$out")" "refused by the global limit"
it_contains "$(cat "$T/probe.err")" "too many enrollment attempts on this server" "global refusal"

# The log stays short: refusals are rate-limited lines.
n=$(grep -c "enrollment attempt from .* refused" "$T/sangkiend.log" || true)
[ "$n" -le 20 ] || it_fail "$n refusal lines in the log"
kill -0 "$SK_SERVER_PID" || it_fail "sangkiend died"
echo "ok"
