# shellcheck shell=bash
# checks.sh - the static checks and the coverage report of tests/run-all.sh.
# Source common.sh first.  Each function returns non-zero on a finding.

# The C sources and headers of the checkout (git's list when there is one).
sk_c_files() { # ROOT
	if git -C "$1" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$1" ls-files -- '*.c' '*.h' | sed "s|^|$1/|"
	else
		find "$1/client" "$1/server" "$1/proto" "$1/tests" -name '*.[ch]' | sort
	fi
}

# Every C file must be as clang-format (with .clang-format) writes it.
sk_check_format() { # ROOT
	local out
	command -v clang-format >/dev/null ||
		sk_die "clang-format is missing (tests/lib/packages.sh installs it)"
	if ! out=$(sk_c_files "$1" | xargs -d '\n' clang-format --dry-run --Werror 2>&1); then
		printf '%s\n' "$out" | grep -E '^[^ ].*: (error|warning):' | cut -d: -f1 |
			sort -u | sed 's|^|  not formatted: |' >&2
		sk_say "run clang-format -i on the files above"
		return 1
	fi
	sk_say "format: $(sk_c_files "$1" | wc -l) files as clang-format writes them"
}

# clang-tidy with the checks of .clang-tidy (clang-analyzer-*, bugprone-*)
# over the sources of the clients, proto and the server, from BUILD_DIR's
# compile commands.  Any finding fails; the full output is kept in BUILD_DIR.
sk_check_tidy() { # ROOT BUILD_DIR JOBS
	local root=$1 dir=$2 jobs=$3 log=$2/clang-tidy.log
	command -v run-clang-tidy >/dev/null ||
		sk_die "run-clang-tidy is missing (Debian package clang-tidy)"
	if ! run-clang-tidy -p "$dir" -j "$jobs" -quiet "$root/(client|proto|server)/.*\\.c\$" \
		>"$log" 2>&1; then
		# run-clang-tidy colours its output: plain text for the summary.
		sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E ': (warning|error): ' | sort -u |
			sed 's|^|  |' >&2
		sk_say "clang-tidy found the problems above (full output: $log)"
		return 1
	fi
	sk_say "clang-tidy: no findings ($(grep -c '^clang-tidy' "$log") files; output in $log)"
}

# Line coverage of what the tests run so far in a build made with
# -DSANGKIEN_COVERAGE=ON: one summary line, the per-file table in a file.
sk_coverage_report() { # ROOT BUILD_DIR LABEL
	local root=$1 dir=$2 label=$3 table summary
	command -v gcovr >/dev/null || sk_die "gcovr is missing (tests/lib/packages.sh installs it)"
	table=$dir/coverage-$(tr ' +' '-_' <<<"$label").txt
	# The search path is the build alone: gcovr would otherwise walk the
	# checkout, and the Wine prefix there links its drive Z: to /.
	summary=$(gcovr -r "$root" --object-directory "$dir" -j 2 \
		--filter "$root/(client|server|proto)/" -o "$table" --print-summary "$dir" 2>&1) ||
		{ printf '%s\n' "$summary" >&2; return 1; }
	sk_say "line coverage ($label): $(grep -E '^lines:' <<<"$summary" | sed 's/^lines: *//')" \
		"(per file: $table)"
}
