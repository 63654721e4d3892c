#!/usr/bin/env bash
# Measures how long the node takes to execute blocks full of usage settlements: a dev node fills
# blocks with `metering.settleUsage` and `metering.settleUsageBatch` extrinsics
# (e2e/bench/settlement-blocks.mjs), then executes each of them again on its parent's state
# (`Core_execute_block` through `state_call`: the node's executor and host functions, as block
# import runs them, without the storage commit; e2e/bench/execute-blocks.mjs), and the block
# before them (one anchor) for the baseline.
#
#   ./scripts/bench/block-import.sh            # 160 claims: 80 alone, 80 in batches of 16
#   CLAIMS=320 ./scripts/bench/block-import.sh
#   KEEP=/tmp/blocks ./scripts/bench/block-import.sh   # keep the database (and blocks.json);
#                                                      # run again with the same KEEP to time the
#                                                      # same blocks with another gesim-node build
#
# Needs a built node and gesim-zk (./scripts/dev.sh or ./scripts/test.sh builds them), and
# e2e/node_modules (scripts/setup.sh). Listens on 127.0.0.1 only (RPC 9977, p2p 30377).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CLAIMS=${CLAIMS:-160}
RPC_PORT=9977
P2P_PORT=30377
[ -x "$GESIM_NODE" ] || die "no $GESIM_NODE: build first (./scripts/dev.sh)"
require_free_ports "$RPC_PORT" "$P2P_PORT"
base=${KEEP:-$(mktemp -d)}
mkdir -p "$base"
out="$base/blocks.json"
node_pid=
cleanup() {
	[ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null || true
	[ -n "${KEEP:-}" ] || rm -rf "$base"
}
trap cleanup EXIT

log "dev node on 127.0.0.1:$RPC_PORT, database $base"
"$GESIM_NODE" --dev --base-path "$base" --rpc-port "$RPC_PORT" --no-prometheus \
	--listen-addr "/ip4/127.0.0.1/tcp/$P2P_PORT" >>"$base/node.log" 2>&1 &
node_pid=$!
wait_for_rpc "$RPC_PORT" 120 || die "the node did not answer (log: $base/node.log)"
export GESIM_WS="ws://127.0.0.1:$RPC_PORT"

if [ ! -s "$out" ]; then
	log "anchoring and proving $CLAIMS claims, then settling them"
	(cd "$GESIM_ROOT/e2e" && node bench/settlement-blocks.mjs --claims "$CLAIMS") >"$out.part"
	mv "$out.part" "$out"
fi
log "executing each block again ($GESIM_NODE)"
(cd "$GESIM_ROOT/e2e" && node bench/execute-blocks.mjs "$out") | (cd "$GESIM_ROOT/e2e" && node -e '
const { normalMaxRefTimeMs, rows } = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(`normal-class limit: ${normalMaxRefTimeMs} ms of ref time per block`);
console.table(rows.map((r) => ({
  block: r.block, settled: r.settled, singles: r.singles, batches: r.batches,
  "weight ms": r.normalRefTimeMs ?? "(baseline)", "execution ms (median)": r.medianMs.toFixed(1),
  "lowest": r.lowestMs.toFixed(1), "execution / weight": r.normalRefTimeMs ? (r.medianMs / r.normalRefTimeMs).toFixed(2) : "",
})));')
