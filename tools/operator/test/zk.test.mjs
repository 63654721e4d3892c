// gesim-zk as the operator tool runs it, with the real binary and a dev-seeded usage-64 key.
// It needs a gesim-zk built from this tree: without one these tests fail, they do not skip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bindingAgreement, circuitOfKey, commit, decodeClaim, findGesimZk, prove, readProof, usageCircuitOfKey,
} from '../src/zk.mjs';

// These tests run the real prover: without a built gesim-zk they fail, they do not skip.
const zk = findGesimZk();

const dir = mkdtempSync(join(tmpdir(), 'gesim-operator-zk-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const TELCO = `0x${'d4'.repeat(16)}${'35'.repeat(16)}`;
const GENESIS = `0x${'91'.repeat(32)}`;
const run = (...args) => JSON.parse(execFileSync(zk, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));

const HEADER = 'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc';
// Ten sessions of entitlement 42 on network 001-01; the same of roaming agreement 7.
const rows = (binding) => Array.from({ length: 10 }, (_, i) => [binding, 1767225600 + 60 * i, 30 + i, 100 * i, 1000 + i, '001', '01']);
const TOTAL = rows(42).reduce((sum, r) => sum + r[3] + r[4], 0);
// The period anchored for them: the first start to the last end (1767225600 + 540 + 39).
const PERIOD = { start: 1767225600n, end: 1767226179n };
const NETWORKS = ['208-01', '001-01'];
const records = join(dir, 'usage.csv');
const roamingRecords = join(dir, 'roaming.csv');
const csv = (lines) => `${HEADER}\n${lines.map((r) => r.join(',')).join('\n')}\n`;

before(() => {
  writeFileSync(records, csv(rows(42)));
  writeFileSync(roamingRecords, csv(rows('18446744073709551623')));
  for (const circuit of ['usage-64', 'eid']) {
    execFileSync(zk, ['setup', '--circuit', circuit, '--dev-seed', '1', '--out-dir', dir], { stdio: 'ignore' });
  }
});

test('the circuit of a proving key comes from its header', () => {
  assert.deepEqual(circuitOfKey(join(dir, 'usage-64.pk')), { name: 'usage-64', chain: 'Usage64', batchSize: 64, legacy: false });
  assert.equal(circuitOfKey(join(dir, 'eid.pk')).chain, 'EidPossession');
  assert.throws(() => usageCircuitOfKey(join(dir, 'eid.pk')), /eid circuit, not a usage circuit/);
  assert.throws(() => circuitOfKey(join(dir, 'usage-64.vk')), /not a gesim-zk proving key/);
  assert.throws(() => circuitOfKey(join(dir, 'nope.pk')), /no such file/);
});

test('commit is run in the batch size it is given', async () => {
  const direct = run('commit', '--records', records, '--batch-size', '64');
  const ours = await commit(zk, { records, batchSize: 64 });
  assert.deepEqual(ours, direct);
  assert.equal(ours.total_bytes, TOTAL);
  assert.equal(ours.records, 10);
  // The root depends on the batch size: a 256 commitment of the same records differs.
  const wide = await commit(zk, { records, batchSize: 256 });
  assert.equal(wide.batch_size, 256);
  assert.notEqual(wide.root_hex, ours.root_hex);
});

test('prove binds the claim to telco, entitlement, chain, period and networks; the claim is the chain\'s UsageClaim', async () => {
  const out = join(dir, 'proof-7.json');
  const proof = await prove(zk, {
    pk: join(dir, 'usage-64.pk'), records, nonce: 7n, telco: TELCO, agreement: bindingAgreement({ Entitlement: 42 }), genesisHash: GENESIS,
    period: PERIOD, networks: NETWORKS, out,
  });
  assert.deepEqual(readProof(out), proof, 'written to --out');
  const binding = run('binding', '--telco', TELCO, '--agreement', '42', '--genesis-hash', GENESIS);
  const root = run('commit', '--records', records, '--batch-size', '64').root;
  // root, total, nonce, binding, subject, period start, period end, networks commitment.
  assert.equal(proof.public_inputs.length, 8);
  assert.deepEqual(proof.public_inputs.slice(0, 7), [root, String(TOTAL), '7', binding.binding, '42', String(PERIOD.start), String(PERIOD.end)]);
  assert.deepEqual(decodeClaim(proof.scale.claim), { totalBytes: BigInt(TOTAL), nonce: 7n, proof: proof.proof_hex });
  assert.equal(run('verify', '--vk', join(dir, 'usage-64.vk'), '--proof', out).valid, true);
});

test('a roaming agreement binds as 2^64 + its id, never as an entitlement', async () => {
  assert.equal(bindingAgreement({ Roaming: 7 }), 18446744073709551623n);
  const proof = await prove(zk, {
    pk: join(dir, 'usage-64.pk'), records: roamingRecords, nonce: 8n, telco: TELCO, agreement: bindingAgreement({ Roaming: 7 }), genesisHash: GENESIS,
    period: PERIOD, networks: NETWORKS, out: join(dir, 'roaming.json'),
  });
  const roaming = run('binding', '--telco', TELCO, '--agreement', '18446744073709551623', '--genesis-hash', GENESIS);
  const entitlement = run('binding', '--telco', TELCO, '--agreement', '7', '--genesis-hash', GENESIS);
  assert.equal(proof.binding_hex, roaming.binding_hex);
  assert.notEqual(proof.binding_hex, entitlement.binding_hex);
  assert.equal(proof.public_inputs[4], '18446744073709551623', 'the subject');
});

test('records the statement does not cover cannot be proved', async () => {
  const base = {
    pk: join(dir, 'usage-64.pk'), records, nonce: 9n, telco: TELCO, agreement: 42n, genesisHash: GENESIS, period: PERIOD, networks: NETWORKS,
    out: join(dir, 'refused.json'),
  };
  const refusals = [
    ['another subject', { agreement: 43n }],
    ['a session before the period', { period: { ...PERIOD, start: PERIOD.start + 1n } }],
    ['a session after the period', { period: { ...PERIOD, end: PERIOD.end - 1n } }],
    ['a network the operator does not run', { networks: ['208-01', '001-001'] }],
  ];
  for (const [what, change] of refusals) {
    await assert.rejects(prove(zk, { ...base, ...change }), /^Error: gesim-zk prove: /, what);
  }
  await assert.rejects(prove(zk, { ...base, networks: [] }), /no serving networks/);
});

test('gesim-zk failures come back as its own error line', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n1,1767225600,30,1,1,000,01\n');
  await assert.rejects(commit(zk, { records: bad, batchSize: 64 }), /^Error: gesim-zk commit: .*bad\.csv: line 2: mcc `000`/);
  const many = join(dir, 'many.csv');
  writeFileSync(many, `binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n${'1,1767225600,30,1,1,208,01\n'.repeat(65)}`);
  await assert.rejects(commit(zk, { records: many, batchSize: 64 }), /gesim-zk commit: /);
});

test('where gesim-zk is looked for: flag, GESIM_ZK, PATH, CARGO_TARGET_DIR, ~/.cache/gesim', () => {
  const fake = (at) => {
    mkdirSync(at, { recursive: true });
    const path = join(at, 'gesim-zk');
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };
  const onPath = fake(join(dir, 'bin'));
  const inTarget = fake(join(dir, 'target', 'debug'));
  const inHome = fake(join(dir, 'home', '.cache', 'gesim', 'target', 'debug'));
  const home = join(dir, 'home');
  assert.equal(findGesimZk(onPath, { GESIM_ZK: inTarget }), onPath);
  assert.equal(findGesimZk(undefined, { GESIM_ZK: inTarget, PATH: join(dir, 'bin') }), inTarget);
  assert.equal(findGesimZk(undefined, { PATH: `/nonexistent:${join(dir, 'bin')}`, CARGO_TARGET_DIR: join(dir, 'target') }), onPath);
  assert.equal(findGesimZk(undefined, { PATH: '/nonexistent', CARGO_TARGET_DIR: join(dir, 'target'), HOME: home }), inTarget);
  assert.equal(findGesimZk(undefined, { PATH: '/nonexistent', HOME: home }), inHome);
  assert.throws(() => findGesimZk(undefined, { PATH: '/nonexistent', HOME: join(dir, 'nobody') }), /gesim-zk not found/);
  assert.throws(() => findGesimZk(join(dir, 'usage.csv'), {}), /is not an executable file/);
});
