// A runtime upgrade by council motion on the running dev chain, as operators enact one: the
// council authorises the code's hash (`governance.dispatchAsRoot(system.authorizeUpgrade)`),
// then anyone submits the code (`system.applyAuthorizedUpgrade`, unsigned and free once
// authorised). The new runtime is `runtime/upgrade-rehearsal`: the same source one
// `spec_version` later, with the TryRuntime API. An entitlement, its escrow and a usage
// commitment anchored before the upgrade are intact after it, and the commitment settles; the
// pallets' `try_state` checks pass on the upgraded chain.
//
// Runs last on a dev chain (the chain keeps the new runtime): a second run needs a fresh one.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import {
  connect, dev, fresh, send, findEvent, councilMotion, createPlan, planTerms, ensureUsageKey, operatorCli,
  stablecoinBalance, treasury, usageWindow, waitFor, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

const work = mkdtempSync(join(tmpdir(), 'gesim-upgrade-'));
after(() => rmSync(work, { recursive: true, force: true }));

const REHEARSAL_WASM = process.env.GESIM_REHEARSAL_WASM ?? join(
  process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/gesim/target'),
  'debug/wbuild/gesim-runtime-upgrade-rehearsal/gesim_runtime_upgrade_rehearsal.compact.compressed.wasm',
);

const telco = dev('Alice');
const subscriber = fresh();
const QUOTA = 10_000_003n;
const PRICE = 5n * DOLLAR + 7n;
const NONCE = BigInt(Date.now()) * 1000n + 7n;

let code; // the rehearsal runtime, as submitted
let usageKey;
let records; // CSV file of the anchored batch
let entitlement;
let intent;
let before; // what the chain holds before the upgrade
let settledIn; // the block that settled the commitment after the upgrade

/** Everything the upgrade must leave untouched, as JSON. */
async function snapshot() {
  const [record, escrow, pending] = await Promise.all([
    api.query.planCatalog.entitlements(entitlement),
    api.query.escrow.intents(intent),
    api.query.metering.pendingUsage(telco.address, NONCE),
  ]);
  return {
    entitlement: record.toJSON(),
    intent: escrow.toJSON(),
    pending: pending.toJSON(),
    telco: String(await stablecoinBalance(api, telco.address)),
    subscriber: String(await stablecoinBalance(api, subscriber.address)),
  };
}

