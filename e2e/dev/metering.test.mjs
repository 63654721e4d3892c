// Usage metering from polkadot.js and the operator's command line: the council registers a
// usage verifying key, a subscriber buys a plan from the dev chain's operator, the operator
// runs `gesim-operator claim` on a CSV of usage records (anchor the commitment, prove, settle)
// and escrow pays exactly the share of the price that the proved bytes are of the quota (the
// subscriber acknowledged them, so all of it at once: acknowledged.test.mjs holds the rest).
// Then the refusals: the same proof again, a re-randomised proof of the same claim, a batch
// overlapping the settled one, a period ending in the future, a total off by one; and usage
// beyond the quota, which is capped at what is left. Every batch lies after the operator's
// usage clock of the entitlement (the end of the last period it anchored) and before the
// chain's time.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import {
  connect, dev, fresh, send, findEvent, stablecoinBalance, treasury, ensureUsageKey, operatorCli, zk,
  createPlan, planTerms, chainSeconds, usageClock, usageWindow, proveUsage, marginOf, proofWithTotal,
  STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

const work = mkdtempSync(join(tmpdir(), 'gesim-metering-'));
after(() => rmSync(work, { recursive: true, force: true }));

// The dev chain's operator: Alice, registered at genesis with the test network 001-01
// (TS 24.008 octets 00 F1 10).
const TELCO_SURI = '//Alice';
const telco = dev('Alice');
const PLMN = '0x00f110';
const [MCC, MNC] = ['001', '01'];
const subscriber = fresh();

// A quota and a price that do not divide evenly, so that rounding shows.
const QUOTA = 6_000_007n;
const PRICE = 7n * DOLLAR + 3n;
// Nonces are the operator's, never reused; Alice serves every run on a long-lived dev chain.
// In the order the tests use them (the refused ones consume nothing).
const NONCE_BASE = BigInt(Date.now()) * 1000n;
const NONCES = { first: NONCE_BASE + 1n, overlapping: NONCE_BASE + 2n, future: NONCE_BASE + 3n, second: NONCE_BASE + 4n };
const HEADER = 'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc';

let usageKey; // { pk, vk, key }
let entitlement; // id
let intent; // escrow intent id
const batches = {}; // name -> { file, total, period, proof }
const subject = () => ({ Entitlement: entitlement });

/** Runs gesim-operator as the dev operator. */
const operator = (...args) => operatorCli(TELCO_SURI, ...args);

