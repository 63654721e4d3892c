// An Aura equivocation reported from polkadot.js: the dev chain's validator (Alice) seals two
// different headers for the current slot; anyone reports them with the key ownership proof
// the node's ValidatorSetApi gives, and the chain records one offence for the council. Forged
// seals and a second report of the same offence are refused by name.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { connect, dev, fresh, send, findEvent, UNIT } from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

const alice = dev('Alice'); // also the dev chain's Aura key (//Alice, sr25519)
const reporter = fresh();

/** A header claiming `slot`, sealed by `signer` as Aura seals (the hash without the seal). */
function sealed(slot, extrinsicsRoot, signer) {
  const header = api.createType('Header', {
    parentHash: `0x${'03'.repeat(32)}`,
    number: 7,
    stateRoot: `0x${'02'.repeat(32)}`,
    extrinsicsRoot,
    digest: { logs: [{ PreRuntime: ['aura', api.createType('u64', slot).toHex(true)] }] },
  });
  const seal = signer.sign(header.hash);
  return api.createType('Header', {
    ...header.toJSON(),
    digest: { logs: [...header.digest.logs, { Seal: ['aura', u8aToHex(seal)] }] },
  });
}

/** What the node's ValidatorSetApi proves of `authority`'s Aura key, as the call takes it. */
async function keyOwnerProof(authority) {
  const result = await api.rpc.state.call('ValidatorSetApi_aura_key_ownership_proof', u8aToHex(authority.publicKey));
  const proof = api.createType('Option<Bytes>', result.toU8a(true));
  assert.ok(proof.isSome, 'the node proves a validator\'s key');
  const type = api.tx.validatorSet.reportAuraEquivocation.meta.args[1].type.toString();
  return api.createType(type, proof.unwrap().toU8a(true));
}

test('two headers Alice sealed for one slot become one offence, reported for free', async () => {
  await send(api, api.tx.balances.transferKeepAlive(reporter.address, UNIT), alice);
  const slot = (await api.query.aura.currentSlot()).toBigInt();
  const session = (await api.query.session.currentIndex()).toNumber();
  const ownership = await keyOwnerProof(alice);
  assert.equal(ownership.session.toNumber(), session);
  const report = (first, second) => api.tx.validatorSet.reportAuraEquivocation(
    { offender: alice.publicKey, slot, firstHeader: first, secondHeader: second },
    ownership,
  );

  // Bob's seal on the second header: not Alice's equivocation.
  await assert.rejects(
    send(api, report(sealed(slot, `0x${'01'.repeat(32)}`, alice), sealed(slot, `0x${'02'.repeat(32)}`, dev('Bob'))), reporter),
    { errorName: 'validatorSet.InvalidEquivocationProof' },
  );

  const before = (await api.query.system.account(reporter.address)).data.free.toBigInt();
  const { events } = await send(
    api, report(sealed(slot, `0x${'01'.repeat(32)}`, alice), sealed(slot, `0x${'02'.repeat(32)}`, alice)), reporter,
  );
  const reported = findEvent(events, 'validatorSet', 'OffenceReported');
  assert.equal(reported.data.offender.toString(), alice.address);
  assert.equal(reported.data.session.toNumber(), session);
  assert.equal(Buffer.from(reported.data.kind).toString(), 'aura:equivocatio');
  assert.equal((await api.query.system.account(reporter.address)).data.free.toBigInt(), before, 'a valid report is free');

  // The same slot again, with other headers: the same offence.
  await assert.rejects(
    send(api, report(sealed(slot, `0x${'04'.repeat(32)}`, alice), sealed(slot, `0x${'05'.repeat(32)}`, alice)), reporter),
    { errorName: 'validatorSet.DuplicateOffenceReport' },
  );
});
