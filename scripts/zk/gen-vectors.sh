#!/usr/bin/env bash
# Regenerates the committed zk test data from npm tools (circomlibjs, circom2, snarkjs):
#   zk-circuits/verifier/src/poseidon/constants.rs   circomlib Poseidon constants
#   zk-circuits/tests/vectors/poseidon.json          circomlibjs Poseidon outputs
#   zk-circuits/tests/vectors/usage.json             usage roots, binding hash, EID commitment
#   zk-circuits/tests/vectors/snarkjs/               a circom/snarkjs Groth16 proof (BN254)
# cargo test never runs this; run it after changing an encoding, then commit the outputs.
# The snarkjs setup here is a throwaway ceremony: its keys prove nothing outside tests.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
pkg=$root/zk-circuits/snarkjs
vectors=$root/zk-circuits/tests/vectors
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "gen-vectors: npm tools in $pkg, scratch files in $work"

cd "$pkg"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

node gen-poseidon.mjs "$root/zk-circuits/verifier/src/poseidon/constants.rs" "$vectors/poseidon.json"
node gen-usage-vectors.mjs "$vectors/usage.json"

snarkjs() { node "$pkg/node_modules/snarkjs/build/cli.cjs" "$@"; }
npx --no-install circom2 eid_possession.circom --r1cs --wasm -l node_modules -o "$work"
snarkjs powersoftau new bn128 10 "$work/pot_0.ptau"
snarkjs powersoftau contribute "$work/pot_0.ptau" "$work/pot_1.ptau" --name=gesim -e="gesim test vectors only"
snarkjs powersoftau prepare phase2 "$work/pot_1.ptau" "$work/pot.ptau"
snarkjs groth16 setup "$work/eid_possession.r1cs" "$work/pot.ptau" "$work/eid_0.zkey"
snarkjs zkey contribute "$work/eid_0.zkey" "$work/eid.zkey" --name=gesim -e="gesim test vectors only"
out=$vectors/snarkjs
mkdir -p "$out"
snarkjs zkey export verificationkey "$work/eid.zkey" "$out/verification_key.json"
# Same EID and salt as usage.json's EID vector; account = 0xd4…d4 35…35.
cat > "$out/input.json" <<JSON
{"eid": "89049032000001000000123456789012", "salt": "123456789",
 "account_hi": "0", "account_lo": "0"}
JSON
node - "$out/input.json" <<'JS'
// account halves as decimal strings (too big for shell arithmetic).
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
input.account_hi = BigInt("0x" + "d4".repeat(16)).toString();
input.account_lo = BigInt("0x" + "35".repeat(16)).toString();
fs.writeFileSync(process.argv[2], JSON.stringify(input, null, 1) + "\n");
JS
snarkjs wtns calculate "$work/eid_possession_js/eid_possession.wasm" "$out/input.json" "$work/witness.wtns"
snarkjs groth16 prove "$work/eid.zkey" "$work/witness.wtns" "$out/proof.json" "$out/public.json"
snarkjs groth16 verify "$out/verification_key.json" "$out/public.json" "$out/proof.json"
snarkjs zkey export soliditycalldata "$out/public.json" "$out/proof.json" > "$out/calldata.txt"
echo "gen-vectors: done; commit $vectors and the constants file"
