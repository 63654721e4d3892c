// Helpers shared by the end-to-end tests: a connection, keys, extrinsics that resolve with
// their events or reject with the runtime's named error, and the gesim-zk prover.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { findGesimZk } from '../tools/operator/src/zk.mjs';

export const STABLECOIN = 1;
export const DOLLAR = 1_000_000n;
export const UNIT = 1_000_000_000_000n;

/**
 * The one type a client must be told: polkadot.js assumes the `ChargeAssetTxPayment`
 * extension names assets by XCM location, as Asset Hub does; GeSIM names them by asset id.
 */
export const TYPES = { TAssetConversion: 'Option<u32>' };

export async function connect(url = process.env.GESIM_WS ?? 'ws://127.0.0.1:9944') {
  await cryptoWaitReady();
  return ApiPromise.create({ provider: new WsProvider(url), types: TYPES, noInitWarn: true, throwOnConnect: true });
}

const keyring = () => new Keyring({ type: 'sr25519', ss58Format: 42 });

/** A well-known dev account: 'Alice', 'Bob', ... */
export function dev(name) {
  return keyring().addFromUri(`//${name}`);
}

/**
 * The first free network 208-50 … 208-99: its TS 24.008 octets (208-94 is 02 F8 49) and its
 * MCC and MNC as usage records write them.
 */
async function freeNetwork(api) {
  for (let mnc = 50; mnc < 100; mnc++) {
    const plmn = `0x02f8${mnc % 10}${Math.floor(mnc / 10)}`;
    if ((await api.query.telcoRegistry.plmnOwner(plmn)).isNone) return { plmn, mcc: '208', mnc: String(mnc) };
  }
  throw new Error('no free test network left');
}

/**
 * `operator` (holding the bond) applies as `name` on the first free test network, in cell u0,
 * for data, with `receiptKey`, and a council motion admits it. Resolves with the network, as
 * `freeNetwork` gives it.
 */
export async function admitOperator(api, operator, name, receiptKey) {
  const network = await freeNetwork(api);
  await send(api, api.tx.telcoRegistry.apply(name, [network.plmn], ['u0'], ['Data'], receiptKey), operator);
  await councilMotion(api, api.tx.telcoRegistry.approve(operator.address));
  return network;
}

/** A brand-new account nobody has funded. */
export function fresh() {
  return keyring().addFromMnemonic(mnemonicGenerate());
}

