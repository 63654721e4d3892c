// The marketplace from polkadot.js: an operator applies and the council admits it, it issues an
// identity and lists plans, a subscriber holding only the stablecoin buys with a sponsored fee,
// switches plans, and escrow refunds what is left at the end. Then the refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, dev, fresh, send, findEvent, freeBalance, stablecoinBalance, councilMotion, advanceTo,
  createPlan, planTerms, parameterOf, setParameter, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

const GIB = 1n << 30n;
// 208-93 in TS 24.008 octets (02 F8 39): a network of the operator under test.
const PLMN = '0x02f839';
const alice = dev('Alice');
const operator = fresh();
const subscriber = fresh();


async function entitlementsOf(who) {
  return (await api.call.planCatalogApi.entitlementsOf(who)).map((d) => d.toJSON());
}

const plans = {};

before(async () => {
  await send(api, api.tx.balances.transferKeepAlive(operator.address, 20_000n * UNIT), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, operator.address, 10n * DOLLAR), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, 50n * DOLLAR), alice);
});

test('an operator applies with a bond, and a council motion admits it', async () => {
  const free = await freeBalance(api, operator.address);
  const { events } = await send(
    api,
    api.tx.telcoRegistry.apply('GeSIM Test Mobile', [PLMN], ['u09t'], ['Data', 'Esim'], `0x${'ab'.repeat(32)}`),
    operator,
  );
  assert.ok(findEvent(events, 'telcoRegistry', 'Applied'));
  const bond = api.consts.telcoRegistry.telcoBond.toBigInt();
  assert.ok(free - (await freeBalance(api, operator.address)) >= bond, 'the bond is held');
  assert.equal((await api.query.telcoRegistry.telcos(operator.address)).unwrap().status.toString(), 'Pending');

  // Not admitted yet: it cannot list a plan.
  await assert.rejects(
    send(api, api.tx.planCatalog.createPlan(planTerms({ quotaBytes: GIB, validity: 100, price: 5n * DOLLAR, networks: [PLMN] })), operator),
    (e) => e.errorName === 'planCatalog.NotActiveTelco',
  );

  const closed = await councilMotion(api, api.tx.telcoRegistry.approve(operator.address));
  assert.ok(findEvent(closed, 'telcoRegistry', 'Approved'), 'TelcoRegistry.Approved emitted');
  assert.equal((await api.query.telcoRegistry.telcos(operator.address)).unwrap().status.toString(), 'Active');
});

