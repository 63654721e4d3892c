// Subscriber-acknowledged usage: the subscriber's device posts the bytes it counted with
// `gesim-lpa acknowledge`; the operator claims more. The claim pays at once up to the
// acknowledgement plus the council's tolerance, and the money for the rest stays reserved in
// escrow until the challenge window ends (the council shortens it to a few blocks here).
// Before that `gesim-operator release-held` is refused. After it, or as soon as a later
// acknowledgement covers the claim, it pays the operator exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import {
  connect, dev, send, findEvent, stablecoinBalance, treasury, createPlan, planTerms, operatorCli, claimEntitlementUsage,
  ensureUsageKey, parameterOf, setParameter, lessMargin, advanceTo, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';
import { BIN_DIR } from '../smdp.mjs';

const api = await connect();
const work = mkdtempSync(join(tmpdir(), 'gesim-acknowledged-'));
const telco = dev('Alice');
const QUOTA = 10_000_000n;
const PRICE = 10n * DOLLAR + 7n;
const WINDOW = 4;
const NONCE_BASE = BigInt(Date.now()) * 1000n + 500n;

// The subscriber's account key lives on the device, as gesim-lpa keeps it.
const phrase = mnemonicGenerate();
const accountFile = join(work, 'account.key');
writeFileSync(accountFile, phrase);
chmodSync(accountFile, 0o600);
const subscriber = new Keyring({ type: 'sr25519' }).addFromUri(phrase);
const NODE = (process.env.GESIM_WS ?? 'ws://127.0.0.1:9944').replace(/^ws/, 'http');

let usageKey;
let entitlement;
let intent;
let windowBefore;
let lastNonce;

