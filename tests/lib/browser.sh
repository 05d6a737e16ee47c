# shellcheck shell=bash
# browser.sh - run a playwright-core script of tests/browser (source after
# itest.sh).  Environment: SK_NODE_MODULES (set by tests/browser/CMakeLists.txt).

# it_browser SCRIPT.js [ARGS...]: run the script with node; T and
# SK_SCREENSHOTS (default $T/screenshots; set it to keep them) exported.
it_browser() {
	local script=$1
	shift
	[ -n "${SK_NODE_MODULES:-}" ] || it_fail "SK_NODE_MODULES is not set (run through ctest)"
	[ -d "$SK_NODE_MODULES/playwright-core" ] ||
		it_fail "playwright-core is not installed in $SK_NODE_MODULES (browser.npm_ci)"
	[ -x /usr/bin/chromium ] ||
		it_fail "chromium is not installed (tests/lib/packages.sh installs it)"
	T=$T SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots} NODE_PATH=$SK_NODE_MODULES \
		node "$SK_SOURCE_DIR/tests/browser/$script" "$@"
}
