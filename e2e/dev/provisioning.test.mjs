// eSIM provisioning from polkadot.js: a subscriber registers its device key and orders a
// profile; receipts signed with the operator's SM-DP+ receipt key move the order; a forged
// receipt is refused; an order nobody serves is refunded in full after the service deadline.
// Then the dev operator's real SM-DP+ gateway serves orders against the real SM-DP+ simulator
// over mutual TLS: the sealed activation code opens on the device, the test eUICC installs the
// profile; a gateway killed mid-order resumes with one profile allocated; an SM-DP+ failure
// fails the order with its GSMA reason, and the subscriber retries or is refunded.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto';
import { u8aConcat, u8aToHex, compactToU8a, stringToU8a, bnToU8a } from '@polkadot/util';
import { ed25519PairFromSeed, ed25519Sign, randomAsU8a } from '@polkadot/util-crypto';
import {
  connect, dev, fresh, send, findEvent, stablecoinBalance, councilMotion, advanceTo, STABLECOIN, DOLLAR, UNIT,
  createPlan, planTerms, parameterOf, setParameter, sleep,
} from '../lib.mjs';
import { startSmdp } from '../smdp.mjs';

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

/**
 * Opens a sealed activation code as the device does, with Node's own crypto (an implementation
 * independent of the gateway's): X25519 with the ephemeral key, HKDF-SHA256 over
 * shared ‖ ephemeral key, AES-256-GCM bound to the genesis hash and the order id.
 */
function openSealed(privateKey, sealedHex, order) {
  const sealed = Buffer.from(sealedHex.slice(2), 'hex');
  const [ephemeral, nonce, body] = [sealed.subarray(0, 32), sealed.subarray(32, 44), sealed.subarray(44)];
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephemeral.toString('base64url') }, format: 'jwk' });
  const shared = diffieHellman({ privateKey, publicKey });
  const key = Buffer.from(hkdfSync('sha256', Buffer.concat([shared, ephemeral]), Buffer.alloc(0), 'gesim/activation-code/v1', 32));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.concat([api.genesisHash.toU8a(), bnToU8a(order, { bitLength: 64 })]));
  decipher.setAuthTag(body.subarray(-16));
  return JSON.parse(Buffer.concat([decipher.update(body.subarray(0, -16)), decipher.final()]).toString('utf8'));
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
  plan = await createPlan(api, operator, planTerms({ price: PRICE, networks: [PLMN], termsByte: '22' }));
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
  const defaultDeadline = await parameterOf(api, 'ServiceDeadline');
  await setParameter(api, 'ServiceDeadline', 3);
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
    await setParameter(api, 'ServiceDeadline', defaultDeadline);
  }
});

