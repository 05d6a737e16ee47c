#!/usr/bin/env bash
# tests/run-all.sh [--no-sanitize] - install missing Debian packages, build,
# and run every test (cmocka unit tests and the integration scripts) through
# ctest; then the same again in a second build with AddressSanitizer and
# UndefinedBehaviorSanitizer.  Each ctest run starts its own private
# PostgreSQL cluster (fixture sk_pg, in <build>/test-pg) and stops it.
# Exits non-zero when any build or test fails.
#
# Environment: SANGKIEN_TEST_JOBS (parallel tests, default: number of CPUs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/lib/packages.sh"
. "$ROOT/tests/lib/build.sh"

sanitize=1
case ${1:-} in
--no-sanitize) sanitize=0 ;;
"") ;;
*) echo "usage: $0 [--no-sanitize]" >&2; exit 2 ;;
esac
jobs=${SANGKIEN_TEST_JOBS:-$(nproc)}

# Sanitizer reports fail the test that triggers them.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

started=$SECONDS
sk_install_packages
sk_install_node
failed=()

run_suite() { # NAME BUILD_DIR CMAKE_ARGS...
	local name=$1 dir=$2
	shift 2
	sk_build "$ROOT" "$dir" "$@"
	sk_say "$name: running the tests ($jobs at a time)"
	if ! ctest --test-dir "$dir" --output-on-failure -j "$jobs" -LE bench; then
		failed+=("$name")
	fi
}

# run_bench BUILD_DIR: the benchmarks (label bench) on their own, so their
# figures are not skewed by parallel tests; their "bench:" lines are shown,
# the whole output is kept in BUILD_DIR/bench.log.
run_bench() {
	local dir=$1
	sk_say "benchmarks (full output in $dir/bench.log)"
	if ctest --test-dir "$dir" --output-on-failure -V -L bench >"$dir/bench.log" 2>&1; then
		sed -n 's/^[0-9]*: bench: /  /p' "$dir/bench.log" >&2
	else
		tail -n 60 "$dir/bench.log" >&2
		failed+=("bench")
	fi
}

run_suite plain "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSANGKIEN_SANITIZE=OFF
run_bench "$ROOT/build"
if [ "$sanitize" = 1 ]; then
	run_suite sanitize "$ROOT/build-sanitize" -DCMAKE_BUILD_TYPE=Debug -DSANGKIEN_SANITIZE=ON
fi

sk_say "finished in $((SECONDS - started))s"
if [ "${#failed[@]}" -gt 0 ]; then
	sk_say "FAILED: ${failed[*]}"
	exit 1
fi
sk_say "all tests passed"
