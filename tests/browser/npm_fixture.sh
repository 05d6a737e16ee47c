#!/usr/bin/env bash
# npm_fixture.sh SOURCE_DIR NPM_DIR - install the browser tests' npm
# packages exactly as package-lock.json pins them, into NPM_DIR (in the
# build tree, so the checkout stays clean).  No browser is downloaded:
# playwright-core drives Debian's chromium.
set -euo pipefail
src=$1 dir=$2
command -v npm >/dev/null || { echo "npm is not installed (tests/lib/packages.sh installs it)" >&2; exit 1; }
mkdir -p "$dir"
cp "$src/package.json" "$src/package-lock.json" "$dir/"
cd "$dir"
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json .installed-lock.json; then
	echo "npm packages already installed in $dir"
	exit 0
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json .installed-lock.json
node -e "require('playwright-core'); console.log('playwright-core', require('playwright-core/package.json').version)"
