// Resale of unused quota with polkadot.js: a subscriber lists half of her gigabyte; a buyer who
// holds only the stablecoin (and pays his fees in it) can buy only once the operator settled
// the seller's usage up to the listing; the purchase moves the price, the quota and the escrowed
// money behind it exactly; and the operator's next settlement of the buyer's usage is paid from
// the buyer's escrow, leaving the seller's as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect, dev, fresh, send, findEvent, stablecoinBalance, createPlan, planTerms, claimEntitlementUsage,
  ensureUsageKey, lessMargin, chainSeconds, freeBalance, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
const work = mkdtempSync(join(tmpdir(), 'gesim-resale-'));
const telco = dev('Alice');
const seller = fresh();
const buyer = fresh();
const MIB = 1n << 20n;
const QUOTA = 1024n * MIB;
const PRICE = 10n * DOLLAR;
const NONCE_BASE = BigInt(Date.now()) * 1000n + 700n;
// The buyer holds no native token: every fee he pays is in the stablecoin.
const asBuyer = { assetId: STABLECOIN };

let usageKey;
let nonce = NONCE_BASE;
let entitlement;
let intent;

/** `amount × part / whole`, rounded down: how held money follows a share of quota. */
const proRata = (amount, part, whole) => (amount * part) / whole;

const held = async (id) => (await api.query.escrow.intents(id)).unwrap().held.toBigInt();
const entitlementOf = async (id) => (await api.query.planCatalog.entitlements(id)).unwrap();

/** Alice claims `bytes` of `id`'s usage under her next nonce, through gesim-operator. */
function claim(id, bytes) {
  nonce += 1n;
  return claimEntitlementUsage(api, { suri: '//Alice', telco, entitlement: id, bytes, nonce, pk: usageKey.pk, dir: work });
}

before(async () => {
  usageKey = await ensureUsageKey(api, 'usage-64', work);
  await send(api, api.tx.balances.transferKeepAlive(seller.address, UNIT), telco);
  await send(api, api.tx.assets.transfer(STABLECOIN, seller.address, PRICE + DOLLAR), telco);
  await send(api, api.tx.assets.transfer(STABLECOIN, buyer.address, 20n * DOLLAR), telco);
  for (const [who, byte] of [[seller, '41'], [buyer, '42']]) {
    await send(api, api.tx.sbtIdentity.issue(who.address, `0x${byte.repeat(32)}`, `0x${byte.repeat(32)}`), telco);
  }
  const plan = await createPlan(api, telco, planTerms({ quotaBytes: QUOTA, price: PRICE, networks: ['0x00f110'], termsByte: '77' }));
  const purchased = findEvent((await send(api, api.tx.planCatalog.purchase(plan), seller)).events, 'planCatalog', 'Purchased');
  entitlement = purchased.data.entitlement.toNumber();
  intent = purchased.data.intent.toNumber();
  await send(api, api.tx.planCatalog.retirePlan(plan), telco);
});
after(async () => {
  await api.disconnect();
  rmSync(work, { recursive: true, force: true });
});