describe('the dev operator\'s SM-DP+ gateway against the SM-DP+ simulator', () => {
  let smdp;
  let alicePlan;
  const customer = fresh();

  before(async () => {
    smdp = await startSmdp({ node: (process.env.GESIM_WS ?? 'ws://127.0.0.1:9944').replace(/^ws/, 'http') });
    await send(api, api.tx.balances.transferKeepAlive(customer.address, 10n * UNIT), alice);
    await send(api, api.tx.assets.transfer(STABLECOIN, customer.address, 50n * DOLLAR), alice);
    await send(api, api.tx.sbtIdentity.issue(customer.address, `0x${'1d'.repeat(32)}`, `0x${'1c'.repeat(32)}`), alice);
    alicePlan = await createPlan(api, alice, planTerms({ price: PRICE, termsByte: '33' }));
  });
  after(async () => {
    if (!smdp) return;
    await smdp.stop();
    if (process.env.GESIM_E2E_LOGS) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${process.env.GESIM_E2E_LOGS}/smdp-sim.log`, smdp.logs.sim);
      writeFileSync(`${process.env.GESIM_E2E_LOGS}/smdp-gateway.log`, smdp.logs.gateway);
    }
  });

  /** The customer buys Alice's plan (or uses `entitlement`) and orders a profile. */
  async function order(entitlement) {
    if (entitlement === undefined) {
      const bought = await send(api, api.tx.planCatalog.purchase(alicePlan), customer);
      entitlement = findEvent(bought.events, 'planCatalog', 'Purchased').data.entitlement.toNumber();
    }
    const device = deviceKey();
    await send(api, api.tx.esimProvisioning.registerDeviceKey(device.raw), customer);
    const { events } = await send(api, api.tx.esimProvisioning.requestProfile(entitlement, device.raw, null, false), customer);
    return { entitlement, device, order: findEvent(events, 'esimProvisioning', 'ProfileRequested').data.order.toNumber() };
  }

  /** Waits until order `id` is in one of `statuses` (`'CodeReleased'`, …); resolves with its status as JSON. */
  async function reaches(id, statuses, ms = 60_000) {
    const deadline = Date.now() + ms;
    let status;
    while (Date.now() < deadline) {
      status = (await orderOf(id)).status;
      if (statuses.includes(status.type)) return status.toJSON();
      await sleep(250);
    }
    throw new Error(`order ${id} is ${status}, not ${statuses}: gateway log\n${smdp.logs.gateway.slice(-3000)}`);
  }

  test('an order is served: the sealed code opens on the device, parses, and the test eUICC installs the profile', async () => {
    const { order: id, device } = await order();
    await reaches(id, ['CodeReleased']);
    const served = (await orderOf(id)).toJSON();

    const envelope = openSealed(device.privateKey, served.sealedCode, id);
    const [format, address, matchingId, ...rest] = envelope.activationCode.replace(/^LPA:/, '').split('$');
    assert.equal(format, '1');
    assert.match(address, /^localhost:\d+$/);
    assert.match(matchingId, /^[0-9A-Za-z-]+$/);
    assert.ok(envelope.activationCode.startsWith('LPA:1$') && envelope.activationCode.length <= 255);
    assert.equal(served.smdpAddress, u8aToHex(new TextEncoder().encode(address)));
    assert.ok(rest.length <= 2, 'no fields beyond the OID and the confirmation-code flag');
    // The subscriber can open the operator's ICCID commitment with the salt it was sent.
    const { blake2AsU8a } = await import('@polkadot/util-crypto');
    const commitment = blake2AsU8a(
      u8aConcat(stringToU8a('gesim/iccid/v1'), Buffer.from(envelope.iccidSalt, 'hex'), stringToU8a(envelope.iccid)), 256,
    );
    assert.equal(served.iccidCommitment, u8aToHex(commitment));
    // Another chain's order id does not open it.
    assert.throws(() => openSealed(device.privateKey, served.sealedCode, id + 1));

    const download = await smdp.euiccDownload(envelope.activationCode);
    assert.equal(download.code, 0, JSON.stringify(download.last));
    assert.equal(download.last.payload.code, 0);
    await reaches(id, ['Installed']);
    assert.match((await orderOf(id)).installResultHash.toHex(), /^0x[0-9a-f]{64}$/);
  });

  test('a gateway killed between downloadOrder and confirmOrder resumes, with exactly one profile allocated', async () => {
    const takenBefore = smdp.inventory().filter((p) => p.order !== undefined && p.order !== null).length;
    // The SM-DP+ is slow to confirm: the gateway has reserved the profile and keeps retrying.
    await smdp.admin('POST', '/sim/faults', { function: 'confirmOrder', count: 1000, httpStatus: 503 });
    const { order: id } = await order();
    await reaches(id, ['Accepted']);
    await smdp.killGateway();
    await smdp.admin('DELETE', '/sim/faults');
    await smdp.startGateway();

    await reaches(id, ['CodeReleased']);
    const mine = smdp.inventory().filter((p) => p.order === id);
    assert.equal(mine.length, 1, 'one ICCID recorded for the order');
    assert.equal(smdp.inventory().filter((p) => p.order !== undefined && p.order !== null).length, takenBefore + 1);
    const profiles = await smdp.admin('GET', '/sim/profiles');
    const list = Array.isArray(profiles) ? profiles : profiles.profiles;
    const theirs = list.filter((p) => p.iccid.replace(/F$/, '') === mine[0].iccid);
    assert.equal(theirs.length, 1);
    assert.notEqual(theirs[0].state, 'Available');
    const allocated = list.filter((p) => p.state !== 'Available' && p.state !== 'Unavailable');
    assert.equal(allocated.length, takenBefore + 1, 'no second profile at the SM-DP+');
  });

  test('the SM-DP+ fails an order with a GSMA reason: the subscriber retries, or takes the refund', async () => {
    await smdp.admin('POST', '/sim/faults', { function: 'downloadOrder', count: 1, subjectCode: '8.2.5', reasonCode: '3.7' });
    const first = await order();
    const failed = await reaches(first.order, ['Failed']);
    assert.deepEqual(failed, { failed: { subject: u8aToHex(stringToU8a('8.2.5')), reason: u8aToHex(stringToU8a('3.7')) } });

    // A retry on the same entitlement is served.
    const retry = await order(first.entitlement);
    await reaches(retry.order, ['CodeReleased']);

    // Another failure, and this time the subscriber takes the refund.
    await smdp.admin('POST', '/sim/faults', { function: 'downloadOrder', count: 1, subjectCode: '8.2.5', reasonCode: '3.7' });
    const before = await stablecoinBalance(api, customer.address);
    const second = await order();
    await reaches(second.order, ['Failed']);
    const paid = await stablecoinBalance(api, customer.address);
    assert.equal(paid, before - PRICE);
    await send(api, api.tx.esimProvisioning.refundUnserved(second.order), customer);
    assert.equal(await stablecoinBalance(api, customer.address), before, 'refunded in full');
  });
});
