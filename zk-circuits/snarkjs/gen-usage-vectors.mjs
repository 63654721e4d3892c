// Reference implementation of GeSIM's usage commitment, binding hash and EID commitment
// in JavaScript with circomlibjs: what an operator needs to reproduce roots with standard
// tools, and the vectors `cargo test` checks the Rust side against.
import { buildPoseidon } from "circomlibjs";
import { writeFileSync } from "node:fs";

const out = process.argv[2];
if (!out) throw new Error("usage: gen-usage-vectors.mjs <usage.json>");
const poseidon = await buildPoseidon();
const F = poseidon.F;
const H = (xs) => F.toObject(poseidon(xs));

// TS 24.008 PLMN identity: 3 BCD octets, filler F for a 2-digit MNC.
function plmnBcd(mcc, mnc) {
  const d = (s, i) => BigInt(s.charCodeAt(i) - 48);
  const mnc3 = mnc.length === 3 ? d(mnc, 2) : 0xfn;
  const o1 = (d(mcc, 1) << 4n) | d(mcc, 0);
  const o2 = (mnc3 << 4n) | d(mcc, 2);
  const o3 = (d(mnc, 1) << 4n) | d(mnc, 0);
  return (o1 << 16n) | (o2 << 8n) | o3;
}

// [meta, volume] of one record (see UsageRecord::to_field_elements).
function encode(r) {
  const meta = (BigInt(r.binding_id) << 128n) | (BigInt(r.session_start) << 64n)
    | (BigInt(r.duration_secs) << 32n) | plmnBcd(r.mcc, r.mnc);
  const volume = (BigInt(r.bytes_up) << 64n) | BigInt(r.bytes_down);
  return [meta, volume];
}

// Leaves hash four records (Poseidon of 8), inner nodes four children (Poseidon of 4).
function usageRoot(records, batchSize) {
  const slots = records.map(encode);
  while (slots.length < batchSize) slots.push([0n, 0n]);
  let level = [];
  for (let i = 0; i < batchSize; i += 4) level.push(H(slots.slice(i, i + 4).flat()));
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 4) next.push(H(level.slice(i, i + 4)));
    level = next;
  }
  return level[0];
}

const halves = (hex) => [BigInt("0x" + hex.slice(2, 34)), BigInt("0x" + hex.slice(34, 66))];

const records = [];
for (let i = 0; i < 70; i++) {
  records.push({
    binding_id: 1000 + (i % 7), session_start: 1767225600 + i * 3600, duration_secs: 60 + i * 17,
    bytes_up: (i * 7919) % 1000003, bytes_down: i === 5 ? 1099511627775 : (i * 104729) % 50000017,
    mcc: ["208", "262", "310"][i % 3], mnc: ["01", "001", "260"][i % 3],
  });
}
const cases = [
  { batch_size: 64, records: records.slice(0, 3) },
  { batch_size: 64, records: records.slice(0, 64) },
  { batch_size: 256, records: records.slice(0, 70) },
].map((c) => ({
  ...c,
  total_bytes: c.records.reduce((s, r) => s + BigInt(r.bytes_up) + BigInt(r.bytes_down), 0n).toString(),
  encoded_first: encode(c.records[0]).map(String),
  root: usageRoot(c.records, c.batch_size).toString(),
}));

const telco = "0x" + "d4".repeat(16) + "35".repeat(16);
const genesis = "0x" + "91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3".slice(0, 64);
const binding = {
  telco, agreement_id: "42", genesis_hash: genesis,
  binding: H([...halves(telco), 42n, ...halves(genesis)]).toString(),
};
// The networks commitment: Poseidon2(Poseidon8(p0..p7), Poseidon8(p8..p15)) over the PLMNs'
// BCD values, filled to 16 with the first (see networks_commitment in the verifier).
function networksCommitment(plmns) {
  const slots = plmns.map(([mcc, mnc]) => plmnBcd(mcc, mnc));
  while (slots.length < 16) slots.push(slots[0]);
  return H([H(slots.slice(0, 8)), H(slots.slice(8, 16))]);
}
const networkLists = [[["208", "01"]], [["262", "001"], ["208", "01"], ["310", "260"]]];
const networks = networkLists.map((plmns) => ({ plmns, commitment: networksCommitment(plmns).toString() }));

// A roaming subject's records carry 2^64 + the agreement id in the binding lane.
const roaming = { binding_id: ((1n << 64n) + 7n).toString(), session_start: 1767225600, duration_secs: 60,
  bytes_up: 1, bytes_down: 2, mcc: "208", mnc: "01" };
roaming.encoded = encode(roaming).map(String);

const eid = { eid: "89049032000001000000123456789012", salt: "123456789", };
eid.commitment = H([BigInt(eid.eid), BigInt(eid.salt)]).toString();

writeFileSync(out, JSON.stringify({ source: "circomlibjs poseidon, gen-usage-vectors.mjs", usage: cases, binding, networks, roaming, eid }, null, 1) + "\n");
console.log(`wrote ${out}`);
