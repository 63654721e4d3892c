// The chain side: a connection, the operator's key, extrinsics that resolve with their
// events or reject with the runtime's named error, and events as plain JSON.
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { plmnName } from './zk.mjs';

/**
 * The one type a client must be told: polkadot.js assumes the `ChargeAssetTxPayment`
 * extension names assets by XCM location, as Asset Hub does; GeSIM names them by asset id.
 */
export const TYPES = { TAssetConversion: 'Option<u32>' };

/** An error with the runtime's name for it (`metering.NonceConsumed`), when there is one. */
export class ChainError extends Error {
  constructor(message, errorName) {
    super(message);
    this.errorName = errorName;
  }
}

export async function connect(url) {
  await cryptoWaitReady();
  // No retries: a command line should fail at once when there is no node to talk to.
  const provider = new WsProvider(url, false);
  try {
    await provider.connect();
    return await ApiPromise.create({ provider, types: TYPES, noInitWarn: true, throwOnConnect: true });
  } catch (e) {
    await provider.disconnect().catch(() => {});
    throw new Error(`cannot connect to ${url}${e?.message ? `: ${e.message}` : ''}`);
  }
}

/** The operator's sr25519 key from its secret URI. The URI itself never reaches a message. */
export async function signerFrom(suri) {
  await cryptoWaitReady();
  try {
    return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
  } catch {
    throw new Error('--suri: not a valid secret URI (a mnemonic, a hex seed, or //Name on a dev chain)');
  }
}

/** Fails early, with a clear message, on a chain whose runtime has no metering pallet. */
export function requireMetering(api) {
  if (!api.tx.metering) {
    const { specName, specVersion } = api.runtimeVersion;
    throw new Error(`this chain's runtime (${specName} ${specVersion}) has no metering pallet`);
  }
}

/**
 * The networks `account` runs, as the telco registry stores them (its home network first) and
 * as gesim-zk's `--networks` takes them: `MCC-MNC`. Usage is proved served on these only.
 */
export async function operatorNetworks(api, account) {
  const telco = await api.query.telcoRegistry.telcos(account);
  if (telco.isNone) throw new Error(`${account} is not a registered operator: it has no networks to serve usage on`);
  const networks = telco.unwrap().plmns.map((plmn) => plmnName(plmn.toU8a(true)));
  if (networks.length === 0) throw new ChainError(`metering.NoServingNetworks: ${account} has no network registered`, 'metering.NoServingNetworks');
  return networks;
}

/** `pallet.Error` for module errors, else the kind (`BadOrigin`, `Token.FundsUnavailable`). */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return { name: `${meta.section}.${meta.name}`, docs: meta.docs.join(' ').trim() };
  }
  if (dispatchError.isToken) return { name: `Token.${dispatchError.asToken.type}`, docs: '' };
  if (dispatchError.isArithmetic) return { name: `Arithmetic.${dispatchError.asArithmetic.type}`, docs: '' };
  return { name: dispatchError.type, docs: '' };
}

/**
 * Signs and submits `tx`; resolves once it is in a block with `{ events, blockHash }`. Rejects
 * with a `ChainError` carrying the runtime's error name if it failed there, or with the pool's
 * reason if it never got in.
 */
export function send(api, tx, signer) {
  const call = `${tx.method.section}.${tx.method.method}`;
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    // Without this, a node going away mid-way would leave the command waiting for ever.
    const lost = () => done(reject, new ChainError(`${call}: lost the connection before it was included`));
    const done = (settle, value) => {
      unsubscribe();
      api.off('disconnected', lost);
      settle(value);
    };
    api.on('disconnected', lost);
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        return done(reject, new ChainError(`${call}: transaction ${status.type.toLowerCase()} by the pool`));
      }
      if (!status.isInBlock && !status.isFinalized) return;
      if (dispatchError) {
        const { name, docs } = errorName(api, dispatchError);
        return done(reject, new ChainError(`${name} (${call} failed)${docs ? `: ${docs}` : ''}`, name));
      }
      done(resolve, { events, blockHash: (status.isInBlock ? status.asInBlock : status.asFinalized).toHex() });
    }).then(
      (u) => { unsubscribe = u; },
      (e) => done(reject, new ChainError(`${call}: refused by the node: ${e.message}`)),
    );
  });
}

/** The first event `section.method` among `events`, or undefined. */
export function findEvent(events, section, method) {
  return events.map(({ event }) => event).find((e) => e.section === section && e.method === method);
}

/**
 * A decoded value as plain JSON, predictable by type: integers wider than 32 bits (u64, u128)
 * as decimal strings, narrower ones as numbers, accounts in SS58, byte arrays in hex, enums as
 * `{ Variant: value }` (as extrinsics take them) or `"Variant"`.
 */
export function plain(value) {
  if (value === null || value === undefined) return null;
  if (typeof value.toBigInt === 'function' && typeof value.bitLength === 'function') {
    return value.bitLength() > 32 ? value.toBigInt().toString() : value.toNumber();
  }
  if (typeof value.isSome === 'boolean' && typeof value.unwrapOr === 'function') {
    return value.isSome ? plain(value.unwrap()) : null;
  }
  if (typeof value.isBasic === 'boolean' && 'inner' in value && typeof value.type === 'string') {
    return value.isBasic ? value.type : { [value.type]: plain(value.inner) };
  }
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Uint8Array) return value.toRawType?.() === 'AccountId' ? value.toString() : value.toHex();
  return value.toPrimitive ? value.toPrimitive() : value;
}

/** An event's fields by name, as plain JSON. */
export function eventFields(event) {
  const names = event.data.names ?? event.data.map((_, i) => `${i}`);
  return Object.fromEntries(names.map((name, i) => [name, plain(event.data[i])]));
}
