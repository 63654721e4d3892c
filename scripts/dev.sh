#!/usr/bin/env bash
# Builds the node and starts a development chain: one validator, a block sealed (and
# finalised) for every transaction. RPC on ws://127.0.0.1:9944. Ctrl-C stops it.
#
#   ./scripts/dev.sh                 # fresh chain each time
#   ./scripts/dev.sh --base-path D   # keep the chain in D across restarts
# Extra arguments go to gesim-node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$GESIM_ROOT/scripts/setup.sh"
build_node
log "starting the dev chain: ws://127.0.0.1:9944 (Ctrl-C stops it)"
log "polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
exec "$GESIM_NODE" --dev --rpc-port 9944 "$@"
