// Hardware swaps from polkadot.js: an operator registers two routers as pallet-nfts items and
// lends one to a subscriber with pallet-nfts' own transfer. The router fails; the subscriber
// disputes the entitlement and the council rules by motion that the two swap routers at a
// meetup whose hash the ruling records. Both routers lock, both parties accept, and ownership
// moves; a ruling naming the wrong holders is refused, and a declined swap unlocks both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  connect, dev, fresh, send, findEvent, stablecoinBalance, createPlan, planTerms, councilMotion, fileDispute,
  STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
const alice = dev('Alice');
const subscriber = fresh();
const neighbour = fresh();
// A funded account that is no party to the swap.
const stranger = dev('Bob');
const PRICE = 3n * DOLLAR;
const MEETUP = `0x${'4d'.repeat(32)}`;

let collection;
let entitlement;
let failed;
let spare;

const holderOf = async (device) => (await api.query.nfts.item(collection, device)).unwrap().owner.toString();

/** Alice registers a router with a fresh serial; resolves with its device id. */
async function registerRouter() {
  const serialHash = `0x${randomBytes(32).toString('hex')}`;
  const { events } = await send(api, api.tx.devices.registerDevice('Router', serialHash), alice);
  const registered = findEvent(events, 'devices', 'DeviceRegistered');
  assert.equal(registered.data.serialHash.toHex(), serialHash);
  return registered.data.device.toNumber();
}

/** The subscriber disputes its entitlement; resolves with the dispute's id. */
async function dispute() {
  return (await fileDispute(api, { Entitlement: entitlement }, `0x${'d5'.repeat(32)}`, subscriber)).dispute;
}

// No compensation: any slash would leave Alice's bond short and suspend her for the other
// tests (the runtime and pallet tests cover compensation).
const swapRuling = (claimantDevice, respondentDevice) =>
  ({ SwapDevices: { claimantDevice, respondentDevice, meetup: MEETUP, compensation: 0 } });

before(async () => {
  collection = (await api.query.devices.deviceCollection()).unwrap().toNumber();
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, PRICE + 5n * DOLLAR), alice);
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'6d'.repeat(32)}`, `0x${'6c'.repeat(32)}`), alice);
  const plan = await createPlan(api, alice, planTerms({ quotaBytes: 5_000_000n, price: PRICE, networks: ['0x00f110'], termsByte: '69' }));
  const purchased = findEvent((await send(api, api.tx.planCatalog.purchase(plan), subscriber)).events, 'planCatalog', 'Purchased');
  entitlement = purchased.data.entitlement.toNumber();
  await send(api, api.tx.planCatalog.retirePlan(plan), alice);

  failed = await registerRouter();
  spare = await registerRouter();
  await send(api, api.tx.nfts.transfer(collection, failed, subscriber.address), alice);
  assert.equal(await holderOf(failed), subscriber.address, 'lent with pallet-nfts\' own transfer');
});
after(async () => {
  await api.disconnect();
});

test('a swap ruled by motion locks both routers until both accept, then exchanges them', async () => {
  const id = await dispute();
  const stablecoin = await stablecoinBalance(api, subscriber.address);

  const closed = await councilMotion(api, api.tx.disputes.rule(id, swapRuling(failed, spare)));
  const ruled = findEvent(closed, 'disputes', 'DisputeRuled');
  const proposed = findEvent(closed, 'devices', 'SwapProposed');
  const swap = proposed.data.swap.toNumber();
  assert.equal(ruled.data.swap.unwrap().toNumber(), swap);
  assert.equal(ruled.data.refunded.toBigInt(), 0n, 'the service goes on');
  assert.equal(proposed.data.firstHolder.toString(), subscriber.address);
  assert.equal(proposed.data.firstDevice.toNumber(), failed);
  assert.equal(proposed.data.secondHolder.toString(), alice.address);
  assert.equal(proposed.data.secondDevice.toNumber(), spare);
  assert.equal(proposed.data.meetup.toHex(), MEETUP);
  const deposit = api.consts.disputes.disputeDeposit.toBigInt();
  assert.equal(await stablecoinBalance(api, subscriber.address), stablecoin + deposit, 'the deposit is back');

  // Locked: neither side can give its router away before the meetup.
  await assert.rejects(send(api, api.tx.nfts.transfer(collection, failed, neighbour.address), subscriber), /nfts\.ItemLocked/);
  await assert.rejects(send(api, api.tx.nfts.transfer(collection, spare, neighbour.address), alice), /nfts\.ItemLocked/);
  await assert.rejects(send(api, api.tx.devices.acceptSwap(swap), stranger), /devices\.NotASwapParty/);

  const first = await send(api, api.tx.devices.acceptSwap(swap), subscriber);
  assert.ok(findEvent(first.events, 'devices', 'SwapAccepted'));
  assert.equal(await holderOf(failed), subscriber.address, 'nothing moves on one acceptance');
  const second = await send(api, api.tx.devices.acceptSwap(swap), alice);
  assert.equal(findEvent(second.events, 'devices', 'SwapCompleted').data.swap.toNumber(), swap);
  assert.equal(await holderOf(failed), alice.address);
  assert.equal(await holderOf(spare), subscriber.address);
  assert.ok((await api.query.devices.swaps(swap)).isNone);

  // Alice takes the failed router out of service and gets its deposit back.
  const retired = await send(api, api.tx.devices.retireDevice(failed), alice);
  assert.equal(findEvent(retired.events, 'devices', 'DeviceRetired').data.device.toNumber(), failed);
  assert.ok((await api.query.nfts.item(collection, failed)).isNone, 'its item is burnt');
});

test('a swap naming the wrong holder is refused, and a declined swap unlocks both devices', async () => {
  const another = await registerRouter();
  const id = await dispute();
  // The subscriber now holds `spare`, not `another`.
  await assert.rejects(councilMotion(api, api.tx.disputes.rule(id, swapRuling(another, spare))), /devices\.NotHolder/);
  assert.ok((await api.query.disputes.openDisputes(id)).isSome, 'the dispute stays open');

  const closed = await councilMotion(api, api.tx.disputes.rule(id, swapRuling(spare, another)));
  const swap = findEvent(closed, 'devices', 'SwapProposed').data.swap.toNumber();
  const { events } = await send(api, api.tx.devices.declineSwap(swap), alice);
  assert.equal(findEvent(events, 'devices', 'SwapDeclined').data.holder.toString(), alice.address);
  assert.equal(await holderOf(spare), subscriber.address, 'unlocked where it was');
  await send(api, api.tx.nfts.transfer(collection, spare, alice.address), subscriber);
  assert.equal(await holderOf(spare), alice.address, 'and transferable again');
});
