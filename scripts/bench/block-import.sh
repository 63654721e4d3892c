#!/usr/bin/env bash
# Measures how long the node takes to import blocks full of usage settlements: a dev node fills
# blocks with `metering.settleUsage` and `metering.settleUsageBatch` extrinsics
# (e2e/bench/settlement-blocks.mjs), stops, and `gesim-node check-block` re-imports each of them
# (verification and execution, as a syncing node does), and a block with nothing in it for the
# baseline (runtime compilation and import-queue set-up, paid once per command).
#
#   ./scripts/bench/block-import.sh            # 160 claims: 80 alone, 80 in batches of 16
#   CLAIMS=320 ./scripts/bench/block-import.sh
#   KEEP=/tmp/blocks ./scripts/bench/block-import.sh   # keep the database (and blocks.json) there,
#                                                      # to re-import with another gesim-node build
#
# Needs a built node and gesim-zk (./scripts/dev.sh or ./scripts/test.sh builds them), and
# e2e/node_modules (scripts/setup.sh). Uses ports 9977/30377 on 127.0.0.1 only.
# The baseline is the block before the first settlement: one anchor.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CLAIMS=${CLAIMS:-160}
RPC_PORT=9977
P2P_PORT=30377
[ -x "$GESIM_NODE" ] || die "no $GESIM_NODE: build first (./scripts/dev.sh)"
require_free_ports "$RPC_PORT" "$P2P_PORT"
base=${KEEP:-$(mktemp -d)}
[ -z "${KEEP:-}" ] || { [ ! -e "$KEEP" ] || [ -z "$(ls -A "$KEEP")" ] || die "KEEP=$KEEP is not empty"; mkdir -p "$KEEP"; }
out="$base/blocks.json"
node_pid=
cleanup() {
	[ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null || true
	[ -n "${KEEP:-}" ] || rm -rf "$base"
}
trap cleanup EXIT

log "dev node on 127.0.0.1:$RPC_PORT, database $base"
"$GESIM_NODE" --dev --base-path "$base" --rpc-port "$RPC_PORT" --port "$P2P_PORT" --no-prometheus \
	--listen-addr "/ip4/127.0.0.1/tcp/$P2P_PORT" >"$base/node.log" 2>&1 &
node_pid=$!
wait_for_rpc "$RPC_PORT" 120 || die "the node did not answer (log: $base/node.log)"

log "anchoring and proving $CLAIMS claims, then settling them"
(cd "$GESIM_ROOT/e2e" && GESIM_WS="ws://127.0.0.1:$RPC_PORT" \
	node bench/settlement-blocks.mjs --claims "$CLAIMS") >"$out"
kill -INT "$node_pid"
wait "$node_pid" || true
node_pid=

# check-block prints "Completed in N ms."
check() { "$GESIM_NODE" check-block --dev --base-path "$base" "$1" 2>/dev/null | sed -n 's/^Completed in \([0-9]*\) ms\./\1/p'; }
field() { node -e "const r = JSON.parse(require('fs').readFileSync('$out', 'utf8')); $1"; }
first=$(field 'console.log(r.blocks[0].block)')
baseline=$(check $((first - 1)))
printf 'normal-class limit: %s ms of ref time per block\n' "$(field 'console.log(r.normalMaxRefTimeMs)')"
printf '%-7s %-9s %-8s %-8s %-12s %-10s %s\n' block settled singles batches 'weight (ms)' 'import ms' 'minus baseline'
field 'for (const b of r.blocks) console.log(b.block, b.settled, b.singles, b.batches, b.normalRefTimeMs)' |
	while read -r block settled singles batches weight; do
		ms=$(check "$block")
		printf '%-7s %-9s %-8s %-8s %-12s %-10s %s\n' "$block" "$settled" "$singles" "$batches" "$weight" "$ms" \
			"$((ms - baseline))"
	done
printf 'baseline: block #%s (one anchor) re-imports in %s ms, runtime compilation and set-up included\n' \
	"$((first - 1))" "$baseline"
