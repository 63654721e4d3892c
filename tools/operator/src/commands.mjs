// The operator's commands. Each resolves with the JSON object the tool prints.
//
// Per batch of usage records an operator anchors the batch's commitment (its Poseidon root)
// and period under a fresh nonce, then settles a claim: a Groth16 proof that the anchored
// records sum to the claimed bytes, that each is the subject's, lies in the period and was
// served on one of the operator's networks, bound to this operator, this subject and this chain.
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import {
  ChainError, connect, errorName, eventFields, findEvent, operatorNetworks, plain, requireMetering, send, signerFrom,
} from './chain.mjs';
import { checkRecords, periodOf, readRecords } from './records.mjs';
import {
  bindingAgreement, commit, decodeClaim, findGesimZk, prove, readProof, usageCircuitOfKey,
} from './zk.mjs';

/** The bound of `VerifyingKeyBytes` on chain (`MAX_VK_BYTES` of gesim-zk-verifier). */
const MAX_VK_BYTES = 2568;

/** Runs `fn(api, signer)` on a connection to the node, then hangs up. */
async function onChain(options, fn) {
  // The key first: a bad --suri should not cost a connection.
  const signer = await signerFrom(options.suri);
  const api = await connect(options.ws);
  try {
    return await fn(api, signer);
  } finally {
    await api.disconnect();
  }
}

/** The prover and the key's (usage) circuit: checked before anything is sent. */
function prover(options) {
  return { zk: findGesimZk(options.gesimZk), circuit: usageCircuitOfKey(options.pk) };
}

/** What anchoring needs from the prover and the records file; nothing on chain yet. */
async function prepareAnchor(options) {
  const { zk, circuit } = prover(options);
  // The root depends on the batch size, and the proof will use the key's: commit in that size.
  const commitment = await commit(zk, { records: options.records, batchSize: circuit.batchSize });
  const records = readRecords(options.records);
  if (records.length !== commitment.records) {
    throw new Error(`${options.records}: read ${records.length} records, gesim-zk read ${commitment.records}`);
  }
  return { zk, circuit, commitment, records, period: periodOf(records) };
}

/**
 * The signer's networks, once the batch is checked to be provable on them for the subject: an
 * anchor that cannot be proved would hold the subject's usage clock until it is discarded.
 */
async function servingNetworks(api, signer, options, records) {
  const networks = await operatorNetworks(api, signer.address);
  checkRecords(options.records, records, { binding: bindingAgreement(options.subject), networks });
  return networks;
}

async function submitAnchor(api, signer, options, { circuit, commitment, period }) {
  requireMetering(api);
  const key = { circuit: circuit.chain, version: options.keyVersion };
  const tx = api.tx.metering.anchorUsage(options.subject, key, commitment.root_hex, period, options.nonce);
  const { events, blockHash } = await send(api, tx, signer);
  const anchored = findEvent(events, 'metering', 'UsageAnchored');
  if (!anchored) throw new Error(`anchorUsage was included in ${blockHash} without a UsageAnchored event`);
  const fields = eventFields(anchored);
  return {
    ...fields,
    // What the chain recorded, as the event says it; else what was sent.
    period: fields.period ?? { start: period.start.toString(), end: period.end.toString() },
    records: commitment.records,
    batchSize: commitment.batch_size,
    totalBytes: String(commitment.total_bytes),
    blockHash,
  };
}

/** Submits a proof file's `UsageClaim` and returns the `UsageSettled` event's fields. */
async function submitClaim(api, signer, proofFile, proof) {
  requireMetering(api);
  const { events, blockHash } = await send(api, api.tx.metering.settleUsage(proof.scale.claim), signer);
  const settled = findEvent(events, 'metering', 'UsageSettled');
  if (!settled) throw new Error(`settleUsage was included in ${blockHash} without a UsageSettled event`);
  return { ...eventFields(settled), proof: proofFile, blockHash };
}

/**
 * The period anchored under `nonce` by the signer, for `settle` run on its own: the proof must
 * be made for that period. Refuses a commitment of another subject or circuit, which the proof
 * could not match.
 */