const specVersion = async () => (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();

test('before: a purchase with its escrow, and a usage commitment anchored and not yet proved', async () => {
  assert.ok(existsSync(REHEARSAL_WASM), `${REHEARSAL_WASM}: build the workspace first`);
  code = u8aToHex(readFileSync(REHEARSAL_WASM));
  assert.equal(await specVersion(), 100, 'a fresh dev chain runs spec 100');

  usageKey = await ensureUsageKey(api, 'usage-64', work);
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), telco);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, PRICE + DOLLAR), telco);
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'1e'.repeat(32)}`, `0x${'1f'.repeat(32)}`), telco);
  const plan = await createPlan(api, telco, planTerms({ quotaBytes: QUOTA, price: PRICE, termsByte: '5a' }));
  const { events } = await send(api, api.tx.planCatalog.purchase(plan), subscriber);
  ({ entitlement, intent } = findEvent(events, 'planCatalog', 'Purchased').data);
  [entitlement, intent] = [entitlement.toNumber(), intent.toNumber()];
  await send(api, api.tx.planCatalog.retirePlan(plan), telco);

  // Three recent sessions, after Alice's usage clock of the entitlement, on her network 001-01.
  const { start } = await usageWindow(api, telco, { Entitlement: entitlement }, 260, telco);
  records = join(work, 'usage.csv');
  writeFileSync(records, [
    'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc',
    ...[0n, 1n, 2n].map((i) => [entitlement, start + 100n * i, 60n, 40_000n + i, 900_000n + i, '001', '01'].join(',')),
  ].join('\n'));
  const run = await operatorCli('//Alice', 'anchor', '--records', records, '--entitlement', String(entitlement),
    '--pk', usageKey.pk, '--nonce', String(NONCE));
  assert.equal(run.code, 0, run.stderr);

  before = await snapshot();
  assert.ok(before.pending, 'the commitment waits for its proof');
  assert.equal(BigInt(before.intent.held), PRICE, 'escrow holds the price');
});

test('nobody but the council authorises an upgrade, and nothing unauthorised is applied', async () => {
  const hash = blake2AsHex(code, 256);
  await assert.rejects(send(api, api.tx.system.authorizeUpgrade(hash), telco), { errorName: 'BadOrigin' });
  await assert.rejects(send(api, api.tx.system.setCode(code), telco), { errorName: 'BadOrigin' });
  // Signed, before any authorisation: refused by name, the caller paid the fee.
  await assert.rejects(send(api, api.tx.system.applyAuthorizedUpgrade(code), telco), { errorName: 'system.NothingAuthorized' });
  // Unsigned, nothing authorised: the pool does not even take it (no free block space).
  await assert.rejects(send(api, api.tx.system.applyAuthorizedUpgrade(code), null), /1010|Invalid Transaction/);
  assert.equal(await specVersion(), 100);
});

test('by motion: the council authorises the hash, anyone applies the code, the chain runs spec 101', async () => {
  const hash = blake2AsHex(code, 256);
  const closed = await councilMotion(api, api.tx.governance.dispatchAsRoot(api.tx.system.authorizeUpgrade(hash)));
  const dispatched = findEvent(closed, 'governance', 'RootCallDispatched');
  assert.ok(dispatched.data.result.isOk, 'authorizeUpgrade succeeded as root');
  assert.equal(findEvent(closed, 'system', 'UpgradeAuthorized').data.codeHash.toHex(), hash);

  // Other code than the authorised one is still refused, by the pool and by name when signed.
  const other = `${code}00`; // one byte more: another hash
  await assert.rejects(send(api, api.tx.system.applyAuthorizedUpgrade(other), null), /1010|Invalid Transaction/);
  await assert.rejects(send(api, api.tx.system.applyAuthorizedUpgrade(other), telco), { errorName: 'system.Unauthorized' });

  const { blockHash } = await send(api, api.tx.system.applyAuthorizedUpgrade(code), null);
  // The chain's code is now exactly the authorised wasm. (Not read from the block's events:
  // polkadot.js decodes an upgrade block's events with the new runtime's metadata.)
  assert.equal(blake2AsHex(await api.rpc.state.getStorage.raw('0x3a636f6465', blockHash), 256), hash);
  assert.equal(await specVersion(), 101);
  assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'the authorisation is used up');
  await waitFor(() => api.runtimeVersion.specVersion.toNumber(), (v) => v === 101, 30, 'polkadot.js on the new runtime');
});

test('after: the entitlement, its escrow and the pending commitment are intact, and the commitment settles', async () => {
  assert.deepEqual(await snapshot(), before, 'state untouched by the upgrade');

  const total = 3n * 940_000n + 2n * (0n + 1n + 2n); // the three rows written before the upgrade
  // The subscriber's device counted them: the settlement pays at once.
  await send(api, api.tx.metering.acknowledgeUsage(entitlement, total), subscriber);
  const margin = treasury();
  const treasuryBefore = await stablecoinBalance(api, margin);
  const run = await operatorCli('//Alice', 'settle', '--records', records, '--entitlement', String(entitlement),
    '--pk', usageKey.pk, '--nonce', String(NONCE));
  assert.equal(run.code, 0, run.stderr);
  const released = (PRICE * total) / QUOTA;
  assert.equal(BigInt(run.out.settledBytes), total);
  assert.equal(BigInt(run.out.payout) + BigInt(run.out.margin), released);

  const now = await snapshot();
  assert.equal(now.pending, null, 'the commitment is consumed');
  assert.equal(BigInt(now.intent.held), PRICE - released);
  assert.equal(BigInt(now.entitlement.remainingBytes), QUOTA - total);
  assert.equal(BigInt(now.telco) - BigInt(before.telco), BigInt(run.out.payout));
  assert.equal((await stablecoinBalance(api, margin)) - treasuryBefore, BigInt(run.out.margin));
  settledIn = run.out.blockHash;
});

test('try-runtime: the upgraded runtime re-executes a block with every pallet\'s try_state, and its upgrade checks pass', async () => {
  // TryRuntime_execute_block(block, state_root_check, signature_check, TryStateSelect::All) on
  // the block that settled, at its parent: what try-runtime-cli's `execute-block live` runs.
  // A seal is added after execution, so it is not part of what is executed (none on the dev chain).
  const { block } = await api.rpc.chain.getBlock(settledIn);
  const asExecuted = (stateRoot) => api.createType('Block', {
    header: { ...block.header.toJSON(), stateRoot, digest: { logs: block.header.digest.logs.filter((log) => !log.isSeal) } },
    extrinsics: block.extrinsics,
  });
  const execute = (candidate) => api.rpc.state.call(
    'TryRuntime_execute_block', u8aToHex(u8aConcat(candidate.toU8a(), [1, 1, 1])), block.header.parentHash,
  );
  const weight = api.createType('SpWeightsWeightV2Weight', await execute(asExecuted(block.header.stateRoot)));
  assert.ok(weight.refTime.toBigInt() > 0n, 'the block was executed');
  // The same block claiming another state root fails the check: the call is not a no-op.
  await assert.rejects(execute(asExecuted(`0x${'00'.repeat(32)}`)));

  // TryRuntime_on_runtime_upgrade(UpgradeCheckSelect::All): every migration's pre/post checks
  // and every pallet's try_state, on the chain as it is now.
  const result = await api.rpc.state.call('TryRuntime_on_runtime_upgrade', '0x01');
  const [used, max] = api.createType('(SpWeightsWeightV2Weight, SpWeightsWeightV2Weight)', result);
  assert.ok(max.refTime.toBigInt() > 0n && used.refTime.toBigInt() <= max.refTime.toBigInt(), JSON.stringify([used, max]));
});
