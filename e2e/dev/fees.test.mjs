// A subscriber who holds only the stablecoin pays the fee in the stablecoin.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, dev, fresh, send, findEvent, freeBalance, stablecoinBalance, treasury, STABLECOIN, DOLLAR,
} from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

test('fee paid in the stablecoin by an account with no native balance', async () => {
  const subscriber = fresh();
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, 100n * DOLLAR), dev('Alice'));
  assert.equal(await freeBalance(api, subscriber.address), 0n);

  const payee = fresh();
  const treasuryBefore = await stablecoinBalance(api, treasury());
  const amount = 10n * DOLLAR;
  const { events } = await send(
    api, api.tx.assets.transfer(STABLECOIN, payee.address, amount), subscriber, { assetId: STABLECOIN },
  );

  const paid = findEvent(events, 'assetTxPayment', 'AssetTxFeePaid');
  assert.ok(paid, 'AssetTxPayment.AssetTxFeePaid emitted');
  assert.equal(paid.data.who.toString(), subscriber.address);
  assert.equal(paid.data.assetId.unwrap().toNumber(), STABLECOIN);
  const fee = paid.data.actualFee.toBigInt();
  assert.ok(fee > 0n, 'a real fee was charged');

  assert.equal(await freeBalance(api, subscriber.address), 0n, 'no native token was touched');
  assert.equal(await stablecoinBalance(api, subscriber.address), 100n * DOLLAR - amount - fee);
  assert.equal(await stablecoinBalance(api, payee.address), amount);
  assert.equal(await stablecoinBalance(api, treasury()), treasuryBefore + fee, 'the fee went to the treasury');
});