/** Asserts that a run failed with exactly one `error:` line naming `errorName`. */
function assertRefused(run, errorName) {
  assert.notEqual(run.code, 0, `expected ${errorName}, got success: ${JSON.stringify(run.out)}`);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${run.stderr}`);
  assert.match(lines[0], /^error: /);
  assert.ok(lines[0].includes(errorName), `${errorName} expected in: ${lines[0]}`);
}

/**
 * Writes a CSV of usage records for the entitlement; returns its file, the sum of bytes up and
 * down, and the period it covers (earliest start, latest start + duration).
 */
function writeBatch(name, rows) {
  const file = join(work, name);
  const lines = rows.map((r) => [entitlement, r.start, r.duration, r.up, r.down, MCC, MNC].join(','));
  writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return {
    file,
    total: rows.reduce((sum, r) => sum + r.up + r.down, 0n),
    period: {
      start: rows.reduce((min, r) => (r.start < min ? r.start : min), rows[0].start),
      end: rows.reduce((max, r) => (r.start + r.duration > max ? r.start + r.duration : max), 0n),
    },
  };
}

/** What the entitlement has left and what its escrow still holds. */
async function entitlementState() {
  const record = (await api.query.planCatalog.entitlements(entitlement)).unwrap();
  const held = (await api.query.escrow.intents(intent)).unwrap().held.toBigInt();
  return { remaining: record.remainingBytes.toBigInt(), held };
}

async function balances() {
  return { telco: await stablecoinBalance(api, telco.address), treasury: await stablecoinBalance(api, treasury()) };
}

/** `gesim-zk prove` for the entitlement in `period`, bound to the operator, its network and this chain. */
function prove(records, nonce, period, out) {
  return proveUsage(api, {
    pk: usageKey.pk, records, nonce, telco, subject: subject(), period, networks: [`${MCC}-${MNC}`], out,
  });
}

/** Nothing waits for a proof under `nonce`. */
async function nothingAnchored(nonce) {
  return (await api.query.metering.pendingUsage(telco.address, nonce)).isNone;
}

test('the dev chain starts with the dev-seeded usage keys; the council registers another version', async () => {
  const motions = async () => (await api.query.council.proposalCount()).toNumber();
  const before = await motions();
  usageKey = await ensureUsageKey(api, 'usage-64', work);
  assert.deepEqual(usageKey.key, { circuit: 'Usage64', version: 1 });
  assert.equal(await motions(), before, 'registered at genesis: no motion');
  for (const circuit of ['Usage64', 'Usage256', 'Usage1024']) {
    const stored = await api.query.metering.verifyingKeys(circuit, 1);
    assert.ok(stored.isSome && !stored.unwrap().retired.toPrimitive(), `${circuit} v1 in force`);
  }

  // A new trusted setup is a new version, registered by council motion, once.
  const rotated = await ensureUsageKey(api, 'usage-64', mkdtempSync(join(work, 'v2-')), { version: 2, seed: 2 });
  assert.deepEqual(rotated.key, { circuit: 'Usage64', version: 2 });
  assert.ok((await api.query.metering.verifyingKeys('Usage64', 2)).isSome, 'v2 registered');
  const afterRotation = await motions();
  await ensureUsageKey(api, 'usage-64', mkdtempSync(join(work, 'v2-')), { version: 2, seed: 2 });
  assert.equal(await motions(), afterRotation, 'no second motion');
});

test('propose-key: refuses a registered key; otherwise proposes and votes, the council decides', async () => {
  const vk = usageKey.vk;
  assertRefused(
    await operator('propose-key', '--vk', vk, '--circuit', 'usage-64', '--key-version', '1'),
    'metering.KeyAlreadyRegistered',
  );

  // An unused version: the motion is proposed and carries Alice's aye, and nothing more.
  const version = 3 + Number(NONCE_BASE % 60_000n);
  const run = await operator('propose-key', '--vk', vk, '--circuit', 'usage-64', '--key-version', String(version));
  assert.equal(run.code, 0, run.stderr);
  const { proposalHash, proposalIndex, threshold, ayes } = run.out;
  assert.equal(threshold, 2, 'two thirds of a council of three');
  assert.deepEqual(ayes, [telco.address]);
  const voting = (await api.query.council.voting(proposalHash)).unwrap();
  assert.equal(voting.index.toNumber(), proposalIndex);
  assert.deepEqual(voting.ayes.map((a) => a.toString()), [telco.address], 'the proposer voted');
  const proposal = (await api.query.council.proposalOf(proposalHash)).unwrap();
  assert.equal(`${proposal.section}.${proposal.method}`, 'metering.registerKey');
  assert.deepEqual(proposal.args[0].toJSON(), { circuit: 'Usage64', version });
  assert.ok(proposal.args[1].toHex().endsWith(u8aToHex(readFileSync(vk)).slice(2)), 'the key file, byte for byte');

  // Bob and Charlie turn it down: closing it registers nothing.
  for (const member of ['Bob', 'Charlie']) await send(api, api.tx.council.vote(proposalHash, proposalIndex, false), dev(member));
  const { events } = await send(
    api, api.tx.council.close(proposalHash, proposalIndex, { refTime: 1_000_000_000_000n, proofSize: 1_000_000n }, run.out.lengthBound), telco,
  );
  assert.ok(findEvent(events, 'council', 'Disapproved'));
  assert.ok((await api.query.metering.verifyingKeys('Usage64', version)).isNone);
});

test('a subscriber with an identity buys a plan from the dev operator', async () => {
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), telco);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, PRICE + DOLLAR), telco);
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'0d'.repeat(32)}`, `0x${'0c'.repeat(32)}`), telco);

  const plan = await createPlan(api, telco, planTerms({ quotaBytes: QUOTA, price: PRICE, networks: [PLMN], termsByte: '22' }));
  const { events, blockHash } = await send(api, api.tx.planCatalog.purchase(plan), subscriber);
  const purchased = findEvent(events, 'planCatalog', 'Purchased');
  entitlement = purchased.data.entitlement.toNumber();
  intent = purchased.data.intent.toNumber();
  // Off the shelf again, so that runs on a long-lived chain do not pile up Alice's plans.
  await send(api, api.tx.planCatalog.retirePlan(plan), telco);

  const record = (await api.query.planCatalog.entitlements(entitlement)).unwrap();
  assert.equal(record.telco.toString(), telco.address);
  assert.deepEqual(await entitlementState(), { remaining: QUOTA, held: PRICE });
  // Alice bills no session from before the purchase: her usage clock starts at its block's time.
  const boughtAt = (await api.query.timestamp.now.at(blockHash)).toBigInt() / 1000n;
  assert.equal(await usageClock(api, telco, subject()), boughtAt);
});

