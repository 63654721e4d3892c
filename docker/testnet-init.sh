#!/bin/sh
# The compose testnet's init step, as scripts/testnet.sh's `prepare`: the raw chain spec, each
# operator's node key and session keys (in its own volume), and operator 1's SM-DP+ gateway
# and simulator files (test PKI, inventories, keys). Made once: a second run keeps them.
set -eu
spec=/spec/chain-spec.json
[ -f "$spec" ] || gesim-node export-chain-spec --chain local --raw --output "$spec"

n=1
for operator in alice bob charlie dave; do
	d=/operators/$n
	if [ ! -f "$d/node-key" ]; then
		gesim-node key generate-node-key --file "$d/node-key"
		gesim-node key insert --base-path "$d" --chain "$spec" --scheme sr25519 --suri "//${operator}" --key-type aura
		gesim-node key insert --base-path "$d" --chain "$spec" --scheme ed25519 --suri "//${operator}" --key-type gran
	fi
	n=$((n + 1))
done
# The other operators find operator 1 by this peer id.
gesim-node key inspect-node-key --file /operators/1/node-key >/spec/operator-1.peer

if [ ! -d /smdp/pki ]; then
	gesim-smdp-sim certs --out /smdp/pki --smdp-host smdp-sim --operator-host smdp-gateway >/dev/null
	(umask 077 && echo '//Alice' >/smdp/operator.sr25519 && echo '//Alice' >/smdp/receipt.ed25519)
fi
# The SM-DP+ and the operator each keep their own copy of the same profiles.
[ -f /smdp/sim-profiles.json ] || cp /usr/local/share/gesim/inventory.example.json /smdp/sim-profiles.json
[ -f /smdp/profiles.json ] || cp /usr/local/share/gesim/inventory.example.json /smdp/profiles.json

chown -R 10001:10001 /spec /smdp /operators
