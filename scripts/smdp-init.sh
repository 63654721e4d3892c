#!/usr/bin/env bash
# Prepares a directory to run the dev chain's SM-DP+ simulator and the dev operator's SM-DP+
# gateway side by side: a test PKI, both profile inventories, the operator's key files
# (Alice: her sr25519 account pays for receipts, her ed25519 key signs them, as the
# development preset registers), and a config file for each.
#
#   scripts/smdp-init.sh DIR [NODE_URL] [BASE_PORT]
#
# Then:  gesim-smdp-sim serve --config DIR/sim.json
#        gesim-smdp-gateway --config DIR/gateway.json
# Ports from BASE_PORT (default 8443): ES2+, ES9+ (what activation codes name), the gateway's
# notification listener, its Prometheus metrics.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir=${1:?usage: smdp-init.sh DIR [NODE_URL] [BASE_PORT]}
node_url=${2:-http://127.0.0.1:9944}
base=${3:-8443}
es2=$base es9=$((base + 1)) notify=$((base + 2)) metrics=$((base + 3))

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
"$CARGO_TARGET_DIR/debug/gesim-smdp-sim" certs --out "$dir/pki" --force >/dev/null
(umask 077 && echo '//Alice' >"$dir/operator.sr25519" && echo '//Alice' >"$dir/receipt.ed25519")
# The SM-DP+ and the operator each keep their own copy of the same profiles.
cp "$GESIM_ROOT/smdp-sim/inventory.example.json" "$dir/sim-profiles.json"
cp "$GESIM_ROOT/smdp-sim/inventory.example.json" "$dir/profiles.json"
rm -f "$dir/profiles.json.cursor.json"

cat >"$dir/sim.json" <<JSON
{
	"pki": "pki",
	"inventory": "sim-profiles.json",
	"es2-listen": "127.0.0.1:$es2",
	"es9-listen": "127.0.0.1:$es9",
	"operator-url": "https://127.0.0.1:$notify"
}
JSON
cat >"$dir/gateway.json" <<JSON
{
	"node-url": "$node_url",
	"tx-key-file": "operator.sr25519",
	"receipt-key-file": "receipt.ed25519",
	"smdp-url": "https://127.0.0.1:$es2",
	"smdp-address": "localhost:$es9",
	"pki": "pki",
	"notify-listen": "127.0.0.1:$notify",
	"inventory": "profiles.json",
	"profile-type": "gesim-data-1",
	"poll-interval-ms": 500,
	"metrics-listen": "127.0.0.1:$metrics"
}
JSON
echo "$dir"