test('a chunk of quota is sold once the seller\'s usage is settled, and the buyer\'s usage is paid from the buyer\'s escrow', async () => {
  // Half the gigabyte is worth 5 GUSD at the plan's price; the council caps resale there.
  await assert.rejects(send(api, api.tx.resale.list(entitlement, 512n * MIB, 5n * DOLLAR + 1n), seller), /resale\.PriceAboveCap/);
  await assert.rejects(send(api, api.tx.resale.list(entitlement, MIB, 1n), seller), /resale\.ChunkTooSmall/);
  await assert.rejects(send(api, api.tx.resale.list(entitlement, QUOTA + 1n, 1n), seller), /resale\.NotEnoughQuota/);
  await assert.rejects(send(api, api.tx.resale.list(entitlement, 512n * MIB, DOLLAR), buyer, asBuyer), /resale\.NotHolder/);

  const listed = findEvent(
    (await send(api, api.tx.resale.list(entitlement, 512n * MIB, 4n * DOLLAR), seller)).events, 'resale', 'Listed',
  );
  const listing = listed.data.listing.toNumber();
  const listedAt = (await api.query.resale.listings(listing)).unwrap().listedAt.toBigInt();
  assert.equal((await api.query.resale.listed(entitlement)).unwrap().bytes.toBigInt(), 512n * MIB);

  // Alice has not settled the seller's usage up to the listing yet.
  await assert.rejects(send(api, api.tx.resale.buy(listing), buyer, asBuyer), /resale\.UsageNotCleared/);
  await assert.rejects(send(api, api.tx.resale.buy(listing), seller), /resale\.OwnListing/);

  // The seller's device counted 100 MiB; Alice proves them, in sessions ending after the listing.
  const used = 100n * MIB;
  while (await chainSeconds(api) < listedAt + 60n) await send(api, api.tx.system.remark('0x'), telco);
  await send(api, api.tx.metering.acknowledgeUsage(entitlement, used), seller);
  await claim(entitlement, used);
  const left = await held(intent);
  assert.equal(left, PRICE - proRata(PRICE, used, QUOTA));

  const [sellerBefore, buyerBefore] = await Promise.all([
    stablecoinBalance(api, seller.address), stablecoinBalance(api, buyer.address),
  ]);
  const { events } = await send(api, api.tx.resale.buy(listing), buyer, asBuyer);
  const sold = findEvent(events, 'resale', 'Sold');
  const fee = findEvent(events, 'assetTxPayment', 'AssetTxFeePaid').data.actualFee.toBigInt();
  const bought = sold.data.to.toNumber();
  const moved = proRata(left, 512n * MIB, QUOTA - used);
  assert.equal(sold.data.moved.toBigInt(), moved);
  assert.equal(sold.data.price.toBigInt(), 4n * DOLLAR);

  // Exact to the unit: the price from buyer to seller, the quota and its money to the buyer.
  assert.equal(await stablecoinBalance(api, seller.address), sellerBefore + 4n * DOLLAR);
  assert.equal(await stablecoinBalance(api, buyer.address), buyerBefore - 4n * DOLLAR - fee);
  assert.equal(await freeBalance(api, buyer.address), 0n, 'no native token was needed');
  const [mine, theirs] = await Promise.all([entitlementOf(entitlement), entitlementOf(bought)]);
  assert.equal(mine.remainingBytes.toBigInt(), QUOTA - used - 512n * MIB);
  assert.equal(theirs.holder.toString(), buyer.address);
  assert.equal(theirs.remainingBytes.toBigInt(), 512n * MIB);
  assert.equal(theirs.expiresAt.toNumber(), mine.expiresAt.toNumber());
  assert.equal(theirs.plan.toNumber(), mine.plan.toNumber());
  const boughtIntent = theirs.intent.toNumber();
  assert.equal(await held(boughtIntent), moved);
  assert.equal((await api.query.escrow.intents(boughtIntent)).unwrap().payer.toString(), buyer.address);
  assert.equal(await held(intent), left - moved);
  assert.ok((await api.query.resale.listings(listing)).isNone);
  assert.ok((await api.query.resale.listed(entitlement)).isNone);

  // Alice proves 128 MiB of the buyer's usage: a quarter of his escrow, none of the seller's.
  await send(api, api.tx.metering.acknowledgeUsage(bought, 128n * MIB), buyer, asBuyer);
  const aliceBefore = await stablecoinBalance(api, telco.address);
  await claim(bought, 128n * MIB);
  const paid = proRata(moved, 128n * MIB, 512n * MIB);
  assert.equal(await stablecoinBalance(api, telco.address), aliceBefore + await lessMargin(api, paid));
  assert.equal(await held(boughtIntent), moved - paid);
  assert.equal(await held(intent), left - moved);
});

test('the seller withdraws a listing, and its quota is hers to list again', async () => {
  const listed = findEvent(
    (await send(api, api.tx.resale.list(entitlement, 200n * MIB, DOLLAR), seller)).events, 'resale', 'Listed',
  );
  const listing = listed.data.listing.toNumber();
  await assert.rejects(send(api, api.tx.resale.cancel(listing), buyer, asBuyer), /resale\.NotSeller/);
  const { events } = await send(api, api.tx.resale.cancel(listing), seller);
  assert.ok(findEvent(events, 'resale', 'ListingCancelled'));
  assert.ok((await api.query.resale.listed(entitlement)).isNone);
  const again = await send(api, api.tx.resale.list(entitlement, 200n * MIB, DOLLAR), seller);
  assert.ok(findEvent(again.events, 'resale', 'Listed'));
});
