// Four operator validators with real Aura and GRANDPA produce and finalise blocks, all four
// connected. (Faults under load: under-load.test.mjs.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, waitFor, finalizedNumber as finalized } from '../lib.mjs';

const rpc = (n) => `ws://127.0.0.1:${9944 + n}`;

const apis = [];
after(() => Promise.all(apis.map((api) => api.disconnect())));

test('four validators produce and finalise blocks', { timeout: 180_000 }, async () => {
  for (const n of [1, 2, 3, 4]) apis.push(await connect(rpc(n)));
  const authorities = await apis[0].call.auraApi.authorities();
  assert.equal(authorities.length, 4);
  for (const [i, api] of apis.entries()) {
    await waitFor(() => finalized(api), (h) => h >= 3, 120, `validator ${i + 1} to finalise block 3`);
  }
  const peers = (await apis[0].rpc.system.health()).peers.toNumber();
  assert.equal(peers, 3, 'validator 1 is connected to the other three');
});