test('gesim-operator claim: anchored, proved, settled; escrow pays the proved share exactly', async () => {
  // Twenty sessions, as an operator's CDR export has them: none before the end of the last
  // batch anchored (the usage clock), all over by the chain's latest block.
  const window = await usageWindow(api, telco, subject(), 300, telco);
  const rows = Array.from({ length: 20 }, (_, i) => ({
    start: window.start + 15n * BigInt(i),
    duration: 5n + BigInt(i % 10),
    up: 5_000n + 1_237n * BigInt(i),
    down: 100_000n + 7_919n * BigInt(i),
  }));
  const batch = (batches.first = writeBatch('batch-1.csv', rows));
  // The subscriber's device counted the same bytes: the whole claim pays at once.
  await send(api, api.tx.metering.acknowledgeUsage(entitlement, batch.total), subscriber);
  const before = await balances();

  const run = await operator(
    'claim', '--records', batch.file, '--entitlement', String(entitlement), '--pk', usageKey.pk,
    '--nonce', String(NONCES.first),
  );
  assert.equal(run.code, 0, run.stderr);
  const { anchored, settled } = run.out;

  const commitment = zk('commit', '--records', batch.file, '--batch-size', '64');
  assert.equal(anchored.telco, telco.address);
  assert.equal(anchored.nonce, String(NONCES.first));
  assert.deepEqual(anchored.subject, { Entitlement: entitlement });
  assert.deepEqual(anchored.key, { circuit: 'Usage64', version: 1 });
  assert.equal(anchored.root, commitment.root_hex);
  assert.deepEqual(anchored.period, { start: String(batch.period.start), end: String(batch.period.end) });
  assert.equal(anchored.totalBytes, String(batch.total));
  assert.equal(commitment.total_bytes, Number(batch.total), 'gesim-zk sums the CSV as we do');
  assert.equal(await usageClock(api, telco, subject()), batch.period.end + 1n, 'the next batch starts after this one');

  // Pro rata of the held price for the share of the (untouched) quota used, rounded down.
  const released = (PRICE * batch.total) / QUOTA;
  const margin = await marginOf(api, released);
  assert.equal(settled.telco, telco.address);
  assert.equal(settled.nonce, String(NONCES.first));
  assert.deepEqual(settled.subject, { Entitlement: entitlement });
  assert.equal(BigInt(settled.claimedBytes), batch.total);
  assert.equal(BigInt(settled.settledBytes), batch.total);
  assert.equal(BigInt(settled.payout) + BigInt(settled.margin), released);
  assert.equal(BigInt(settled.held), 0n, 'nothing held: all of it was acknowledged');
  assert.equal(BigInt(settled.margin), margin);
  assert.ok(margin > 0n, 'the margin is not rounded away here');

  const after = await balances();
  assert.equal(after.telco - before.telco, BigInt(settled.payout), 'the operator got the payout');
  assert.equal(after.treasury - before.treasury, margin, 'the treasury got the margin');
  assert.deepEqual(await entitlementState(), { remaining: QUOTA - batch.total, held: PRICE - released });

  // What the tool printed is the event in that block.
  const event = (await api.query.system.events.at(settled.blockHash))
    .map(({ event }) => event)
    .find((e) => e.section === 'metering' && e.method === 'UsageSettled');
  assert.equal(event.data.payout.toBigInt(), BigInt(settled.payout));
  assert.equal(event.data.margin.toBigInt(), margin);
  assert.ok(existsSync(settled.proof), 'the proof is kept');
  batches.first.proof = settled.proof;
});

test('the same proof again is refused: its nonce is consumed', async () => {
  const before = { ...(await entitlementState()), ...(await balances()) };
  assertRefused(await operator('submit-proof', '--proof', batches.first.proof), 'metering.NonceConsumed');
  assert.deepEqual({ ...(await entitlementState()), ...(await balances()) }, before, 'nothing moved');
});

test('a re-randomised proof of the same claim is refused too', async () => {
  // Groth16 proving is randomised: proving the same records and nonce again gives other
  // bytes for the same statement, as valid as the first. Replay protection is the nonce's.
  const first = JSON.parse(readFileSync(batches.first.proof, 'utf8'));
  const again = prove(batches.first.file, NONCES.first, batches.first.period, join(work, 'batch-1.again.json'));
  assert.notEqual(again.proof_hex, first.proof_hex, 'other proof bytes');
  assert.deepEqual(again.public_inputs, first.public_inputs, 'the same statement');
  assert.equal(zk('verify', '--vk', usageKey.vk, '--proof', join(work, 'batch-1.again.json')).valid, true);

  const before = await entitlementState();
  assertRefused(await operator('submit-proof', '--proof', join(work, 'batch-1.again.json')), 'metering.NonceConsumed');
  assert.deepEqual(await entitlementState(), before);
});

