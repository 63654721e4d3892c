// Roaming from polkadot.js and the operator's command line: a second operator is admitted, it
// and the dev operator (Alice) sign a roaming agreement and keep deposits with the roaming
// pallet, each proves usage of the other's subscribers on its own network with
// `gesim-operator claim --agreement`, and one netting pays only the net position, to the unit.
// Alice disputes usage the partner booked against her: the agreement waits unnetted until the
// council splits it, and the next netting pays the partner exactly the other half.
// Each batch holds the agreement's binding id (2^64 + its id) and the invoicing operator's own
// network, and lies after that operator's usage clock of the agreement: each party bills the
// other's subscribers, on a clock of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import {
  connect, dev, send, findEvent, stablecoinBalance, ensureUsageKey, operatorCli, advanceTo,
  bindingId, usageClock, usageWindow, proveUsage, zk, parameterOf, admitOperator, councilMotion, fileDispute,
  STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());
const work = mkdtempSync(join(tmpdir(), 'gesim-roaming-'));
after(() => rmSync(work, { recursive: true, force: true }));

const alice = dev('Alice');
const ALICE_SURI = '//Alice';
// The visited side's key as its operator holds it: a secret phrase.
const partnerSuri = mnemonicGenerate();
const partner = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(partnerSuri);

// Where each operator serves the other's subscribers: the dev operator's genesis network, and
// the partner's, chosen when it applies.
const ALICE_NETWORK = { mcc: '001', mnc: '01' };
let partnerNetwork;

// 1.234567 GUSD per MB, of which the visited operator invoices 80 %: amounts that round.
const RATE_PER_MB = 1_234_567n;
const SHARE_BPS = 8_000n;
const HEADER = 'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc';
const NONCE_BASE = BigInt(Date.now()) * 1000n;

let usageKey;
let agreement;
const subject = () => ({ Roaming: agreement });

/** What `bytes` of roaming usage under the agreement are worth: multiply first, round down once. */
const charge = (bytes) => (bytes * RATE_PER_MB * SHARE_BPS) / (1_000_000n * 10_000n);

async function blockNumber() {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}


/** The block the next netting runs in. */
async function nextNetting() {
  const last = (await api.query.roaming.lastNettingAt()).toNumber();
  return last + await parameterOf(api, 'NettingPeriod');
}

/** The events of block `number`. */
async function eventsOf(number) {
  const hash = await api.rpc.chain.getBlockHash(number);
  return (await api.query.system.events.at(hash)).map(({ event }) => event);
}

/**
 * A CSV of `n` sessions of the agreement's roaming subscribers on `network`, starting at `from`
 * (Unix seconds) and lasting 3 s each, one every 5 s; returns it, its total and its period.
 */
function writeBatch(name, n, seed, { from, network }) {
  let total = 0n;
  const lines = Array.from({ length: n }, (_, i) => {
    const up = 1_007n * BigInt(seed + i);
    const down = 25_013n * BigInt(seed + i);
    total += up + down;
    return [bindingId(subject()), from + 5n * BigInt(i), 3, up, down, network.mcc, network.mnc].join(',');
  });
  const file = join(work, name);
  writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return { file, total, period: { start: from, end: from + 5n * BigInt(n - 1) + 3n } };
}

/** Seconds a batch of `n` sessions written by `writeBatch` spans. */
const span = (n) => 5 * (n - 1) + 3;

before(async () => {
  await send(api, api.tx.balances.transferKeepAlive(partner.address, 20_000n * UNIT), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, partner.address, 100n * DOLLAR), alice);
  usageKey = await ensureUsageKey(api, 'usage-64', work);
});

