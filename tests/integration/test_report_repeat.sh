#!/usr/bin/env bash
# A report asked for ten times over one database connection (db_pool_size
# 1) answers every time with the same figures.  PL/pgSQL may switch a
# statement to a generic plan from its sixth run in a session on; sk_report
# and sk_progress plan every run for their scope instead (a generic plan of
# the scope's unit list rechecked every initiative against it: national
# reports then ran past the statement timeout from the sixth run on).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin report_repeat

it_config db_pool_size=1
it_server_start
it_operator
it_tree
cred=$(it_credential Q11-027)
probe "$ADDR" hello 1 "$cred" submit Q11-027 - submit Q11-027 - submit Q11-027 - >/dev/null

for scope in VN Q11; do
	admin report --scope "$scope" --format csv --output "$T/first-$scope.csv" \
		>>"$T/admin.log" 2>&1 || it_fail "report $scope, run 1"
	it_contains "$(cat "$T/first-$scope.csv")" "Q11-027" "report $scope lists the unit"
	for run in 2 3 4 5 6 7 8 9 10; do
		admin report --scope "$scope" --format csv --output "$T/run.csv" \
			>>"$T/admin.log" 2>&1 || it_fail "report $scope, run $run"
		diff "$T/first-$scope.csv" "$T/run.csv" >"$T/diff.log" ||
			it_fail "report $scope, run $run differs from run 1 (diff.log)"
	done
done
for run in 1 2 3 4 5 6 7 8 9 10; do
	admin progress --scope Q11 >"$T/progress-$run.txt" 2>>"$T/admin.log" ||
		it_fail "progress Q11, run $run"
done
it_contains "$(cat "$T/progress-10.txt")" "Q11-027" "progress after ten runs"
echo "PASS report_repeat"
