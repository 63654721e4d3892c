#!/usr/bin/env bash
# Builds the node and starts a development chain: one validator, a block sealed (and
# finalised) for every transaction. RPC on ws://127.0.0.1:9944. Beside it, the SM-DP+
# simulator and the dev operator's (Alice's) SM-DP+ gateway, so eSIM orders are served:
# ES2+ on 127.0.0.1:8443, the simulator's device side (what activation codes name) on
# localhost:8444, gateway metrics on 127.0.0.1:8446. Ctrl-C stops them all.
#
#   ./scripts/dev.sh                 # fresh chain each time
#   ./scripts/dev.sh --base-path D   # keep the chain in D across restarts
# Extra arguments go to gesim-node. The SM-DP+ side starts fresh each time, in
# $CARGO_TARGET_DIR/dev-smdp (logs there too).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$GESIM_ROOT/scripts/setup.sh"
build_node

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
"$GESIM_NODE" --dev --rpc-port 9944 "$@" &
pids+=($!)
wait_for_rpc 9944 120 || die "the dev node did not start"

smdp=$("$GESIM_ROOT/scripts/smdp-init.sh" "$CARGO_TARGET_DIR/dev-smdp" http://127.0.0.1:9944 8443)
"$CARGO_TARGET_DIR/debug/gesim-smdp-sim" serve --config "$smdp/sim.json" 2>"$smdp/sim.log" &
pids+=($!)
RUST_LOG=${RUST_LOG:-info} "$CARGO_TARGET_DIR/debug/gesim-smdp-gateway" --config "$smdp/gateway.json" 2>"$smdp/gateway.log" &
pids+=($!)

log "dev chain: ws://127.0.0.1:9944 (Ctrl-C stops it)"
log "polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
log "SM-DP+ simulator and Alice's gateway: $smdp (sim.log, gateway.log; test PKI in pki/)"
wait -n "${pids[@]}"