test('a second operator is admitted and the two sign a roaming agreement', async () => {
  partnerNetwork = await admitOperator(api, partner, 'GeSIM Roaming Partner', `0x${'cd'.repeat(32)}`);

  const now = await blockNumber();
  const terms = {
    ratePerMb: RATE_PER_MB,
    revenueShareBps: SHARE_BPS,
    creditLimit: 100n * DOLLAR,
    settlementPeriod: 1,
    validFrom: now,
    validUntil: now + 10_000,
  };
  const proposed = findEvent((await send(api, api.tx.roaming.proposeAgreement(partner.address, terms), alice)).events, 'roaming', 'AgreementProposed');
  agreement = proposed.data.agreement.toNumber();

  // Not in force until the counterparty signs: no usage can be anchored under it.
  const { start } = await usageWindow(api, partner, subject(), span(1), alice);
  const early = await operatorCli(partnerSuri, 'anchor', '--records', writeBatch('early.csv', 1, 1, { from: start, network: partnerNetwork }).file,
    '--agreement', String(agreement), '--pk', usageKey.pk, '--nonce', String(NONCE_BASE));
  assert.notEqual(early.code, 0);
  assert.match(early.stderr, /roaming\.AgreementNotAccepted/);

  await assert.rejects(
    send(api, api.tx.roaming.acceptAgreement(agreement), alice),
    (e) => e.errorName === 'roaming.NotCounterparty',
  );
  const { events } = await send(api, api.tx.roaming.acceptAgreement(agreement), partner);
  assert.ok(findEvent(events, 'roaming', 'AgreementAccepted'));
  assert.equal((await api.query.roaming.agreements(agreement)).unwrap().status.toString(), 'InForce');
});

test('usage proved in both directions is booked, and one netting pays only the net', async () => {
  await send(api, api.tx.roaming.deposit(50n * DOLLAR), alice);
  await send(api, api.tx.roaming.deposit(5n * DOLLAR), partner);

  // Alice's subscribers on the partner's network, billed by the partner, and the partner's on
  // Alice's, billed by Alice: each after its own operator's clock, and over by the chain's time.
  const forPartner = await usageWindow(api, partner, subject(), span(40), alice);
  const onPartner = writeBatch('alice-subscribers-on-partner.csv', 40, 3, { from: forPartner.start, network: partnerNetwork });
  const forAlice = await usageWindow(api, alice, subject(), span(12), alice);
  const onAlice = writeBatch('partner-subscribers-on-alice.csv', 12, 7, { from: forAlice.start, network: ALICE_NETWORK });

  // Four blocks of claims must land before the netting that settles them.
  if ((await nextNetting()) - (await blockNumber()) < 6) await advanceTo(api, await nextNetting(), alice);

  const visitedByAlice = await operatorCli(partnerSuri, 'claim', '--records', onPartner.file,
    '--agreement', String(agreement), '--pk', usageKey.pk, '--nonce', String(NONCE_BASE + 1n));
  assert.equal(visitedByAlice.code, 0, visitedByAlice.stderr);
  const visitedByPartner = await operatorCli(ALICE_SURI, 'claim', '--records', onAlice.file,
    '--agreement', String(agreement), '--pk', usageKey.pk, '--nonce', String(NONCE_BASE + 2n));
  assert.equal(visitedByPartner.code, 0, visitedByPartner.stderr);

  const owedToPartner = charge(onPartner.total);
  const owedToAlice = charge(onAlice.total);
  assert.equal(BigInt(visitedByAlice.out.settled.payout), owedToPartner, 'booked for the partner');
  assert.equal(BigInt(visitedByPartner.out.settled.payout), owedToAlice, 'booked for Alice');
  assert.deepEqual(visitedByAlice.out.settled.subject, { Roaming: agreement });
  assert.ok(owedToPartner > owedToAlice, 'Alice ends up the debtor');
  const net = owedToPartner - owedToAlice;

  const before = {
    aliceDeposit: (await api.query.roaming.deposits(alice.address)).toBigInt(),
    partnerDeposit: (await api.query.roaming.deposits(partner.address)).toBigInt(),
    partnerBalance: await stablecoinBalance(api, partner.address),
  };
  const netting = await nextNetting();
  await advanceTo(api, netting, alice);
  const events = (await eventsOf(netting)).filter((e) => e.section === 'roaming');

  const byPayer = (a, b) => a[0].localeCompare(b[0]);
  const gross = events.filter((e) => e.method === 'GrossSettled')
    .map(({ data }) => [data.payer.toString(), data.payee.toString(), data.amount.toBigInt()]);
  assert.deepEqual(gross.sort(byPayer), [
    [alice.address, partner.address, owedToPartner],
    [partner.address, alice.address, owedToAlice],
  ].sort(byPayer));
  const positions = Object.fromEntries(events.filter((e) => e.method === 'NetPositionSettled')
    .map((e) => [e.data.operator.toString(), e.data]));
  assert.equal(positions[alice.address].net.toBigInt(), -net);
  assert.equal(positions[alice.address].paid.toBigInt(), net);
  assert.equal(positions[alice.address].carriedOut.toBigInt(), 0n);
  assert.equal(positions[partner.address].net.toBigInt(), net);
  assert.equal(positions[partner.address].received.toBigInt(), net);
  const completed = events.find((e) => e.method === 'NettingCompleted');
  assert.ok(completed, 'the netting ran in the block it was due');
  assert.equal(completed.data.collected.toBigInt(), net);
  assert.equal(completed.data.shortfall.toBigInt(), 0n);

  // Money moved only by the net, to the unit: from Alice's deposit to the partner's account.
  assert.equal((await api.query.roaming.deposits(alice.address)).toBigInt(), before.aliceDeposit - net);
  assert.equal((await api.query.roaming.deposits(partner.address)).toBigInt(), before.partnerDeposit);
  assert.equal(await stablecoinBalance(api, partner.address), before.partnerBalance + net);
  assert.ok((await api.query.roaming.carried(alice.address)).isNone, 'nothing carried');
});

