// Balance and stablecoin transfers land with the right events and exact balances.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, dev, fresh, send, findEvent, freeBalance, stablecoinBalance, sleep, STABLECOIN, DOLLAR, UNIT,
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

test('two transactions sent back to back from one account are both included, round after round', async () => {
  // What an operator's gateway does: its second receipt follows the first within milliseconds.
  // The dev chain seals a block per transaction; none may be dropped unseen.
  const dave = dev('Dave');
  const to = fresh();
  const rounds = 60;
  for (let round = 0; round < rounds; round++) {
    const nonce = (await api.rpc.system.accountNextIndex(dave.address)).toNumber();
    const first = await api.tx.balances.transferKeepAlive(to.address, UNIT).signAsync(dave, { nonce });
    const second = await api.tx.balances.transferKeepAlive(to.address, UNIT).signAsync(dave, { nonce: nonce + 1 });
    await api.rpc.author.submitExtrinsic(first);
    // What a client reads before signing its next transaction (gesim-chain-client does).
    await api.rpc.chain.getFinalizedHead();
    await api.rpc.system.accountNextIndex(dave.address);
    await api.rpc.author.submitExtrinsic(second);
    let included = nonce;
    for (let waited = 0; waited < 10_000 && included < nonce + 2; waited += 50) {
      await sleep(50);
      included = (await api.query.system.account(dave.address)).nonce.toNumber();
    }
    assert.equal(included, nonce + 2, `round ${round}: the second transaction was not included`);
  }
  assert.equal(await freeBalance(api, to.address), BigInt(2 * rounds) * UNIT);
});