async function anchoredPeriod(api, signer, options, circuit) {
  const pending = await api.query.metering.pendingUsage(signer.address, options.nonce);
  if (pending.isNone) {
    throw new ChainError(
      `metering.UnknownCommitment: nothing waits for a proof at nonce ${options.nonce} of ${signer.address} `
      + '(never anchored, or settled or discarded already): `anchor` the batch first',
      'metering.UnknownCommitment',
    );
  }
  const { subject, key, period } = pending.unwrap();
  if (JSON.stringify(plain(subject)) !== JSON.stringify(options.subject)) {
    throw new Error(`nonce ${options.nonce} is anchored for ${JSON.stringify(plain(subject))}, not ${JSON.stringify(options.subject)}`);
  }
  if (key.circuit.type !== circuit.chain) {
    throw new Error(`nonce ${options.nonce} is anchored under ${key.circuit.type}, not ${circuit.chain} (the --pk's circuit)`);
  }
  return { start: period.start.toBigInt(), end: period.end.toBigInt() };
}

/**
 * Proves the batch for this operator, subject and chain, in the `period` anchored and on the
 * operator's `networks`; keeps the proof file.
 */
async function proveBatch(api, signer, options, zk, { period, networks }) {
  const { records, nonce } = options;
  const out = options.proofOut ?? join(dirname(records), `${basename(records, extname(records))}.proof-${nonce}.json`);
  const proof = await prove(zk, {
    pk: options.pk,
    records,
    nonce,
    telco: u8aToHex(signer.publicKey),
    agreement: bindingAgreement(options.subject),
    genesisHash: api.genesisHash.toHex(),
    period,
    networks,
    out,
  });
  return { out, proof };
}

export async function anchor(options) {
  const prepared = await prepareAnchor(options);
  return onChain(options, async (api, signer) => {
    await servingNetworks(api, signer, options, prepared.records);
    return submitAnchor(api, signer, options, prepared);
  });
}

export async function settle(options) {
  const { zk, circuit } = prover(options);
  const records = readRecords(options.records);
  return onChain(options, async (api, signer) => {
    requireMetering(api);
    const period = await anchoredPeriod(api, signer, options, circuit);
    const networks = await servingNetworks(api, signer, options, records);
    const { out, proof } = await proveBatch(api, signer, options, zk, { period, networks });
    return submitClaim(api, signer, out, proof);
  });
}

/** Anchor, then settle: what an operator runs for each batch. */
export async function claim(options) {
  const prepared = await prepareAnchor(options);
  return onChain(options, async (api, signer) => {
    const networks = await servingNetworks(api, signer, options, prepared.records);
    const anchored = await submitAnchor(api, signer, options, prepared);
    try {
      // The period anchored is the one the file gave: the proof is made for it.
      const { out, proof } = await proveBatch(api, signer, options, prepared.zk, { period: prepared.period, networks });
      return { anchored, settled: await submitClaim(api, signer, out, proof) };
    } catch (e) {
      // The anchor stands: say so, so the operator settles it rather than anchoring again.
      e.message += ` (anchored at nonce ${options.nonce} in ${anchored.blockHash}; retry with \`settle\`)`;
      throw e;
    }
  });
}

/** Submits an existing proof file's claim as it is. */
export async function submitProof(options) {
  const proof = readProof(options.proof);
  return onChain(options, (api, signer) => submitClaim(api, signer, options.proof, proof));
}

/**
 * Submits several proof files' claims as one `metering.settleUsageBatch`: the chain checks the
 * proofs together, pays each true claim and refuses each other one by name, so one bad proof
 * costs the others nothing. The batch's key is the one the first claim's commitment was
 * anchored under; a claim anchored under another is refused (`CommitmentUnderOtherKey`).
 */