test('a proof for the agreement cannot be spent twice, nor by the other party', async () => {
  // Both clocks: Alice anchors these very records below.
  const window = await usageWindow(api, [partner, alice], subject(), span(3), alice);
  const batch = writeBatch('replay.csv', 3, 11, { from: window.start, network: partnerNetwork });
  const nonce = String(NONCE_BASE + 3n);
  const first = await operatorCli(partnerSuri, 'claim', '--records', batch.file,
    '--agreement', String(agreement), '--pk', usageKey.pk, '--nonce', nonce, '--proof-out', join(work, 'replay.json'));
  assert.equal(first.code, 0, first.stderr);
  const again = await operatorCli(partnerSuri, 'submit-proof', '--proof', join(work, 'replay.json'));
  assert.match(again.stderr, /^error: metering\.NonceConsumed/);
  // Nor again under a new nonce: the partner's clock has passed the period.
  const root = (file) => zk('commit', '--records', file, '--batch-size', '64').root_hex;
  await assert.rejects(
    send(api, api.tx.metering.anchorUsage(subject(), usageKey.key, root(batch.file), batch.period, BigInt(nonce) + 100n), partner),
    { errorName: 'metering.PeriodOverlaps' },
  );

  // Alice bills the same sessions as hers, through polkadot.js (her tool refuses records of
  // another's network). She may anchor them on her own clock, but cannot prove them: they were
  // served on the partner's network, not one of hers. Claiming the partner's network instead
  // makes a proof the chain rejects, since it commits to the networks she registered.
  await send(api, api.tx.metering.anchorUsage(subject(), usageKey.key, root(batch.file), batch.period, BigInt(nonce)), alice);
  const asAlice = { pk: usageKey.pk, records: batch.file, nonce, telco: alice, subject: subject(), period: batch.period };
  assert.throws(
    () => proveUsage(api, { ...asAlice, networks: ['001-01'], out: join(work, 'as-alice.json') }),
    /not one of the networks proved for/,
  );
  proveUsage(api, { ...asAlice, networks: [`${partnerNetwork.mcc}-${partnerNetwork.mnc}`], out: join(work, 'as-alice.json') });
  const claimed = await operatorCli(ALICE_SURI, 'submit-proof', '--proof', join(work, 'as-alice.json'));
  assert.match(claimed.stderr, /^error: metering\.ProofRejected/);
  await send(api, api.tx.metering.discardUsage(BigInt(nonce)), alice);

  // A proof the partner made and never submitted: its anchor discarded (the latest, so the
  // clock goes back), Alice anchors the same records under the same nonce and submits it. It
  // is bound to the partner, so it does not verify for her.
  const later = await usageWindow(api, [partner, alice], subject(), span(3), alice);
  const unspent = writeBatch('unspent.csv', 3, 13, { from: later.start, network: partnerNetwork });
  const unspentNonce = NONCE_BASE + 4n;
  const clock = await usageClock(api, partner, subject());
  const anchoredByPartner = await operatorCli(partnerSuri, 'anchor', '--records', unspent.file,
    '--agreement', String(agreement), '--pk', usageKey.pk, '--nonce', String(unspentNonce));
  assert.equal(anchoredByPartner.code, 0, anchoredByPartner.stderr);
  proveUsage(api, {
    pk: usageKey.pk, records: unspent.file, nonce: unspentNonce, telco: partner, subject: subject(),
    period: unspent.period, networks: [`${partnerNetwork.mcc}-${partnerNetwork.mnc}`], out: join(work, 'unspent.json'),
  });
  await send(api, api.tx.metering.discardUsage(unspentNonce), partner);
  assert.equal(await usageClock(api, partner, subject()), clock, 'the discard rolled the clock back');

  await send(api, api.tx.metering.anchorUsage(subject(), usageKey.key, root(unspent.file), unspent.period, unspentNonce), alice);
  const stolen = await operatorCli(ALICE_SURI, 'submit-proof', '--proof', join(work, 'unspent.json'));
  assert.match(stolen.stderr, /^error: metering\.ProofRejected/);
});

