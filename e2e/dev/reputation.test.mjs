// Reputation with polkadot.js: only a customer whose usage the operator proved rates it, once,
// weighted by that usage; the rating puts the operator's plans ahead of an unrated operator's
// cheaper one in the catalog; the operator rates and flags its subscriber; scores decay with
// the council's half-life, and the runtime API and `gesim_reputation` report them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect, dev, fresh, send, findEvent, createPlan, planTerms, claimEntitlementUsage, ensureUsageKey, admitOperator,
  parameterOf, setParameter, advanceTo, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
const work = mkdtempSync(join(tmpdir(), 'gesim-reputation-'));
const alice = dev('Alice');
const rival = fresh();
const customer = fresh();
const bystander = fresh();
const USED = 3_000_000n;
const NONCE_BASE = BigInt(Date.now()) * 1000n + 300n;
const NODE = (process.env.GESIM_WS ?? 'ws://127.0.0.1:9944').replace(/^ws/, 'http');
const HALF_LIFE = 10;

let alicePlan;
let rivalPlan;
let entitlement;
let unserved;
let halfLifeBefore;

/** The plan ids covering Paris, in the catalog's order. */
const paris = async () => (await api.call.planCatalogApi.plansInRegion({ Cell: 'u09tvw' })).map((p) => p.id.toNumber());

async function rpc(method, params) {
  const response = await fetch(NODE, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return response.json();
}

before(async () => {
  const usageKey = await ensureUsageKey(api, 'usage-64', work);
  // A rival operator, admitted by the council, selling a cheaper plan in the same cell.
  await send(api, api.tx.balances.transferKeepAlive(rival.address, 20_000n * UNIT), alice);
  await admitOperator(api, rival, 'GeSIM Reputation Rival', `0x${'cf'.repeat(32)}`);
  rivalPlan = await createPlan(api, rival, planTerms({ price: DOLLAR, termsByte: '91' }));
  alicePlan = await createPlan(api, alice, planTerms({ price: 2n * DOLLAR, networks: ['0x00f110'], termsByte: '92' }));

  // A customer of Alice's whose usage she proves, and one she never served.
  for (const [who, byte] of [[customer, '93'], [bystander, '94']]) {
    await send(api, api.tx.balances.transferKeepAlive(who.address, UNIT), alice);
    await send(api, api.tx.assets.transfer(STABLECOIN, who.address, 5n * DOLLAR), alice);
    await send(api, api.tx.sbtIdentity.issue(who.address, `0x${byte.repeat(32)}`, `0x${byte.repeat(32)}`), alice);
  }
  const bought = async (who) => findEvent((await send(api, api.tx.planCatalog.purchase(alicePlan), who)).events, 'planCatalog', 'Purchased')
    .data.entitlement.toNumber();
  entitlement = await bought(customer);
  unserved = await bought(bystander);
  await send(api, api.tx.metering.acknowledgeUsage(entitlement, USED), customer);
  await claimEntitlementUsage(api, { suri: '//Alice', telco: alice, entitlement, bytes: USED, nonce: NONCE_BASE, pk: usageKey.pk, dir: work });
  halfLifeBefore = await parameterOf(api, 'ReputationHalfLife');
});
after(async () => {
  if (halfLifeBefore !== undefined) await setParameter(api, 'ReputationHalfLife', halfLifeBefore);
  await api.disconnect();
  rmSync(work, { recursive: true, force: true });
});

test('a served customer\'s rating puts the operator\'s plan ahead of a cheaper unrated one', async () => {
  const order = await paris();
  assert.ok(order.indexOf(rivalPlan) < order.indexOf(alicePlan), 'unrated operators: cheapest first');
  assert.equal((await api.call.reputationApi.operatorScore(alice.address)).isNone, true);

  await assert.rejects(send(api, api.tx.reputation.rateOperator(entitlement, 6), customer), /reputation\.InvalidStars/);
  await assert.rejects(send(api, api.tx.reputation.rateOperator(entitlement, 5), bystander), /reputation\.NotHolder/);
  await assert.rejects(send(api, api.tx.reputation.rateOperator(unserved, 5), bystander), /reputation\.NoProvedUsage/);

  const { events } = await send(api, api.tx.reputation.rateOperator(entitlement, 5), customer);
  const rated = findEvent(events, 'reputation', 'OperatorRated');
  assert.equal(rated.data.telco.toString(), alice.address);
  assert.equal(rated.data.weight.toBigInt(), USED, 'weighted by the usage proved');
  assert.equal(rated.data.starsCenti.toNumber(), 500);
  await assert.rejects(send(api, api.tx.reputation.rateOperator(entitlement, 1), customer), /reputation\.AlreadyRated/);

  const after = await paris();
  assert.ok(after.indexOf(alicePlan) < after.indexOf(rivalPlan), 'the rated operator\'s plan comes first');
  const score = (await api.call.reputationApi.operatorScore(alice.address)).unwrap();
  assert.equal(score.starsCenti.unwrap().toNumber(), 500);
  assert.equal(score.ratings.toNumber(), 1);
});

test('the operator rates and flags its subscriber, and scores decay with the council\'s half-life', async () => {
  await assert.rejects(send(api, api.tx.reputation.rateSubscriber(entitlement, 4), rival), /reputation\.NotOperator/);
  await send(api, api.tx.reputation.rateSubscriber(entitlement, 4), alice);
  const evidence = `0x${'ab'.repeat(32)}`;
  const flagged = findEvent((await send(api, api.tx.reputation.flagAbuse(unserved, evidence), alice)).events, 'reputation', 'AbuseFlagged');
  assert.equal(flagged.data.subscriber.toString(), bystander.address);
  await assert.rejects(send(api, api.tx.reputation.flagAbuse(unserved, evidence), alice), /reputation\.AlreadyFlagged/);

  const reputation = (await rpc('gesim_reputation', [customer.address, null])).result;
  assert.equal(reputation.asOperator, null);
  const { weightBytes, ...rest } = reputation.asSubscriber;
  assert.deepEqual(rest, { starsCenti: 400, ratings: 1, flags: 0 });
  // The usage proved, decayed over the few blocks since (a 90-day half-life by default).
  assert.ok(BigInt(weightBytes) <= USED && BigInt(weightBytes) > USED - USED / 1000n, weightBytes);
  const flaggedOnly = (await rpc('gesim_reputation', [bystander.address, null])).result.asSubscriber;
  assert.deepEqual(flaggedOnly, { starsCenti: null, weightBytes: '0', ratings: 0, flags: 1 });

  // Half-lives of ten blocks: ten blocks after it is set, the weight behind Alice's score has halved.
  await setParameter(api, 'ReputationHalfLife', HALF_LIFE);
  await assert.rejects(send(api, api.tx.reputation.rateSubscriber(unserved, 2), alice), /reputation\.NoProvedUsage/);
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  const weightAt = async (block) => {
    const hash = await api.rpc.chain.getBlockHash(block);
    return (await (await api.at(hash)).call.reputationApi.operatorScore(alice.address)).unwrap().weight.toBigInt();
  };
  const before = await weightAt(from);
  await advanceTo(api, from + HALF_LIFE, alice);
  const halved = await weightAt(from + HALF_LIFE);
  assert.ok(halved >= before / 2n - 1n && halved <= before / 2n, `${halved} is half of ${before}, rounded down`);
  assert.equal((await api.call.reputationApi.operatorScore(alice.address)).unwrap().starsCenti.unwrap().toNumber(), 500,
    'decay weighs old and new alike: one rating keeps its average');
});
