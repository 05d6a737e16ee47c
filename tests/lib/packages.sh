# shellcheck shell=bash
# packages.sh - install the Debian 12 packages the project builds and tests
# with.  Only missing packages are installed, after one `apt-get update`.

SK_DEBIAN_PACKAGES=(
	build-essential cmake pkg-config
	libevent-dev libprotobuf-c-dev protobuf-c-compiler
	libpq-dev postgresql postgresql-contrib
	libcmocka-dev libsqlite3-dev sqlite3 libssl-dev libcsv-dev libinih-dev
	jq  # the operators' integration tests read JSON reports with it
	chromium # renders the HTML report (test_report_html.sh); the browser tests (tests/browser)
	time # /usr/bin/time: the client's peak memory in tests/bench/bench_sync_10k.sh
	openssl # makes the throwaway CA and certificates of tests/integration/test_tls.sh
	curl # requests to `sangkien ui` in tests/integration/test_ui_*.sh
	tzdata # zone rules for the local-time tests (tests/unit/test_common_vn.c)
	# The printed report (tests/integration/test_report_print.sh): a serif font with
	# Vietnamese letters, the PDF tools, and python3 for tests/tools/page_stats.py.
	fonts-liberation2 poppler-utils python3
	prometheus # promtool and a real scrape of the metrics port in tests/integration/test_metrics.sh
	libxlsxwriter-dev # .xlsx from sangkien-admin report and export
	python3-openpyxl  # reads them back in tests/integration/test_report_xlsx.sh
	systemd # systemd-analyze verify of the unit in tests/integration/test_packages.sh
	debootstrap # the fresh Debian 12 root the packages are installed into (same test)
	haproxy # three servers behind it in tests/integration/test_haproxy.sh
	libzip-dev libexpat1-dev # sangkien-admin reads .xlsx unit tables (client/admin/xlsx_read.c)
	# tests/run-all.sh: the format check, clang-tidy's checks, line coverage.
	clang-format clang-tidy gcovr
	# The Windows clients (deploy/windows/): cross compiler, Debian sources of
	# their libraries (dpkg-source; tclsh makes SQLite's amalgamation), Wine
	# for their tests, NSIS for the installer.
	gcc-mingw-w64-x86-64 libz-mingw-w64-dev dpkg-dev tcl wine64 nsis
)

# Print the packages of the list that are not installed.
sk_missing_packages() {
	local p status
	for p in "${SK_DEBIAN_PACKAGES[@]}"; do
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		[ "$status" = "install ok installed" ] || echo "$p"
	done
}

sk_install_packages() {
	local missing
	command -v dpkg-query >/dev/null 2>&1 ||
		sk_die "no apt here (Debian 12 expected); install by hand: ${SK_DEBIAN_PACKAGES[*]}"
	mapfile -t missing < <(sk_missing_packages)
	if [ "${#missing[@]}" -eq 0 ]; then
		sk_say "Debian packages: all present"
		return 0
	fi
	sk_say "installing Debian packages: ${missing[*]}"
	sk_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
		sk_die "apt-get update failed"
	sk_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" ||
		sk_die "apt-get install failed for: ${missing[*]}"
}

# Node.js and npm run the browser tests (tests/browser: playwright-core from
# npm drives Debian's chromium).  A machine that has them from elsewhere
# keeps them (Debian's npm would conflict with another nodejs); otherwise
# Debian's are installed.
SK_NODE_PACKAGES=(nodejs npm)
sk_install_node() {
	if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
		sk_say "node $(node --version) and npm $(npm --version): present"
		return 0
	fi
	sk_say "installing Debian packages: ${SK_NODE_PACKAGES[*]}"
	sk_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
		sk_die "apt-get update failed"
	sk_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${SK_NODE_PACKAGES[@]}" ||
		sk_die "apt-get install failed for: ${SK_NODE_PACKAGES[*]}"
}
