// Balance and stablecoin transfers land with the right events and exact balances.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, dev, fresh, send, findEvent, freeBalance, stablecoinBalance, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

test('a native transfer lands with Balances.Transfer', async () => {
  const alice = dev('Alice');
  const to = fresh();
  const amount = 5n * UNIT;
  const { events } = await send(api, api.tx.balances.transferKeepAlive(to.address, amount), alice);

  const transfer = findEvent(events, 'balances', 'Transfer');
  assert.ok(transfer, 'Balances.Transfer emitted');
  assert.equal(transfer.data.from.toString(), alice.address);
  assert.equal(transfer.data.to.toString(), to.address);
  assert.equal(transfer.data.amount.toBigInt(), amount);
  assert.equal(await freeBalance(api, to.address), amount);
});

test('a stablecoin transfer lands with Assets.Transferred', async () => {
  const bob = dev('Bob');
  const to = fresh();
  const amount = 25n * DOLLAR;
  const before = await stablecoinBalance(api, bob.address);
  const { events } = await send(api, api.tx.assets.transfer(STABLECOIN, to.address, amount), bob);

  const transferred = findEvent(events, 'assets', 'Transferred');
  assert.ok(transferred, 'Assets.Transferred emitted');
  assert.equal(transferred.data.assetId.toNumber(), STABLECOIN);
  assert.equal(transferred.data.from.toString(), bob.address);
  assert.equal(transferred.data.to.toString(), to.address);
  assert.equal(transferred.data.amount.toBigInt(), amount);
  assert.equal(await stablecoinBalance(api, to.address), amount);
  // Bob paid the fee in the native token, so his stablecoin moved by exactly the amount.
  assert.equal(await stablecoinBalance(api, bob.address), before - amount);
});
