// eSIM provisioning from polkadot.js: a subscriber registers its device key and orders a
// profile; receipts signed with the operator's SM-DP+ receipt key move the order; a forged
// receipt is refused; an order nobody serves is refunded in full after the service deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { u8aConcat, u8aToHex, compactToU8a, stringToU8a, bnToU8a } from '@polkadot/util';
import { ed25519PairFromSeed, ed25519Sign, randomAsU8a } from '@polkadot/util-crypto';
import {
  connect, dev, fresh, send, findEvent, stablecoinBalance, councilMotion, advanceTo, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

const alice = dev('Alice');
// An operator with no gateway running: the chain is all it has.
const operator = fresh();
const receiptKey = ed25519PairFromSeed(randomAsU8a(32));
const subscriber = fresh();
// 208-94 in TS 24.008 octets (02 F8 49).
const PLMN = '0x02f849';
const PRICE = 3n * DOLLAR;
let plan;

/** A device's X25519 key pair; `raw` is the public key as the chain takes it. */
function deviceKey() {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { privateKey, raw: u8aToHex(Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url')) };
}

/** What a receipt key signs: SCALE of (context, genesis hash, order id, receipt). */
function receiptPayload(order, receipt) {
  const context = stringToU8a('gesim/provisioning-receipt/v1');
  return u8aConcat(
    compactToU8a(context.length), context,
    api.genesisHash.toU8a(),
    bnToU8a(order, { bitLength: 64 }),
    api.createType('PalletEsimProvisioningReceipt', receipt).toU8a(),
  );
}

function submitReceipt(order, receipt, { key = receiptKey, signer = key } = {}) {
  const signature = ed25519Sign(receiptPayload(order, receipt), key);
  return send(api, api.tx.esimProvisioning.submitReceipt(order, receipt, signer.publicKey, signature), operator);
}

async function orderOf(id) {
  return (await api.call.esimProvisioningApi.order(id)).unwrap().order;
}

/** The subscriber buys the plan and orders a profile on a new device key; resolves with the ids. */
async function buyAndOrder() {
  const bought = await send(api, api.tx.planCatalog.purchase(plan), subscriber);
  const entitlement = findEvent(bought.events, 'planCatalog', 'Purchased').data.entitlement.toNumber();
  const device = deviceKey();
  await send(api, api.tx.esimProvisioning.registerDeviceKey(device.raw), subscriber);
  const { events } = await send(api, api.tx.esimProvisioning.requestProfile(entitlement, device.raw, null, false), subscriber);
  const requested = findEvent(events, 'esimProvisioning', 'ProfileRequested').data;
  assert.equal(requested.telco.toString(), operator.address);
  return { entitlement, order: requested.order.toNumber(), serveBy: requested.serveBy.toNumber(), device };
}

before(async () => {
  await send(api, api.tx.balances.transferKeepAlive(operator.address, 20_000n * UNIT), alice);
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, 10n * UNIT), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, 20n * DOLLAR), alice);
  await send(
    api,
    api.tx.telcoRegistry.apply('GeSIM Unserved Mobile', [PLMN], ['u09t'], ['Data', 'Esim'], u8aToHex(receiptKey.publicKey)),
    operator,
  );
  await councilMotion(api, api.tx.telcoRegistry.approve(operator.address));
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'0d'.repeat(32)}`, `0x${'0c'.repeat(32)}`), operator);
  const created = await send(api, api.tx.planCatalog.createPlan({
    quotaBytes: 1n << 30n,
    validity: 10_000,
    price: PRICE,
    region: { cells: ['u09t'], networks: [PLMN] },
    roamingPartners: [],
    billing: 'Prepaid',
    extendsValidityOnTopUp: false,
    termsHash: `0x${'22'.repeat(32)}`,
  }), operator);
  plan = findEvent(created.events, 'planCatalog', 'PlanCreated').data.plan.toNumber();
});

test('a forged receipt is refused; one signed with the registered key moves the order', async () => {
  const { order } = await buyAndOrder();
  const accepted = { Accepted: { iccidCommitment: `0x${'c0'.repeat(32)}`, smdpAddress: 'smdp.unserved.example' } };

  // A key the operator never registered.
  const stranger = ed25519PairFromSeed(randomAsU8a(32));
  await assert.rejects(submitReceipt(order, accepted, { key: stranger }), (e) => e.errorName === 'esimProvisioning.ReceiptKeyNotValid');
  // The registered key's name on a signature by another key.
  await assert.rejects(
    submitReceipt(order, accepted, { key: stranger, signer: receiptKey }),
    (e) => e.errorName === 'esimProvisioning.InvalidReceiptSignature',
  );
  // A genuine signature over another receipt.
  const signature = ed25519Sign(receiptPayload(order, 'Downloaded'), receiptKey);
  await assert.rejects(
    send(api, api.tx.esimProvisioning.submitReceipt(order, accepted, receiptKey.publicKey, signature), operator),
    (e) => e.errorName === 'esimProvisioning.InvalidReceiptSignature',
  );
  assert.equal((await orderOf(order)).status.toString(), 'Requested', 'nothing changed');

  const { events } = await submitReceipt(order, accepted);
  assert.ok(findEvent(events, 'esimProvisioning', 'OrderAccepted'));
  assert.equal((await orderOf(order)).status.toString(), 'Accepted');
  await assert.rejects(submitReceipt(order, accepted), (e) => e.errorName === 'esimProvisioning.DuplicateReceipt');
  await assert.rejects(submitReceipt(order, 'Downloaded'), (e) => e.errorName === 'esimProvisioning.ReceiptOutOfOrder');
  // The subscriber withdraws it; the operator's gateway would cancel it at the SM-DP+.
  await send(api, api.tx.esimProvisioning.cancelOrder(order), subscriber);
  await assert.rejects(submitReceipt(order, 'Downloaded'), (e) => e.errorName === 'esimProvisioning.OrderClosed');
});

test('an order nobody serves is refunded in full after the service deadline', async () => {
  const defaultDeadline = (await api.query.esimProvisioning.serviceDeadline()).toNumber();
  await councilMotion(api, api.tx.esimProvisioning.setServiceDeadline(3));
  try {
    const before = await stablecoinBalance(api, subscriber.address);
    const { entitlement, order, serveBy } = await buyAndOrder();
    assert.equal(await stablecoinBalance(api, subscriber.address), before - PRICE);

    // Anyone may end it, but only once the deadline has passed.
    const keeper = dev('Charlie');
    await assert.rejects(
      send(api, api.tx.esimProvisioning.refundUnserved(order), keeper),
      (e) => e.errorName === 'esimProvisioning.NotRefundable',
    );
    await advanceTo(api, serveBy + 1, alice);
    const { events } = await send(api, api.tx.esimProvisioning.refundUnserved(order), keeper);

    const refunded = findEvent(events, 'esimProvisioning', 'EntitlementRefunded').data;
    assert.equal(refunded.refunded.toBigInt(), PRICE);
    assert.equal(await stablecoinBalance(api, subscriber.address), before, 'every cent back');
    assert.deepEqual((await orderOf(order)).status.toJSON(), { cancelled: 'Unserved' });
    const [details] = (await api.call.planCatalogApi.entitlementsOf(subscriber.address))
      .map((d) => d.toJSON()).filter((d) => d.id === entitlement);
    assert.equal(BigInt(details.held), 0n);
    await assert.rejects(
      send(api, api.tx.esimProvisioning.refundUnserved(order), subscriber),
      (e) => e.errorName === 'esimProvisioning.AlreadyRefunded',
    );
  } finally {
    await councilMotion(api, api.tx.esimProvisioning.setServiceDeadline(defaultDeadline));
  }
});