/** The name of a dispatch error: `pallet.Error` for module errors, else its kind. */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}`;
  }
  if (dispatchError.isToken) return `Token.${dispatchError.asToken.type}`;
  if (dispatchError.isArithmetic) return `Arithmetic.${dispatchError.asArithmetic.type}`;
  return dispatchError.type;
}

/** Thrown when an extrinsic was included but failed; `.name` is the runtime's error name. */
export class DispatchFailed extends Error {
  constructor(name, events) {
    super(`dispatch failed: ${name}`);
    this.errorName = name;
    this.events = events;
  }
}

/**
 * Sign and submit `tx` (unsigned when `signer` is null); resolve once it is in a block (or
 * finalised: the dev chain may report only that) with `{ events, blockHash }`, or reject with
 * `DispatchFailed` (carrying the error name) if it failed in the runtime.
 * A transaction the pool refuses rejects with the RPC error (e.g. `1010: Invalid Transaction`).
 */
export function send(api, tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const submit = (callback) => (signer ? tx.signAndSend(signer, options, callback) : tx.send(callback));
    submit(({ status, events, dispatchError }) => {
      if (!status.isInBlock && !status.isFinalized) return;
      unsubscribe();
      if (dispatchError) reject(new DispatchFailed(errorName(api, dispatchError), events));
      else resolve({ events, blockHash: status.isInBlock ? status.asInBlock : status.asFinalized });
    }).then((u) => { unsubscribe = u; }, reject);
  });
}

/**
 * Plan terms as `planCatalog.createPlan` takes them: prepaid, sold in geohash cell u09t on
 * `networks`, no roaming partners, validity not extended by top-ups; `termsByte` repeated is
 * the terms hash.
 */
export function planTerms({ quotaBytes = 1n << 30n, validity = 10_000, price, networks = [], termsByte = '11' }) {
  return {
    quotaBytes,
    validity,
    price,
    region: { cells: ['u09t'], networks },
    roamingPartners: [],
    billing: 'Prepaid',
    extendsValidityOnTopUp: false,
    termsHash: `0x${termsByte.repeat(32)}`,
  };
}

/** Lists a plan with `terms`, signed by `operator`; resolves with the plan's id. */
export async function createPlan(api, operator, terms, options = {}) {
  const { events } = await send(api, api.tx.planCatalog.createPlan(terms), operator, options);
  return findEvent(events, 'planCatalog', 'PlanCreated').data.plan.toNumber();
}

/** Sends remarks signed by `signer` until the chain is at `block` or past it (instant seal: one block per transaction). */
export async function advanceTo(api, block, signer) {
  while ((await api.rpc.chain.getHeader()).number.toNumber() < block) {
    await send(api, api.tx.system.remark('0x'), signer);
  }
}

/** The chain's time in Unix seconds: the latest block's timestamp (`timestamp.now` is milliseconds). */
export async function chainSeconds(api) {
  return (await api.query.timestamp.now()).toBigInt() / 1000n;
}

/**
 * An operator's usage clock of a subject (`{ Entitlement: id }` or `{ Roaming: id }`): the
 * first second a batch of the subject's usage the operator anchors may start at — the
 * subject's start of validity, then each anchored period's end + 1. `telco` is an address or
 * a key pair.
 */
export async function usageClock(api, telco, subject) {
  return (await api.query.metering.usageClock(telco.address ?? telco, subject)).toBigInt();
}

/**
 * `{ start, end }` (Unix seconds, BigInt): `seconds` of the past where a batch of `subject`'s
 * usage that `telcos` (one operator or a list, addresses or key pairs) anchor may lie: the
 * latest `seconds` of the chain's time, but not before any of their usage clocks. When a
 * clock is that recent, waits until the chain's time has passed the end: on the dev chain by
 * sealing blocks with remarks signed by `signer` (each block is one slot, 6 s, later),
 * without one by waiting for blocks (the testnet's come by themselves).
 */
export async function usageWindow(api, telcos, subject, seconds, signer) {
  const span = BigInt(seconds);
  const clocks = await Promise.all([telcos].flat().map((telco) => usageClock(api, telco, subject)));
  const clock = clocks.reduce((a, b) => (a > b ? a : b));
  const now = await chainSeconds(api);
  const start = now - span > clock ? now - span : clock;
  const end = start + span;
  if (signer) {
    while (await chainSeconds(api) < end) await send(api, api.tx.system.remark('0x'), signer);
  } else {
    // As a Number: waitFor reports the last value as JSON, which has no BigInt.
    await waitFor(async () => Number(await chainSeconds(api)), (t) => t >= Number(end), Number(end - now) + 120, `the chain's time to pass ${end}`);
  }
  return { start, end };
}

/**
 * `signer` disputes `subject` (`{ Entitlement: id }`, `{ HeldSettlement: { telco, nonce } }` or
 * `{ RoamingBooking: { agreement, visited, amount } }`) with `evidence`, a hash; resolves with
 * the dispute's id and the filing's events.
 */
export async function fileDispute(api, subject, evidence, signer) {
  const { events } = await send(api, api.tx.disputes.fileDispute(subject, evidence), signer);
  return { dispute: findEvent(events, 'disputes', 'DisputeFiled').data.dispute.toNumber(), events };
}

/** The first event `section.method` among `events`, or undefined. */
export function findEvent(events, section, method) {
  return events.map(({ event }) => event).find((e) => e.section === section && e.method === method);
}