test('a batch overlapping the settled one is refused, and changes nothing', async () => {
  // One session from the second the first batch ended: that second is invoiced already.
  const settled = batches.first.period;
  const batch = writeBatch('overlapping.csv', [{ start: settled.end, duration: 1n, up: 1_000n, down: 2_000n }]);
  const state = async () => ({ clock: await usageClock(api, telco, subject()), ...(await entitlementState()), ...(await balances()) });
  const before = await state();
  assert.equal(before.clock, settled.end + 1n);

  const run = await operator(
    'anchor', '--records', batch.file, '--entitlement', String(entitlement), '--pk', usageKey.pk,
    '--nonce', String(NONCES.overlapping),
  );
  assertRefused(run, 'metering.PeriodOverlaps');
  assert.deepEqual(await state(), before, 'the clock, the entitlement and the balances are unchanged');
  assert.ok(await nothingAnchored(NONCES.overlapping));
});

test('a period ending in the future is refused', async () => {
  // From the clock, so that only the end is wrong: a session the chain has not seen end yet.
  const clock = await usageClock(api, telco, subject());
  const end = (await chainSeconds(api)) + 600n;
  const batch = writeBatch('future.csv', [{ start: clock, duration: end - clock, up: 1_000n, down: 2_000n }]);

  const run = await operator(
    'anchor', '--records', batch.file, '--entitlement', String(entitlement), '--pk', usageKey.pk,
    '--nonce', String(NONCES.future),
  );
  assertRefused(run, 'metering.PeriodInFuture');
  assert.equal(await usageClock(api, telco, subject()), clock, 'the clock stands');
  assert.ok(await nothingAnchored(NONCES.future));
});

test('a claim whose total is off by one is refused', async () => {
  const { remaining } = await entitlementState();
  // Later sessions, after the first batch (the clock), more bytes than the entitlement has left.
  const window = await usageWindow(api, telco, subject(), 240, telco);
  const rows = Array.from({ length: 12 }, (_, i) => ({
    start: window.start + 20n * BigInt(i),
    duration: 8n + BigInt(i),
    up: 50_000n + 3_001n * BigInt(i),
    down: 200_000n + 11_003n * BigInt(i),
  }));
  const batch = (batches.second = writeBatch('batch-2.csv', rows));
  assert.ok(batch.total > remaining, 'the second batch exceeds what is left');

  const anchoredRun = await operator(
    'anchor', '--records', batch.file, '--entitlement', String(entitlement), '--pk', usageKey.pk,
    '--nonce', String(NONCES.second),
  );
  assert.equal(anchoredRun.code, 0, anchoredRun.stderr);
  assert.equal(anchoredRun.out.nonce, String(NONCES.second));
  assert.equal(anchoredRun.out.root, zk('commit', '--records', batch.file, '--batch-size', '64').root_hex);

  const proof = prove(batch.file, NONCES.second, batch.period, join(work, 'batch-2.proof.json'));
  for (const [name, total] of [['plus-one', batch.total + 1n], ['minus-one', batch.total - 1n]]) {
    const forged = proofWithTotal(proof, total, join(work, `batch-2.${name}.json`));
    assertRefused(await operator('submit-proof', '--proof', forged), 'metering.ProofRejected');
  }
  assert.equal((await entitlementState()).remaining, remaining, 'nothing consumed');
});

test('usage beyond the remaining quota is capped at it', async () => {
  const batch = batches.second;
  await send(api, api.tx.metering.acknowledgeUsage(entitlement, batches.first.total + batch.total), subscriber);
  const state = await entitlementState();
  const before = await balances();

  // The nonce refused above with a forged total is still open: the honest claim settles.
  const run = await operator(
    'settle', '--records', batch.file, '--entitlement', String(entitlement), '--pk', usageKey.pk,
    '--nonce', String(NONCES.second), '--proof-out', join(work, 'batch-2.settled.json'),
  );
  assert.equal(run.code, 0, run.stderr);
  const settled = run.out;
  assert.equal(settled.proof, join(work, 'batch-2.settled.json'));
  assert.equal(BigInt(settled.claimedBytes), batch.total, 'claimed: the whole batch');
  assert.equal(BigInt(settled.settledBytes), state.remaining, 'settled: what was left');
  // All the quota that was left is used: all the money that was held is released.
  const margin = await marginOf(api, state.held);
  assert.equal(BigInt(settled.payout) + BigInt(settled.margin), state.held);
  assert.equal(BigInt(settled.margin), margin);

  const after = await balances();
  assert.equal(after.telco - before.telco, BigInt(settled.payout));
  assert.equal(after.treasury - before.treasury, margin);
  assert.deepEqual(await entitlementState(), { remaining: 0n, held: 0n });
  assert.equal((await api.query.escrow.intents(intent)).unwrap().status.toString(), 'Released');
});
