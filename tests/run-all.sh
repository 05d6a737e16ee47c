#!/usr/bin/env bash
# tests/run-all.sh [--no-sanitize] [--no-windows] - install missing Debian packages, check
# that every C file is formatted (clang-format), build, run clang-tidy's
# clang-analyzer and bugprone checks (.clang-tidy), and run every test
# (cmocka unit tests and the integration scripts) through ctest; then the
# same tests again in a second build with AddressSanitizer,
# UndefinedBehaviorSanitizer and gcov, printing the line coverage of the unit
# tests and of unit and integration tests together.  Each ctest run starts
# its own private PostgreSQL cluster (fixture sk_pg, in <build>/test-pg) and
# stops it.  Prints how long each part took.  Exits non-zero when any check,
# build or test fails.
#
# Environment: SANGKIEN_TEST_JOBS (parallel tests, default: number of CPUs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/lib/packages.sh"
. "$ROOT/tests/lib/build.sh"
. "$ROOT/tests/lib/checks.sh"

sanitize=1 windows=1
for arg in "$@"; do
	case $arg in
	--no-sanitize) sanitize=0 ;;
	--no-windows) windows=0 ;;
	*) echo "usage: $0 [--no-sanitize] [--no-windows]" >&2; exit 2 ;;
	esac
done
jobs=${SANGKIEN_TEST_JOBS:-$(nproc)}

# Sanitizer reports fail the test that triggers them.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

started=$SECONDS
failed=()
timings=()

# part NAME COMMAND...: run one part of the run, note how long it took, and
# record a failure under NAME.
part() {
	local name=$1 t0=$SECONDS
	shift
	if ! "$@"; then
		failed+=("$name")
	fi
	timings+=("$(printf '%-28s %5ds' "$name" $((SECONDS - t0)))")
}

run_tests() { # BUILD_DIR CTEST_ARGS...
	local dir=$1
	shift
	sk_say "running the tests in $dir ($jobs at a time): $*"
	ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@"
}

# run_bench BUILD_DIR: the benchmarks (label bench) on their own, so their
# figures are not skewed by parallel tests; their "bench:" lines (also those
# a benchmark's SQL raises as notices) are shown, the whole output is kept in
# BUILD_DIR/bench.log.
run_bench() {
	local dir=$1
	sk_say "benchmarks (full output in $dir/bench.log)"
	if ctest --test-dir "$dir" --output-on-failure -V -L bench >"$dir/bench.log" 2>&1; then
		sed -n 's/^[0-9]*: \(NOTICE:  \)\{0,1\}bench: /  /p' "$dir/bench.log" >&2
	else
		tail -n 60 "$dir/bench.log" >&2
		return 1
	fi
}

part packages sk_install_packages
part "node packages" sk_install_node
# The package test's fresh Debian root (tests/lib/debian_root.sh) is
# bootstrapped while the programs build: debootstrap waits on the network
# and the disk, not the CPU.  The test waits for it under the same lock, and
# bootstraps again itself should this attempt fail.
prefetch_pid=
if sk_is_root; then
	mkdir -p "$ROOT/build"
	(
		. "$ROOT/tests/lib/debian_root.sh"
		sk_debian_root_tar "$ROOT/build/debian-root" >/dev/null
	) 2>"$ROOT/build/debian-root-prefetch.log" &
	prefetch_pid=$!
fi
part format sk_check_format "$ROOT"
part "plain: build" sk_build "$ROOT" "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DSANGKIEN_SANITIZE=OFF -DSANGKIEN_COVERAGE=OFF
part clang-tidy sk_check_tidy "$ROOT" "$ROOT/build" "$jobs"
part "plain: tests" run_tests "$ROOT/build" -LE bench
part benchmarks run_bench "$ROOT/build"
if [ "$windows" = 1 ]; then
	wdir=$ROOT/build-windows
	part "windows: libraries" bash "$ROOT/deploy/windows/build-deps.sh" "$wdir/deps"
	part "windows: build" sk_build "$ROOT" "$wdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCMAKE_TOOLCHAIN_FILE="$ROOT/deploy/windows/mingw64.cmake" \
		-DSANGKIEN_WINDOWS_DEPS="$wdir/deps" -DSANGKIEN_LINUX_BUILD_DIR="$ROOT/build"
	# Side by side like the others: no test program spawns cmd.exe any more
	# (one that did was seen to hang at its exit beside other Wine programs),
	# and wine-run.sh stops and names any program that does not end.
	part "windows: unit tests (Wine)" run_tests "$wdir" -L unit
	part "windows: Wine tests" run_tests "$wdir" -LE unit
else
	sk_say "no Windows build (--no-windows)"
fi
if [ "$sanitize" = 1 ]; then
	sdir=$ROOT/build-sanitize
	# Counts from this run only.
	[ ! -d "$sdir" ] || find "$sdir" -name '*.gcda' -delete
	part "sanitize: build" sk_build "$ROOT" "$sdir" -DCMAKE_BUILD_TYPE=Debug \
		-DSANGKIEN_SANITIZE=ON -DSANGKIEN_COVERAGE=ON
	part "sanitize: unit tests" run_tests "$sdir" -L unit
	part "coverage: unit" sk_coverage_report "$ROOT" "$sdir" "unit tests"
	part "sanitize: other tests" run_tests "$sdir" -LE 'unit|bench'
	part "coverage: all" sk_coverage_report "$ROOT" "$sdir" "unit + integration tests"
else
	sk_say "no sanitizer build (--no-sanitize): line coverage is not measured"
fi

[ -z "$prefetch_pid" ] || wait "$prefetch_pid" || sk_say "the Debian root prefetch failed: $ROOT/build/debian-root-prefetch.log"
sk_say "time taken by each part:"
printf '  %s\n' "${timings[@]}" >&2
sk_say "finished in $((SECONDS - started))s"
if [ "${#failed[@]}" -gt 0 ]; then
	sk_say "FAILED: ${failed[*]}"
	exit 1
fi
sk_say "all tests passed"
