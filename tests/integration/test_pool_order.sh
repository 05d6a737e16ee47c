#!/usr/bin/env bash
# The database pool serves waiting hellos ahead of waiting pulls, and pulls
# still in every round trip: tests/tools/pool_order.c queues short reads
# behind a slow job on a pool of one connection to the test cluster.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin pool_order
[ -n "${SK_POOL_ORDER:-}" ] || it_fail "SK_POOL_ORDER is not set (run through ctest)"

out=$("$SK_POOL_ORDER" "$CONNINFO" 2>"$T/pool_order.err") ||
	it_fail "sk-pool-order failed: $out $(cat "$T/pool_order.err")"
it_note "$out"
it_eq 2 "$(grep -c '^ok ' <<<"$out")" "cases passed"
echo "ok"
