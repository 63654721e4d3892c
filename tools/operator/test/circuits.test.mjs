// What the prover is told besides the records, without running it: the circuit of a proving
// key (from its header), and the operator's networks as the chain stores them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CIRCUITS, circuitNamed, circuitOfKey, plmnName, usageCircuitOfKey } from '../src/zk.mjs';

const dir = mkdtempSync(join(tmpdir(), 'gesim-operator-circuits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file with just a proving key's header: `GESIMPK1` and the circuit's SCALE index. */
function keyHeader(index) {
  const path = join(dir, `circuit-${index}.pk`);
  writeFileSync(path, Buffer.concat([Buffer.from('GESIMPK1', 'latin1'), Buffer.from([index]), Buffer.alloc(16)]));
  return path;
}

test('circuits in the order of the chain\'s CircuitId (the key header byte)', () => {
  assert.deepEqual(CIRCUITS.map((c) => c.chain), [
    'UsageSum64', 'UsageSum256', 'UsageSum1024', 'EidPossession', 'Usage64', 'Usage256', 'Usage1024',
  ]);
  assert.deepEqual(circuitOfKey(keyHeader(4)), { name: 'usage-64', chain: 'Usage64', batchSize: 64, legacy: false });
  assert.deepEqual(usageCircuitOfKey(keyHeader(6)), { name: 'usage-1024', chain: 'Usage1024', batchSize: 1024, legacy: false });
  assert.throws(() => circuitOfKey(keyHeader(7)), /unknown circuit \(id 7\)/);
});

test('keys of the retired usage-sum circuits and of the EID circuit are refused for usage', () => {
  assert.equal(circuitOfKey(keyHeader(1)).name, 'usage-sum-256');
  assert.throws(() => usageCircuitOfKey(keyHeader(1)), /retired usage-sum-256 circuit.*metering\.CircuitSuperseded.*usage-256 key/);
  assert.throws(() => usageCircuitOfKey(keyHeader(3)), /eid circuit, not a usage circuit/);
});

test('--circuit names a live circuit; a retired one is refused with its successor', () => {
  assert.equal(circuitNamed('usage-256').chain, 'Usage256');
  assert.equal(circuitNamed('eid').chain, 'EidPossession');
  assert.throws(() => circuitNamed('usage-sum-64'), /usage-sum-64 is retired; its successor is usage-64/);
  assert.throws(() => circuitNamed('usage-65'), /unknown circuit `usage-65` \(eid, usage-64, usage-256, usage-1024\)/);
});

test('PLMN octets as MCC-MNC, the MNC as wide as registered', () => {
  assert.equal(plmnName([0x02, 0xf8, 0x10]), '208-01');
  assert.equal(plmnName([0x13, 0x00, 0x62]), '310-260');
  assert.equal(plmnName('0x00f110'), '001-01', 'hex, as polkadot.js shows it');
  assert.equal(plmnName(Uint8Array.from([0x00, 0x11, 0x00])), '001-001', '001 and 01 stay different networks');
  assert.equal(plmnName([0x62, 0x12, 0x00]), '262-001');
});

test('octets that are no PLMN identity are refused', () => {
  assert.throws(() => plmnName([0x02, 0xf8]), /not three octets/);
  assert.throws(() => plmnName([0x0a, 0xf8, 0x10]), /not a TS 24\.008 PLMN identity/, 'a digit above 9');
  assert.throws(() => plmnName([0x02, 0xe8, 0x10]), /not a TS 24\.008/, 'MNC3 neither a digit nor the F filler');
  assert.throws(() => plmnName([0x00, 0xf0, 0x10]), /not a TS 24\.008/, 'MCC 000');
});
