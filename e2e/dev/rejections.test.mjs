// Bad extrinsics are refused with their named error, nothing changes, the node keeps going.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { connect, dev, fresh, send, freeBalance, stablecoinBalance, STABLECOIN, UNIT } from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

test('a bad signature is refused by the pool', async () => {
  const alice = dev('Alice');
  const to = fresh();
  const tx = api.tx.balances.transferKeepAlive(to.address, UNIT);
  await tx.signAsync(alice);
  const bytes = tx.toU8a();
  const signature = tx.signature.toU8a();
  const at = bytes.findIndex((_, i) => signature.every((b, j) => bytes[i + j] === b));
  assert.ok(at > 0, 'signature located in the extrinsic');
  bytes[at + 10] ^= 0xff;

  await assert.rejects(api.rpc.author.submitExtrinsic(u8aToHex(bytes)), /bad signature/i);
  assert.equal(await freeBalance(api, to.address), 0n);
});

test('an account that cannot pay the fee is refused', async () => {
  const broke = fresh();
  const tx = api.tx.balances.transferKeepAlive(dev('Bob').address, 1n);
  await assert.rejects(send(api, tx, broke), /Inability to pay some fees/i);
  // Nor with the stablecoin, which it does not hold either.
  await assert.rejects(send(api, tx, broke, { assetId: STABLECOIN }), /Inability to pay some fees|Invalid Transaction/i);
});

test('a stale nonce is refused as outdated', async () => {
  const alice = dev('Alice');
  const to = fresh();
  await send(api, api.tx.balances.transferKeepAlive(to.address, UNIT), alice);
  const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  await assert.rejects(
    send(api, api.tx.balances.transferKeepAlive(to.address, UNIT), alice, { nonce: nonce - 1 }),
    /outdated/i,
  );
  assert.equal(await freeBalance(api, to.address), UNIT, 'only the first transfer landed');
});

test('a transfer beyond the balance fails in the runtime with its named error', async () => {
  const sender = fresh();
  await send(api, api.tx.balances.transferKeepAlive(sender.address, 2n * UNIT), dev('Alice'));
  const to = fresh();
  await assert.rejects(
    send(api, api.tx.balances.transferKeepAlive(to.address, 10n * UNIT), sender),
    (e) => /^(Token\.FundsUnavailable|balances\.InsufficientBalance)$/.test(e.errorName),
  );
  assert.equal(await freeBalance(api, to.address), 0n);
  await assert.rejects(
    send(api, api.tx.assets.transfer(STABLECOIN, to.address, 5n), sender),
    (e) => e.errorName === 'assets.NoAccount' || e.errorName === 'Token.FundsUnavailable',
  );
  assert.equal(await stablecoinBalance(api, to.address), 0n);
});

test('the node keeps producing blocks after the rejections', async () => {
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  const to = fresh();
  await send(api, api.tx.balances.transferKeepAlive(to.address, UNIT), dev('Bob'));
  const after = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(after > before, `best block moved from ${before} to ${after}`);
  const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
  assert.equal(finalized.number.toNumber(), after, 'instant seal finalises every block');
  assert.equal(await freeBalance(api, to.address), UNIT);
});