export async function submitBatch(options) {
  const claims = options.proofs.map((file) => readProof(file).scale.claim);
  return onChain(options, async (api, signer) => {
    requireMetering(api);
    const nonces = claims.map((claim) => decodeClaim(claim).nonce);
    const waiting = await Promise.all(nonces.map((nonce) => api.query.metering.pendingUsage(signer.address, nonce)));
    const first = waiting.find((commitment) => commitment.isSome);
    if (!first) {
      throw new ChainError(
        `metering.UnknownCommitment: nothing of ${signer.address} waits for a proof at nonces ${nonces.join(', ')}`,
        'metering.UnknownCommitment',
      );
    }
    const key = first.unwrap().key;
    const { events, blockHash } = await send(api, api.tx.metering.settleUsageBatch(key, claims), signer);
    const settled = events
      .filter(({ event }) => api.events.metering.UsageSettled.is(event))
      .map(({ event }) => eventFields(event));
    const refused = events
      .filter(({ event }) => api.events.metering.ClaimRefused.is(event))
      .map(({ event }) => ({ nonce: event.data.nonce.toString(), error: errorName(api, event.data.error).name }));
    return { key: plain(key), settled, refused, blockHash };
  });
}

/**
 * Pays a held settlement (the part of a settlement beyond what the subscriber acknowledged)
 * once its challenge window has ended: the signer's own, or `--telco`'s (anyone may).
 */
export async function releaseHeld(options) {
  return onChain(options, async (api, signer) => {
    requireMetering(api);
    const telco = options.telco ?? signer.address;
    const { events, blockHash } = await send(api, api.tx.metering.releaseHeld(telco, options.nonce), signer);
    const released = findEvent(events, 'metering', 'HeldSettlementReleased');
    if (!released) throw new Error(`releaseHeld was included in ${blockHash} without a HeldSettlementReleased event`);
    return { ...eventFields(released), blockHash };
  });
}

/**
 * A council member proposes `metering.registerKey` and votes aye. The motion still needs the
 * other members' votes and a `council.close`: on pallet-collective, proposing is not voting,
 * hence the explicit vote.
 */
export async function proposeKey(options) {
  const vk = readFileSync(options.vk);
  if (vk.length === 0 || vk.length > MAX_VK_BYTES) {
    throw new Error(`--vk: ${options.vk} is ${vk.length} bytes; a verifying key is 1 to ${MAX_VK_BYTES}`);
  }
  const key = { circuit: options.circuit.chain, version: options.keyVersion };
  return onChain(options, async (api, signer) => {
    requireMetering(api);
    // A motion that can only fail would still cost every member a vote: refuse it here.
    if ((await api.query.metering.verifyingKeys(key.circuit, key.version)).isSome) {
      throw new ChainError(
        `metering.KeyAlreadyRegistered: ${key.circuit} version ${key.version} is registered on this chain already`,
        'metering.KeyAlreadyRegistered',
      );
    }
    const members = (await api.query.council.members()).length;
    // registerKey takes two thirds of the council (CouncilTwoThirds).
    const threshold = options.threshold ?? Math.max(1, Math.ceil((2 * members) / 3));
    const call = api.tx.metering.registerKey(key, u8aToHex(vk));
    const lengthBound = call.method.encodedLength;
    const { events, blockHash } = await send(api, api.tx.council.propose(threshold, call, lengthBound), signer);

    const executed = findEvent(events, 'council', 'Executed');
    if (executed) {
      // A threshold of one executes at once, without a motion.
      const { result } = executed.data;
      if (result.isErr) {
        const { name } = errorName(api, result.asErr);
        throw new ChainError(`${name} (registerKey, executed at once)`, name);
      }
      return { executed: true, key, vkBytes: vk.length, blockHash };
    }
    const proposed = findEvent(events, 'council', 'Proposed');
    if (!proposed) throw new Error(`council.propose was included in ${blockHash} without a Proposed event`);
    const { proposalIndex, proposalHash } = proposed.data;
    await send(api, api.tx.council.vote(proposalHash, proposalIndex, true), signer);
    return {
      proposalHash: proposalHash.toHex(),
      proposalIndex: proposalIndex.toNumber(),
      threshold,
      members,
      ayes: [signer.address],
      key,
      vkBytes: vk.length,
      lengthBound,
      blockHash,
    };
  });
}
