// Batch settlement with the operator's command line and polkadot.js: the dev operator anchors a
// batch of usage for each of three subscribers' entitlements and proves them all, one proof with
// a total off by one byte. `gesim-operator submit-batch` settles the three in one extrinsic: the
// chain checks the proofs together through the node's host function, pays the two true claims,
// refuses the false one by name and leaves its commitment and quota untouched; the call is
// charged its worst case. The true proof of that batch then settles alone, refunded down to one
// combined check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect, dev, fresh, send, findEvent, createPlan, planTerms, ensureUsageKey, operatorCli, proveUsage,
  proofWithTotal, usageWindow, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
const work = mkdtempSync(join(tmpdir(), 'gesim-batch-'));
const telco = dev('Alice');
const QUOTA = 10_000_000n;
const PRICE = DOLLAR;
const NONCE_BASE = BigInt(Date.now()) * 1000n + 900n;
const HEADER = 'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc';

let usageKey;
const claims = []; // { entitlement, nonce, bytes, proof (file), proofJson }

const remaining = async (id) => (await api.query.planCatalog.entitlements(id)).unwrap().remainingBytes.toBigInt();
const waiting = async (nonce) => (await api.query.metering.pendingUsage(telco.address, nonce)).isSome;

/**
 * The weight the block charged the `metering.settleUsageBatch` extrinsic in `blockHash`, and what
 * it declared before it ran: the fee's weight, and the base every extrinsic pays, which the
 * event counts in.
 */
async function chargedWeight(blockHash) {
  const [block, events] = await Promise.all([api.rpc.chain.getBlock(blockHash), api.query.system.events.at(blockHash)]);
  const index = block.block.extrinsics.findIndex((x) => x.method.section === 'metering' && x.method.method === 'settleUsageBatch');
  assert.ok(index >= 0, 'the batch is in the block');
  const success = events.find(({ phase, event }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index
    && api.events.system.ExtrinsicSuccess.is(event));
  const extrinsic = block.block.extrinsics[index];
  const base = api.consts.system.blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();
  const declared = (await api.tx(extrinsic.method).paymentInfo(telco)).weight.refTime.toBigInt() + base;
  return { charged: success.event.data.dispatchInfo.weight.refTime.toBigInt(), declared };
}

before(async () => {
  usageKey = await ensureUsageKey(api, 'usage-64', work);
  const plan = await createPlan(api, telco, planTerms({ quotaBytes: QUOTA, price: PRICE, networks: ['0x00f110'], termsByte: '88' }));
  for (let i = 0; i < 3; i += 1) {
    const subscriber = fresh();
    await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), telco);
    await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, PRICE + DOLLAR), telco);
    const byte = (0x91 + i).toString(16);
    await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${byte.repeat(32)}`, `0x${byte.repeat(32)}`), telco);
    const { events } = await send(api, api.tx.planCatalog.purchase(plan), subscriber);
    claims.push({ entitlement: findEvent(events, 'planCatalog', 'Purchased').data.entitlement.toNumber() });
  }
  await send(api, api.tx.planCatalog.retirePlan(plan), telco);

  // A batch of each entitlement's usage, anchored with gesim-operator, then proved.
  for (const [i, claim] of claims.entries()) {
    const subject = { Entitlement: claim.entitlement };
    const period = await usageWindow(api, telco, subject, 120, telco);
    claim.nonce = NONCE_BASE + BigInt(i);
    claim.bytes = 1_000_000n * BigInt(i + 1);
    const records = join(work, `batch-${claim.nonce}.csv`);
    const row = [claim.entitlement, period.start, 60, claim.bytes / 4n, claim.bytes - claim.bytes / 4n, '001', '01'];
    writeFileSync(records, `${HEADER}\n${row.join(',')}\n`);
    const anchored = await operatorCli('//Alice', 'anchor', '--records', records, '--entitlement', String(claim.entitlement),
      '--pk', usageKey.pk, '--nonce', String(claim.nonce));
    assert.equal(anchored.code, 0, anchored.stderr);
    const { start, end } = anchored.out.period;
    claim.proof = join(work, `proof-${claim.nonce}.json`);
    claim.proofJson = proveUsage(api, {
      pk: usageKey.pk, records, nonce: claim.nonce, telco, subject, period: { start, end }, networks: ['001-01'], out: claim.proof,
    });
  }
});
after(async () => {
  await api.disconnect();
  rmSync(work, { recursive: true, force: true });
});

test('one extrinsic settles three claims: the true ones are paid, the false one is refused by name and changes nothing', async () => {
  const [first, second, third] = claims;
  const inflated = proofWithTotal(second.proofJson, second.bytes + 1n, join(work, 'inflated.json'));

  const run = await operatorCli('//Alice', 'submit-batch', '--proof', first.proof, '--proof', inflated, '--proof', third.proof);

  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.out.key, usageKey.key);
  assert.deepEqual(run.out.refused, [{ nonce: String(second.nonce), error: 'metering.ProofRejected' }]);
  assert.deepEqual(
    run.out.settled.map((s) => [s.nonce, s.subject, s.claimedBytes, s.settledBytes]),
    [first, third].map((c) => [String(c.nonce), { Entitlement: c.entitlement }, String(c.bytes), String(c.bytes)]),
  );
  for (const settled of run.out.settled) {
    assert.ok(BigInt(settled.payout) + BigInt(settled.margin) + BigInt(settled.held) > 0n, 'paid from escrow');
  }
  assert.equal(await remaining(first.entitlement), QUOTA - first.bytes);
  assert.equal(await remaining(second.entitlement), QUOTA, 'the false claim took no quota');
  assert.equal(await remaining(third.entitlement), QUOTA - third.bytes);
  assert.ok(await waiting(second.nonce), 'the false claim\'s commitment still waits for its proof');
  assert.ok(!(await waiting(first.nonce)) && !(await waiting(third.nonce)));

  // A false proof made the chain check every proof alone: charged the worst case it declared.
  const { charged, declared } = await chargedWeight(run.out.blockHash);
  assert.equal(charged, declared);
});

test('the true proof then settles alone, refunded down to one combined check', async () => {
  const second = claims[1];
  const run = await operatorCli('//Alice', 'submit-batch', '--proof', second.proof);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.out.refused, []);
  assert.deepEqual(run.out.settled.map((s) => [s.nonce, s.settledBytes]), [[String(second.nonce), String(second.bytes)]]);
  assert.equal(await remaining(second.entitlement), QUOTA - second.bytes);

  const { charged, declared } = await chargedWeight(run.out.blockHash);
  assert.ok(charged < declared, `refunded: charged ${charged} of ${declared}`);

  // Settled once: the same claim again, from polkadot.js, is refused by name.
  const { events } = await send(api, api.tx.metering.settleUsageBatch(usageKey.key, [second.proofJson.scale.claim]), telco);
  const refused = findEvent(events, 'metering', 'ClaimRefused');
  assert.equal(refused.data.nonce.toBigInt(), second.nonce);
  const error = api.registry.findMetaError(refused.data.error.asModule);
  assert.equal(`${error.section}.${error.name}`, 'metering.NonceConsumed');
  assert.equal(findEvent(events, 'metering', 'UsageSettled'), undefined);
});