/** The number of the latest block the node finalised. */
export async function finalizedNumber(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

export async function freeBalance(api, who) {
  return (await api.query.system.account(who)).data.free.toBigInt();
}

export async function stablecoinBalance(api, who) {
  const account = await api.query.assets.account(STABLECOIN, who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `read` until `done(value)` holds or `seconds` pass; return the last value. */
export async function waitFor(read, done, seconds, what) {
  const deadline = Date.now() + seconds * 1000;
  let value;
  while (Date.now() < deadline) {
    value = await read();
    if (done(value)) return value;
    await sleep(1000);
  }
  assert.fail(`timed out after ${seconds}s waiting for ${what} (last: ${JSON.stringify(value)})`);
}

/** The protocol treasury: the account of PalletId `gsm/trsy` (b"modl" ‖ id ‖ zero padding). */
export function treasury() {
  const raw = new Uint8Array(32);
  raw.set(new TextEncoder().encode('modlgsm/trsy'));
  return keyring().encodeAddress(raw);
}

/**
 * Pass `call` as a council motion: two thirds of the council's members (dev accounts: Alice,
 * Bob and Charlie on the dev chain, the four operators on the testnet) vote aye, the first
 * proposes and closes. Resolves with the events of the close; rejects unless the motion
 * executed and its call succeeded.
 */
export async function councilMotion(api, call) {
  const members = (await api.query.council.members()).map((m) => m.toString());
  const devs = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map(dev).filter((d) => members.includes(d.address));
  const voters = devs.slice(0, Math.ceil((members.length * 2) / 3));
  const [proposer] = voters;
  const length = call.method.encodedLength;
  const { events } = await send(api, api.tx.council.propose(voters.length, call, length), proposer);
  const { proposalIndex, proposalHash } = findEvent(events, 'council', 'Proposed').data;
  // Each member signs its own vote: all in one block.
  await Promise.all(voters.map((member) => send(api, api.tx.council.vote(proposalHash, proposalIndex, true), member)));
  const closed = (await send(
    api,
    api.tx.council.close(proposalHash, proposalIndex, { refTime: 1_000_000_000_000n, proofSize: 1_000_000n }, length),
    proposer,
  )).events;
  const executed = findEvent(closed, 'council', 'Executed');
  if (!executed) throw new Error('motion did not execute: not enough ayes');
  if (executed.data.result.isErr) throw new Error(`motion did not execute: ${errorName(api, executed.data.result.asErr)}`);
  return closed;
}

/**
 * The protocol parameter `key` (`'ProtocolMargin'`, `'ChallengeWindow'`, …) in force: what the
 * council set, or the runtime's default.
 */
export async function parameterOf(api, key) {
  const set = await api.query.governance.parameters(key);
  const value = set.isSome ? set.unwrap() : api.consts.governance.defaultParameters.find((p) => p[`is${key}`]);
  return value.toJSON()[key[0].toLowerCase() + key.slice(1)];
}

/** The protocol margin on a release of `amount` (BigInt): ⌊amount × bps / 10 000⌋, at the margin in force. */
export async function marginOf(api, amount) {
  return (amount * BigInt(await parameterOf(api, 'ProtocolMargin'))) / 10_000n;
}

/** What the operator gets of a release of `amount`: the amount less the margin. */
export async function lessMargin(api, amount) {
  return amount - await marginOf(api, amount);
}

/** Sets protocol parameter `key` to `value` by council motion; resolves with the change's event data. */
export async function setParameter(api, key, value) {
  const closed = await councilMotion(api, api.tx.governance.setParameter({ [key]: value }));
  return findEvent(closed, 'governance', 'ParameterChanged').data;
}

/** The gesim-zk binary, found as the operator command line finds it. */
export const gesimZk = () => findGesimZk();

/** Runs `gesim-zk …args`; returns what it printed as JSON (null if nothing, e.g. `prove --out`). */
export function zk(...args) {
  const stdout = execFileSync(gesimZk(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return stdout.trim() ? JSON.parse(stdout) : null;
}

/**
 * A subject's binding id, which every record of its batches carries as `binding_id`: an
 * entitlement's id, or 2^64 + a roaming agreement's id (a BigInt: past what JSON numbers keep).
 */
export function bindingId(subject) {
  return 'Entitlement' in subject ? BigInt(subject.Entitlement) : (1n << 64n) + BigInt(subject.Roaming);
}

/**
 * `gesim-zk prove` of `records` under `nonce`, as `telco` (a key pair) proves usage of `subject`
 * in `period` (`{ start, end }`, as anchored) on its `networks` (`MCC-MNC`, as registered) on
 * this chain; writes the proof to `out` and returns it.
 */
export function proveUsage(api, { pk, records, nonce, telco, subject, period, networks, out }) {
  zk(
    'prove', '--pk', pk, '--records', records, '--nonce', String(nonce),
    '--telco', u8aToHex(telco.publicKey), '--agreement', String(bindingId(subject)), '--genesis-hash', api.genesisHash.toHex(),
    '--period-start', String(period.start), '--period-end', String(period.end), '--networks', networks.join(','),
    '--out', out,
  );
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** Writes to `out` a copy of the proof file `proof` whose claim states `total` bytes (a false claim); returns `out`. */
export function proofWithTotal(proof, total, out) {
  const claim = Buffer.from(proof.scale.claim.slice(2), 'hex');
  claim.writeBigUInt64LE(total, 0); // UsageClaim: total (u64 LE) first
  writeFileSync(out, JSON.stringify({ ...proof, scale: { ...proof.scale, claim: `0x${claim.toString('hex')}` } }));
  return out;
}

/** The seed of the dev chain's usage keys. Dev chain only: whoever knows it can forge proofs. */
export const DEV_KEY_SEED = 1;

/**
 * gesim-zk circuit names and the chain's `CircuitId` variants. The usage-sum circuits are
 * retired: gesim-zk makes no keys for them and the chain anchors nothing under them.
 */
const CIRCUIT_IDS = {
  'usage-sum-64': 'UsageSum64',
  'usage-sum-256': 'UsageSum256',
  'usage-sum-1024': 'UsageSum1024',
  eid: 'EidPossession',
  'usage-64': 'Usage64',
  'usage-256': 'Usage256',
  'usage-1024': 'Usage1024',
};

/**
 * The dev-seeded key of `circuit` (`usage-64`, …) written into `dir` by `gesim-zk setup`, and
 * registered on the chain by a council motion unless it is already: the seed makes it the
 * same key on every run, so a chain registers it once. Resolves with
 * `{ pk, vk, key: { circuit, version } }` (file paths, and the key as extrinsics take it).
 */
export async function ensureUsageKey(api, circuit, dir, { version = 1, seed = DEV_KEY_SEED } = {}) {
  zk('setup', '--circuit', circuit, '--dev-seed', String(seed), '--out-dir', dir);
  const [pk, vk] = ['pk', 'vk'].map((ext) => join(dir, `${circuit}.${ext}`));
  const vkHex = u8aToHex(readFileSync(vk));
  const key = { circuit: CIRCUIT_IDS[circuit], version };
  const registered = await api.query.metering.verifyingKeys(key.circuit, key.version);
  if (registered.isNone) {
    await councilMotion(api, api.tx.metering.registerKey(key, vkHex));
  } else if (!registered.unwrap().toHex().includes(vkHex.slice(2))) {
    // The chain stores the prepared key, 0x01 ‖ verifying key ‖ e(α, β): it contains the file.
    throw new Error(`${key.circuit} version ${version} is registered with another key than dev seed ${seed}'s`);
  }
  return { pk, vk, key };
}

/**
 * `gesim-operator claim` of `bytes` of `entitlement`'s usage by the operator `suri` (key pair
 * `telco`), under `nonce`: four sessions of `network` (the dev operator's 001-01 unless named)
 * in the last four minutes of the chain's time (sealing blocks as `telco` on the dev chain
 * until they are past), the records in `dir`. Resolves with the claim's `settled` fields.
 */
export async function claimEntitlementUsage(api, { suri, telco, entitlement, bytes, nonce, pk, dir, network = { mcc: '001', mnc: '01' } }) {
  const window = await usageWindow(api, telco, { Entitlement: entitlement }, 240, telco);
  const rows = [0n, 1n, 2n, 3n].map((i) => {
    const share = bytes / 4n + (i === 0n ? bytes % 4n : 0n);
    return [entitlement, window.start + 60n * i, 50, share / 2n, share - share / 2n, network.mcc, network.mnc].join(',');
  });
  const file = join(dir, `batch-${nonce}.csv`);
  writeFileSync(file, `binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n${rows.join('\n')}\n`);
  const run = await operatorCli(suri, 'claim', '--records', file, '--entitlement', String(entitlement),
    '--pk', pk, '--nonce', String(nonce));
  assert.equal(run.code, 0, run.stderr);
  return run.out.settled;
}

const OPERATOR_CLI = fileURLToPath(new URL('../tools/operator/bin/gesim-operator.mjs', import.meta.url));

/**
 * Runs `gesim-operator …args` signed with `suri`, against the chain under test, as an operator
 * would; resolves with `{ code, out, stderr }` (`out`: the JSON it printed, on success).
 */
export function operatorCli(suri, ...args) {
  const ws = process.env.GESIM_WS ?? 'ws://127.0.0.1:9944';
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [OPERATOR_CLI, ...args, '--ws', ws, '--gesim-zk', gesimZk()],
      { env: { ...process.env, GESIM_SURI: suri } },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, out: error ? undefined : JSON.parse(stdout), stderr }),
    );
  });
}
