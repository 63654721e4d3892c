// Root is reached only through a council motion: propose, vote, close, execute.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, dev, fresh, send, findEvent, freeBalance, UNIT } from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

test('a council motion passes and executes a root call', async () => {
  const [alice, bob] = [dev('Alice'), dev('Bob')];
  const beneficiary = fresh();
  const rootCall = api.tx.balances.forceSetBalance(beneficiary.address, 7n * UNIT);
  const motion = api.tx.governance.dispatchAsRoot(rootCall);
  const length = motion.method.encodedLength;

  const proposed = findEvent(
    (await send(api, api.tx.council.propose(2, motion, length), alice)).events, 'council', 'Proposed',
  );
  assert.ok(proposed, 'Council.Proposed emitted');
  const { proposalIndex, proposalHash } = proposed.data;
  assert.equal(await freeBalance(api, beneficiary.address), 0n, 'nothing happens before the vote');

  // Proposing is not voting: two of the three members vote aye.
  await send(api, api.tx.council.vote(proposalHash, proposalIndex, true), alice);
  await send(api, api.tx.council.vote(proposalHash, proposalIndex, true), bob);
  const closeEvents = (await send(
    api,
    api.tx.council.close(proposalHash, proposalIndex, { refTime: 1_000_000_000_000n, proofSize: 1_000_000n }, length),
    alice,
  )).events;

  assert.ok(findEvent(closeEvents, 'council', 'Approved'), 'Council.Approved emitted');
  const executed = findEvent(closeEvents, 'council', 'Executed');
  assert.ok(executed.data.result.isOk, `motion executed: ${executed.data.result}`);
  const dispatched = findEvent(closeEvents, 'governance', 'RootCallDispatched');
  assert.ok(dispatched.data.result.isOk, `root call succeeded: ${dispatched.data.result}`);
  assert.equal(dispatched.data.callHash.toHex(), rootCall.method.hash.toHex());
  assert.equal(await freeBalance(api, beneficiary.address), 7n * UNIT);
});

test('a single account cannot act as root', async () => {
  const target = fresh();
  const motion = api.tx.governance.dispatchAsRoot(api.tx.balances.forceSetBalance(target.address, UNIT));
  await assert.rejects(send(api, motion, dev('Charlie')), (e) => e.errorName === 'BadOrigin');
  await assert.rejects(
    send(api, api.tx.balances.forceSetBalance(target.address, UNIT), dev('Charlie')),
    (e) => e.errorName === 'BadOrigin',
  );
  assert.equal(await freeBalance(api, target.address), 0n);
});
