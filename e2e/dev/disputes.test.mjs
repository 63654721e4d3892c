// Disputes from polkadot.js: an operator claims more than the subscriber's device
// acknowledged; the money beyond it is held. The subscriber disputes the held settlement (the
// escrow freezes, the deposit is taken) and the council rules by motion: a full refund, to
// the unit, and then, on a second over-claim, a split that pays both parties exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect, dev, fresh, send, findEvent, stablecoinBalance, createPlan, planTerms, operatorCli, claimEntitlementUsage,
  ensureUsageKey, lessMargin, councilMotion, fileDispute, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
const work = mkdtempSync(join(tmpdir(), 'gesim-disputes-'));
const telco = dev('Alice');
const subscriber = fresh();
const QUOTA = 10_000_000n;
const PRICE = 10n * DOLLAR + 7n;
const NONCE_BASE = BigInt(Date.now()) * 1000n + 800n;

let usageKey;
let entitlement;
let intent;
let lastNonce;

/** Claims `bytes` of the entitlement's usage as Alice, under her next nonce; resolves with `settled`. */
function claim(bytes) {
  lastNonce = (lastNonce ?? NONCE_BASE) + 1n;
  return claimEntitlementUsage(api, { suri: '//Alice', telco, entitlement, bytes, nonce: lastNonce, pk: usageKey.pk, dir: work });
}

/** The subscriber disputes the last held settlement; resolves with the dispute's id. */
async function dispute() {
  const subject = { HeldSettlement: { telco: telco.address, nonce: lastNonce } };
  return (await fileDispute(api, subject, `0x${'ee'.repeat(32)}`, subscriber)).dispute;
}

const balances = async () => ({ subscriber: await stablecoinBalance(api, subscriber.address), telco: await stablecoinBalance(api, telco.address) });

before(async () => {
  usageKey = await ensureUsageKey(api, 'usage-64', work);
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), telco);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, PRICE + 5n * DOLLAR), telco);
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'4d'.repeat(32)}`, `0x${'4c'.repeat(32)}`), telco);
  const plan = await createPlan(api, telco, planTerms({ quotaBytes: QUOTA, price: PRICE, networks: ['0x00f110'], termsByte: '66' }));
  const purchased = findEvent((await send(api, api.tx.planCatalog.purchase(plan), subscriber)).events, 'planCatalog', 'Purchased');
  entitlement = purchased.data.entitlement.toNumber();
  intent = purchased.data.intent.toNumber();
  await send(api, api.tx.planCatalog.retirePlan(plan), telco);
  await send(api, api.tx.metering.acknowledgeUsage(entitlement, 1_000_000n), subscriber);
});
after(async () => {
  await api.disconnect();
  rmSync(work, { recursive: true, force: true });
});

test('an over-claim is held, disputed and refunded to the unit', async () => {
  const settled = await claim(4_000_000n);
  const held = BigInt(settled.held);
  assert.ok(held > 0n, 'beyond the acknowledgement: held');

  const before = await balances();
  const id = await dispute();
  const deposit = api.consts.disputes.disputeDeposit.toBigInt();
  assert.equal((await balances()).subscriber, before.subscriber - deposit, 'the deposit is put down');
  assert.equal((await api.query.escrow.intents(intent)).unwrap().status.toString(), 'Frozen');
  // Frozen: not even the council's ruling can be pre-empted by the operator.
  const early = await operatorCli('//Alice', 'release-held', '--nonce', String(lastNonce));
  assert.notEqual(early.code, 0);

  const closed = await councilMotion(api, api.tx.disputes.rule(id, { Refund: { compensation: 0 } }));
  const ruled = findEvent(closed, 'disputes', 'DisputeRuled');
  assert.equal(ruled.data.refunded.toBigInt(), held);
  assert.equal(ruled.data.released.toBigInt(), 0n);
  const after = await balances();
  assert.equal(after.subscriber, before.subscriber + held, 'the held money and the deposit are back');
  assert.equal(after.telco, before.telco, 'the operator got nothing of it');
  assert.ok((await api.query.metering.heldSettlements(telco.address, lastNonce)).isNone);
  assert.notEqual((await api.query.escrow.intents(intent)).unwrap().status.toString(), 'Frozen');
});

test('a split ruling pays both parties exactly', async () => {
  const settled = await claim(2_000_000n);
  const held = BigInt(settled.held);
  const before = await balances();
  const id = await dispute();

  const closed = await councilMotion(api, api.tx.disputes.rule(id, { Split: { toSubscriber: 2_500 } }));
  const ruled = findEvent(closed, 'disputes', 'DisputeRuled');
  const refunded = (held * 2_500n) / 10_000n;
  assert.equal(ruled.data.refunded.toBigInt(), refunded);
  assert.equal(ruled.data.released.toBigInt(), held - refunded);
  const after = await balances();
  assert.equal(after.subscriber, before.subscriber + refunded);
  assert.equal(after.telco, before.telco + await lessMargin(api, held - refunded));
});

test('a stranger cannot dispute, and a second dispute on a disputed entitlement is refused', async () => {
  await claim(1_000_000n);
  const stranger = dev('Bob');
  await assert.rejects(
    send(api, api.tx.disputes.fileDispute({ HeldSettlement: { telco: telco.address, nonce: lastNonce } }, `0x${'00'.repeat(32)}`), stranger),
    /disputes\.NotAParty/,
  );
  const id = await dispute();
  await assert.rejects(
    send(api, api.tx.disputes.fileDispute({ Entitlement: entitlement }, `0x${'01'.repeat(32)}`), subscriber),
    /disputes\.AlreadyDisputed/,
  );
  await councilMotion(api, api.tx.disputes.rule(id, 'Reject'));
});