function lpa(...args) {
  const common = ['--node', NODE, '--trust-rpc-node', '--account-file', accountFile, '--key-file', join(work, 'device.key')];
  return new Promise((resolve) => {
    execFile(join(BIN_DIR, 'gesim-lpa'), [...common, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

/** Claims `bytes` of the entitlement's usage as Alice, under her next nonce; resolves with `settled`. */
function claim(bytes) {
  lastNonce = (lastNonce ?? NONCE_BASE) + 1n; // an operator's nonces only go up
  return claimEntitlementUsage(api, { suri: '//Alice', telco, entitlement, bytes, nonce: lastNonce, pk: usageKey.pk, dir: work });
}

const reserved = async () => {
  const value = await api.query.escrow.reserved(intent);
  return value.isSome ? value.unwrap().toBigInt() : 0n;
};
const telcoBalance = () => stablecoinBalance(api, telco.address);

before(async () => {
  usageKey = await ensureUsageKey(api, 'usage-64', work);
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), telco);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, PRICE + DOLLAR), telco);
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'3d'.repeat(32)}`, `0x${'3c'.repeat(32)}`), telco);
  const plan = await createPlan(api, telco, planTerms({ quotaBytes: QUOTA, price: PRICE, networks: ['0x00f110'], termsByte: '55' }));
  const purchased = findEvent((await send(api, api.tx.planCatalog.purchase(plan), subscriber)).events, 'planCatalog', 'Purchased');
  ({ entitlement, intent } = { entitlement: purchased.data.entitlement.toNumber(), intent: purchased.data.intent.toNumber() });
  await send(api, api.tx.planCatalog.retirePlan(plan), telco);
  windowBefore = await parameterOf(api, 'ChallengeWindow');
  await setParameter(api, 'ChallengeWindow', WINDOW);
  assert.equal(await parameterOf(api, 'ChallengeWindow'), WINDOW);
});
after(async () => {
  if (windowBefore !== undefined) await setParameter(api, 'ChallengeWindow', windowBefore);
  await api.disconnect();
  rmSync(work, { recursive: true, force: true });
});

test('the device acknowledges the bytes it counted; only more than before is accepted', async () => {
  assert.equal((await lpa('generate-key')).code, 0);
  const run = await lpa('acknowledge', String(entitlement), '--bytes', '2000000');
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { entitlement, acknowledgedBytes: 2_000_000 });
  const usage = await api.query.metering.entitlementUsages(entitlement);
  assert.equal(usage.acknowledged.toBigInt(), 2_000_000n);

  const again = await lpa('acknowledge', String(entitlement), '--bytes', '2000000');
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /AcknowledgementNotIncreasing/);
  assert.equal(again.stderr.split('\n').length, 1, 'one readable line');
});

test('an over-claim pays the acknowledged part at once and holds the rest for the challenge window', async () => {
  const before = { telco: await telcoBalance(), treasury: await stablecoinBalance(api, treasury()) };
  const settled = await claim(5_000_000n);

  // 2 000 000 acknowledged + the tolerance (basis points of the quota) pay at once.
  const tolerance = (QUOTA * BigInt(await parameterOf(api, 'AcknowledgementTolerance'))) / 10_000n;
  const total = (PRICE * 5_000_000n) / QUOTA;
  const now = (total * (2_000_000n + tolerance)) / 5_000_000n;
  assert.equal(BigInt(settled.payout) + BigInt(settled.margin), now);
  assert.equal(BigInt(settled.held), total - now);
  assert.equal(await telcoBalance() - before.telco, BigInt(settled.payout));
  assert.equal(await reserved(), total - now, 'reserved in escrow');
  assert.equal((await api.query.escrow.intents(intent)).unwrap().held.toBigInt(), PRICE - now);

  const events = await api.query.system.events.at(settled.blockHash);
  const held = events.map(({ event }) => event).find((e) => e.section === 'metering' && e.method === 'SettlementHeld');
  assert.equal(held.data.amount.toBigInt(), total - now);
  assert.equal(held.data.bytes.toBigInt(), 5_000_000n - 2_000_000n - tolerance);
  const stored = (await api.query.metering.heldSettlements(telco.address, lastNonce)).unwrap();
  assert.equal(stored.releasesAt.toNumber(), held.data.releasesAt.toNumber());
});

test('release-held is refused inside the window and pays exactly after it', async () => {
  const nonce = lastNonce;
  const early = await operatorCli('//Bob', 'release-held', '--nonce', String(nonce), '--telco', telco.address);
  assert.notEqual(early.code, 0);
  assert.match(early.stderr, /metering\.ChallengeWindowOpen/);

  const held = (await api.query.metering.heldSettlements(telco.address, nonce)).unwrap();
  await advanceTo(api, held.releasesAt.toNumber(), dev('Bob'));
  const before = await telcoBalance();
  const run = await operatorCli('//Bob', 'release-held', '--nonce', String(nonce), '--telco', telco.address);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(BigInt(run.out.payout), await lessMargin(api, held.amount.toBigInt()));
  assert.equal(await telcoBalance() - before, BigInt(run.out.payout));
  assert.equal(await reserved(), 0n);
  assert.ok((await api.query.metering.heldSettlements(telco.address, nonce)).isNone);
});

test('an acknowledgement that covers a held claim lets it be paid at once', async () => {
  const settled = await claim(1_000_000n);
  assert.ok(BigInt(settled.held) > 0n, 'beyond the acknowledgement: held');
  const early = await operatorCli('//Alice', 'release-held', '--nonce', String(lastNonce));
  assert.match(early.stderr, /metering\.ChallengeWindowOpen/);

  // The device now counts all 6 000 000 bytes.
  const acknowledged = await lpa('acknowledge', String(entitlement), '--bytes', '6000000');
  assert.equal(acknowledged.code, 0, acknowledged.stderr);
  const run = await operatorCli('//Alice', 'release-held', '--nonce', String(lastNonce));
  assert.equal(run.code, 0, run.stderr);
  assert.equal(BigInt(run.out.payout), await lessMargin(api, BigInt(settled.held)));
  assert.equal(await reserved(), 0n);
});