test('a booking the home operator disputes waits unnetted, and a split ruling nets the rest exactly', async () => {
  const grossToPartner = (events) => events
    .filter((e) => e.section === 'roaming' && e.method === 'GrossSettled' && e.data.agreement.toNumber() === agreement)
    .map(({ data }) => [data.payer.toString(), data.payee.toString(), data.amount.toBigInt()]);
  const window = await usageWindow(api, partner, subject(), span(10), alice);
  const batch = writeBatch('disputed.csv', 10, 17, { from: window.start, network: partnerNetwork });
  // Start right after a netting, with nothing booked and room for the claim and the filing.
  await advanceTo(api, await nextNetting(), alice);

  const claimed = await operatorCli(partnerSuri, 'claim', '--records', batch.file,
    '--agreement', String(agreement), '--pk', usageKey.pk, '--nonce', String(NONCE_BASE + 5n));
  assert.equal(claimed.code, 0, claimed.stderr);
  const booked = BigInt(claimed.out.settled.payout);
  assert.equal(booked, charge(batch.total));

  // Only the home operator disputes, and no more than is booked.
  const disputeOf = (amount, signer) => fileDispute(
    api, { RoamingBooking: { agreement, visited: partner.address, amount } }, `0x${'b0'.repeat(32)}`, signer);
  await assert.rejects(disputeOf(booked, partner), /disputes\.NotAParty/);
  await assert.rejects(disputeOf(booked + 1n, alice), /disputes\.AmountNotBooked/);
  const { dispute, events } = await disputeOf(booked, alice);
  assert.ok(findEvent(events, 'roaming', 'AgreementDisputed'));

  const partnerBefore = await stablecoinBalance(api, partner.address);
  const held = await nextNetting();
  await advanceTo(api, held, alice);
  assert.equal((await api.query.roaming.lastNettingAt()).toNumber(), held, 'the netting ran');
  assert.deepEqual(grossToPartner(await eventsOf(held)), [], 'not netted while disputed');
  assert.equal(await stablecoinBalance(api, partner.address), partnerBefore);

  const closed = await councilMotion(api, api.tx.disputes.rule(dispute, { Split: { toSubscriber: 5_000 } }));
  const writtenDown = booked / 2n;
  assert.equal(findEvent(closed, 'roaming', 'PayableWrittenDown').data.amount.toBigInt(), writtenDown);
  assert.equal(findEvent(closed, 'disputes', 'DisputeRuled').data.refunded.toBigInt(), writtenDown);
  assert.ok(findEvent(closed, 'roaming', 'AgreementDisputeEnded'));

  const aliceDeposit = (await api.query.roaming.deposits(alice.address)).toBigInt();
  const netting = await nextNetting();
  await advanceTo(api, netting, alice);
  assert.deepEqual(grossToPartner(await eventsOf(netting)), [[alice.address, partner.address, booked - writtenDown]]);
  assert.equal(await stablecoinBalance(api, partner.address), partnerBefore + booked - writtenDown);
  assert.equal((await api.query.roaming.deposits(alice.address)).toBigInt(), aliceDeposit - (booked - writtenDown));
});
