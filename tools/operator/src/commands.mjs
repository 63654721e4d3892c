// The operator's commands. Each resolves with the JSON object the tool prints.
//
// Per batch of usage records an operator anchors the batch's commitment (its Poseidon root)
// under a fresh nonce, then settles a claim: a Groth16 proof that the anchored records sum to
// the claimed bytes, bound to this operator, this subject and this chain.
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { ChainError, connect, errorName, eventFields, findEvent, requireMetering, send, signerFrom } from './chain.mjs';
import { recordsPeriod } from './records.mjs';
import { bindingAgreement, commit, findGesimZk, prove, readProof, usageCircuitOfKey } from './zk.mjs';

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
  const { period, records } = recordsPeriod(options.records);
  if (records !== commitment.records) {
    throw new Error(`${options.records}: read ${records} records, gesim-zk read ${commitment.records}`);
  }
  return { zk, circuit, commitment, period };
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

/** Proves the batch for this operator, subject and chain; keeps the proof file. */
async function proveBatch(api, signer, options, zk) {
  const { records, nonce } = options;
  const out = options.proofOut ?? join(dirname(records), `${basename(records, extname(records))}.proof-${nonce}.json`);
  const proof = await prove(zk, {
    pk: options.pk,
    records,
    nonce,
    telco: u8aToHex(signer.publicKey),
    agreement: bindingAgreement(options.subject),
    genesisHash: api.genesisHash.toHex(),
    out,
  });
  return { out, proof };
}

export async function anchor(options) {
  const prepared = await prepareAnchor(options);
  return onChain(options, (api, signer) => submitAnchor(api, signer, options, prepared));
}

export async function settle(options) {
  const { zk } = prover(options);
  return onChain(options, async (api, signer) => {
    requireMetering(api);
    const { out, proof } = await proveBatch(api, signer, options, zk);
    return submitClaim(api, signer, out, proof);
  });
}

/** Anchor, then settle: what an operator runs for each batch. */
export async function claim(options) {
  const prepared = await prepareAnchor(options);
  return onChain(options, async (api, signer) => {
    const anchored = await submitAnchor(api, signer, options, prepared);
    try {
      const { out, proof } = await proveBatch(api, signer, options, prepared.zk);
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
