// Helpers shared by the end-to-end tests: a connection, keys, and extrinsics that resolve
// with their events or reject with the runtime's named error.
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

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
 * Sign and submit `tx`; resolve once it is in a block with `{ events, blockHash }`, or
 * reject with `DispatchFailed` (carrying the error name) if it failed in the runtime.
 * A transaction the pool refuses rejects with the RPC error (e.g. `1010: Invalid Transaction`).
 */
export function send(api, tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (!status.isInBlock && !status.isFinalized) return;
      unsubscribe();
      if (dispatchError) reject(new DispatchFailed(errorName(api, dispatchError), events));
      else resolve({ events, blockHash: status.isInBlock ? status.asInBlock : status.asFinalized });
    }).then((u) => { unsubscribe = u; }, reject);
  });
}

/** The first event `section.method` among `events`, or undefined. */
export function findEvent(events, section, method) {
  return events.map(({ event }) => event).find((e) => e.section === section && e.method === method);
}

export async function freeBalance(api, who) {
  return (await api.query.system.account(who)).data.free.toBigInt();
}

export async function stablecoinBalance(api, who) {
  const account = await api.query.assets.account(STABLECOIN, who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The protocol treasury: the account of PalletId `gsm/trsy` (b"modl" ‖ id ‖ zero padding). */
export function treasury() {
  const raw = new Uint8Array(32);
  raw.set(new TextEncoder().encode('modlgsm/trsy'));
  return keyring().encodeAddress(raw);
}

/**
 * Pass `call` as a council motion of the dev chain's council (Alice, Bob, Charlie): Alice
 * proposes, Alice and Bob vote aye, Alice closes. Resolves with the events of the close;
 * rejects unless the motion executed and its call succeeded.
 */
export async function councilMotion(api, call) {
  const [alice, bob] = [dev('Alice'), dev('Bob')];
  const length = call.method.encodedLength;
  const { events } = await send(api, api.tx.council.propose(2, call, length), alice);
  const { proposalIndex, proposalHash } = findEvent(events, 'council', 'Proposed').data;
  for (const member of [alice, bob]) await send(api, api.tx.council.vote(proposalHash, proposalIndex, true), member);
  const closed = (await send(
    api,
    api.tx.council.close(proposalHash, proposalIndex, { refTime: 1_000_000_000_000n, proofSize: 1_000_000n }, length),
    alice,
  )).events;
  const executed = findEvent(closed, 'council', 'Executed');
  if (!executed || !executed.data.result.isOk) throw new Error(`motion did not execute: ${executed?.data.result}`);
  return closed;
}
