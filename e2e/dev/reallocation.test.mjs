// A reallocation from polkadot.js: the dev operator (Alice) fails a subscriber, who disputes
// the entitlement, and the council reallocates what is left of it to a second operator's
// comparable plan by motion. The subscriber ends with a working entitlement there: the second
// operator proves usage of it with `gesim-operator claim` and is paid from the money that
// moved. Every balance is checked to the unit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import {
  connect, dev, fresh, send, findEvent, stablecoinBalance, createPlan, planTerms, claimEntitlementUsage,
  ensureUsageKey, lessMargin, councilMotion, admitOperator, fileDispute, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
const work = mkdtempSync(join(tmpdir(), 'gesim-reallocation-'));
const alice = dev('Alice');
const subscriber = fresh();
// The second operator's key as its operator holds it: a secret phrase.
const partnerSuri = mnemonicGenerate();
const partner = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(partnerSuri);
const QUOTA = 10_000_000n;
const PRICE = 10n * DOLLAR + 7n;
const USED = 4_000_000n;
const NONCE_BASE = BigInt(Date.now()) * 1000n + 900n;

let usageKey;
let partnerNetwork;
let entitlement;
let intent;

const held = async (id) => (await api.query.escrow.intents(id)).unwrap().held.toBigInt();

before(async () => {
  usageKey = await ensureUsageKey(api, 'usage-64', work);
  // The second operator: bonded, admitted by the council, on a network of its own.
  await send(api, api.tx.balances.transferKeepAlive(partner.address, 20_000n * UNIT), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, partner.address, 10n * DOLLAR), alice);
  partnerNetwork = await admitOperator(api, partner, 'GeSIM Reallocation Partner', `0x${'ce'.repeat(32)}`);

  // The subscriber buys Alice's plan and uses (and acknowledges) 4 MB of its 10 MB.
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, 2n * PRICE + 5n * DOLLAR), alice);
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'5d'.repeat(32)}`, `0x${'5c'.repeat(32)}`), alice);
  const plan = await createPlan(api, alice, planTerms({ quotaBytes: QUOTA, price: PRICE, networks: ['0x00f110'], termsByte: '67' }));
  const purchased = findEvent((await send(api, api.tx.planCatalog.purchase(plan), subscriber)).events, 'planCatalog', 'Purchased');
  entitlement = purchased.data.entitlement.toNumber();
  intent = purchased.data.intent.toNumber();
  await send(api, api.tx.planCatalog.retirePlan(plan), alice);
  await send(api, api.tx.metering.acknowledgeUsage(entitlement, USED), subscriber);
  const settled = await claimEntitlementUsage(api, { suri: '//Alice', telco: alice, entitlement, bytes: USED, nonce: NONCE_BASE, pk: usageKey.pk, dir: work });
  assert.equal(BigInt(settled.held), 0n, 'acknowledged: paid at once');
});
after(async () => {
  await api.disconnect();
  rmSync(work, { recursive: true, force: true });
});

test('a reallocation leaves the subscriber with a working entitlement at another operator', async () => {
  // Twice the data for the same price: the 6 MB left cost less than the $6 left for them.
  const comparable = await createPlan(api, partner, planTerms({ quotaBytes: 2n * QUOTA, price: PRICE, networks: [partnerNetwork.plmn], termsByte: '68' }));
  const remaining = QUOTA - USED;
  const left = await held(intent);
  const moved = (remaining * PRICE + 2n * QUOTA - 1n) / (2n * QUOTA);

  const { dispute } = await fileDispute(api, { Entitlement: entitlement }, `0x${'ab'.repeat(32)}`, subscriber);
  const before = await stablecoinBalance(api, subscriber.address);

  const closed = await councilMotion(api, api.tx.disputes.rule(dispute, { Reallocate: { plan: comparable, compensation: 0 } }));
  const ruled = findEvent(closed, 'disputes', 'DisputeRuled');
  const reallocated = findEvent(closed, 'planCatalog', 'EntitlementReallocated');
  const to = reallocated.data.to.toNumber();
  assert.equal(ruled.data.reallocatedTo.unwrap().toNumber(), to);
  assert.equal(reallocated.data.telco.toString(), partner.address);
  assert.equal(reallocated.data.bytes.toBigInt(), remaining);
  assert.equal(reallocated.data.moved.toBigInt(), moved);
  assert.equal(reallocated.data.refunded.toBigInt(), left - moved);
  const deposit = api.consts.disputes.disputeDeposit.toBigInt();
  assert.equal(await stablecoinBalance(api, subscriber.address), before + (left - moved) + deposit);
  assert.equal(await held(intent), 0n, 'nothing left for Alice');
  assert.equal((await api.query.planCatalog.entitlements(entitlement)).unwrap().remainingBytes.toBigInt(), 0n);
  const granted = (await api.query.planCatalog.entitlements(to)).unwrap();
  assert.equal(granted.telco.toString(), partner.address);
  assert.equal(granted.remainingBytes.toBigInt(), remaining);
  assert.equal(await held(granted.intent.toNumber()), moved);

  // The entitlement works at the second operator: its proved, acknowledged usage is paid from
  // the moved money, pro rata of the quota left.
  const USE = 1_500_000n;
  await send(api, api.tx.metering.acknowledgeUsage(to, USE), subscriber);
  const partnerBefore = await stablecoinBalance(api, partner.address);
  const settled = await claimEntitlementUsage(api, {
    suri: partnerSuri, telco: partner, entitlement: to, bytes: USE, nonce: NONCE_BASE + 1n, pk: usageKey.pk, dir: work, network: partnerNetwork,
  });
  const share = (moved * USE) / remaining;
  assert.equal(BigInt(settled.held), 0n);
  assert.equal(await stablecoinBalance(api, partner.address), partnerBefore + await lessMargin(api, share));
  assert.equal((await api.query.planCatalog.entitlements(to)).unwrap().remainingBytes.toBigInt(), remaining - USE);
});

test('a reallocation to the same operator is refused and the dispute stays open', async () => {
  const own = await createPlan(api, alice, planTerms({ quotaBytes: QUOTA, price: PRICE, networks: ['0x00f110'], termsByte: '69' }));
  const second = findEvent((await send(api, api.tx.planCatalog.purchase(own), subscriber)).events, 'planCatalog', 'Purchased');
  const id = second.data.entitlement.toNumber();
  const { dispute } = await fileDispute(api, { Entitlement: id }, `0x${'ac'.repeat(32)}`, subscriber);
  await assert.rejects(
    councilMotion(api, api.tx.disputes.rule(dispute, { Reallocate: { plan: own, compensation: 0 } })),
    /planCatalog\.SameTelco/,
  );
  assert.ok((await api.query.disputes.openDisputes(dispute)).isSome);
  await councilMotion(api, api.tx.disputes.rule(dispute, { Refund: { compensation: 0 } }));
});