test('the operator issues an identity, lists two plans and funds a sponsorship pot', async () => {
  const { events } = await send(
    api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'0d'.repeat(32)}`, `0x${'0c'.repeat(32)}`), operator,
  );
  assert.ok(findEvent(events, 'sbtIdentity', 'Issued'));

  for (const [name, quota, validity, price] of [['month', GIB, 100, 5n * DOLLAR], ['week', 3n * GIB, 5, 12n * DOLLAR]]) {
    plans[name] = await createPlan(api, operator, planTerms({ quotaBytes: quota, validity, price, networks: [PLMN] }));
  }
  const listed = (await api.call.planCatalogApi.plansByTelco(operator.address)).map((p) => p.toJSON());
  assert.deepEqual(listed.map((p) => p.id).sort(), [plans.month, plans.week].sort());
  const inRegion = (await api.call.planCatalogApi.plansInRegion({ Cell: 'u09tvw' })).map((p) => p.toJSON());
  const ours = inRegion.filter((p) => [plans.month, plans.week].includes(p.id));
  assert.deepEqual(ours.map((p) => p.id), [plans.month, plans.week], 'cheapest first');

  await send(api, api.tx.feeSponsorship.fundPot(operator.address, 10n * UNIT), operator);
  await send(api, api.tx.feeSponsorship.setTerms(5, 1000), operator);
});

test('a subscriber with only the stablecoin buys a plan, its operator paying the fee', async () => {
  assert.equal(await freeBalance(api, subscriber.address), 0n, 'no native token at all');
  const before = await stablecoinBalance(api, subscriber.address);

  const { events } = await send(api, api.tx.planCatalog.purchase(plans.month), subscriber);
  const sponsored = findEvent(events, 'feeSponsorship', 'FeeSponsored');
  assert.equal(sponsored.data.subscriber.toString(), subscriber.address);
  assert.ok(sponsored.data.fee.toBigInt() > 0n);
  const purchased = findEvent(events, 'planCatalog', 'Purchased');
  const funded = findEvent(events, 'escrow', 'IntentFunded');
  assert.equal(funded.data.amount.toBigInt(), 5n * DOLLAR);
  assert.equal(funded.data.payee.toString(), operator.address);

  assert.equal(await freeBalance(api, subscriber.address), 0n, 'the fee did not touch the subscriber');
  assert.equal(await stablecoinBalance(api, subscriber.address), before - 5n * DOLLAR, 'exactly the price');

  const [entitlement] = await entitlementsOf(subscriber.address);
  assert.equal(entitlement.id, purchased.data.entitlement.toNumber());
  assert.equal(BigInt(entitlement.entitlement.remainingBytes), GIB);
  assert.equal(BigInt(entitlement.held), 5n * DOLLAR, 'escrow holds the price');
  const intent = (await api.query.escrow.intents(purchased.data.intent)).unwrap();
  assert.equal(intent.status.toString(), 'Funded');
});

test('switching plans ends the old entitlement; escrow refunds it after the settlement grace', async () => {
  // The council shortens the settlement grace for what follows (a protocol parameter, set by
  // motion); intents opened from now on keep it.
  const changed = await setParameter(api, 'SettlementGrace', 2);
  assert.deepEqual(changed.to.toJSON(), { settlementGrace: 2 }, 'the change is an event');
  assert.equal(await parameterOf(api, 'SettlementGrace'), 2);

  // A month plan bought under the new grace, then switched for the week plan.
  const bought = findEvent((await send(api, api.tx.planCatalog.purchase(plans.month), subscriber)).events, 'planCatalog', 'Purchased');
  const from = bought.data.entitlement.toNumber();
  const before = await stablecoinBalance(api, subscriber.address);
  // switch_plan is not sponsored: the subscriber pays the fee in the stablecoin.
  const { events } = await send(api, api.tx.planCatalog.switchPlan(from, plans.week), subscriber, { assetId: STABLECOIN });
  const switched = findEvent(events, 'planCatalog', 'Switched');
  const fee = findEvent(events, 'assetTxPayment', 'AssetTxFeePaid').data.actualFee.toBigInt();
  assert.equal(await stablecoinBalance(api, subscriber.address), before - 12n * DOLLAR - fee, 'the new plan, and nothing back yet');
  assert.equal(switched.data.refundFrom.toNumber(), switched.data.fromEndedAt.toNumber() + 2 + 1, 'after the grace');

  const held = await entitlementsOf(subscriber.address);
  const old = held.find((e) => e.id === from);
  assert.equal(old.expired, true, 'the old one ended at the switch');
  assert.equal(BigInt(old.held), 5n * DOLLAR, 'its escrow waits for late usage proofs');
  const current = held.find((e) => e.id === switched.data.to.toNumber());
  assert.equal(BigInt(current.held), 12n * DOLLAR);

  // Nothing was used: once the grace has passed, escrow refunds all of the old price by
  // itself, and anyone may close the old entitlement.
  const afterSwitch = await stablecoinBalance(api, subscriber.address);
  await advanceTo(api, switched.data.refundFrom.toNumber() + 1, alice);
  assert.equal(await stablecoinBalance(api, subscriber.address), afterSwitch + 5n * DOLLAR, 'refunded in full');
  await send(api, api.tx.planCatalog.closeEntitlement(from), alice);

  // The week plan lasts 5 blocks; escrow refunds it by itself once it has passed.
  const afterClose = await stablecoinBalance(api, subscriber.address);
  await advanceTo(api, switched.data.expiresAt.toNumber() + 2 + 2, alice);
  assert.equal(await stablecoinBalance(api, subscriber.address), afterClose + 12n * DOLLAR, 'refunded in full');
  const [ended] = (await entitlementsOf(subscriber.address)).filter((e) => e.id === current.id);
  assert.equal(ended.expired, true);
  assert.equal(BigInt(ended.held), 0n);
});

test('refusals: no identity, too little stablecoin, moving a soulbound identity', async () => {
  const stranger = fresh();
  await send(api, api.tx.assets.transfer(STABLECOIN, stranger.address, 20n * DOLLAR), alice);
  await assert.rejects(
    send(api, api.tx.planCatalog.purchase(plans.month), stranger, { assetId: STABLECOIN }),
    (e) => e.errorName === 'planCatalog.NotVerified',
  );

  const poor = fresh();
  await send(api, api.tx.assets.transfer(STABLECOIN, poor.address, 2n * DOLLAR), alice);
  await send(api, api.tx.sbtIdentity.issue(poor.address, `0x${'0e'.repeat(32)}`, `0x${'0f'.repeat(32)}`), operator);
  const poorBefore = await stablecoinBalance(api, poor.address);
  await assert.rejects(
    send(api, api.tx.planCatalog.purchase(plans.month), poor, { assetId: STABLECOIN }),
    (e) => /^(Token\.FundsUnavailable|assets\.BalanceLow)$/.test(e.errorName),
  );
  assert.ok(poorBefore - (await stablecoinBalance(api, poor.address)) < DOLLAR, 'only the fee was paid');
  assert.deepEqual(await entitlementsOf(poor.address), [], 'no entitlement');

  const identity = (await api.query.sbtIdentity.identities(subscriber.address)).unwrap();
  const collection = (await api.query.sbtIdentity.identityCollection()).unwrap();
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), alice);
  await assert.rejects(
    send(api, api.tx.nfts.transfer(collection, identity.item, stranger.address), subscriber),
    (e) => e.errorName === 'nfts.ItemsNonTransferable',
  );
  const owner = await api.query.nfts.item(collection, identity.item);
  assert.equal(owner.unwrap().owner.toString(), subscriber.address, 'the identity stays with its holder');
});
