// Four operator validators with real Aura and GRANDPA: blocks finalise, finality survives
// one validator stopping, and the stopped validator catches up when it starts again.
// scripts/test.sh starts the testnet; this test stops and starts validator 4 through
// scripts/testnet.sh, exactly as an operator would.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect, waitFor } from '../lib.mjs';

const testnet = fileURLToPath(new URL('../../scripts/testnet.sh', import.meta.url));
const rpc = (n) => `ws://127.0.0.1:${9944 + n}`;

const apis = [];
after(() => Promise.all(apis.map((api) => api.disconnect())));

async function finalized(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}


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

test('finality continues with one validator stopped, and it catches up on restart', { timeout: 300_000 }, async () => {
  const [first] = apis;
  await apis.pop().disconnect();
  execFileSync(testnet, ['stop', '4'], { stdio: 'inherit' });

  const atStop = await finalized(first);
  const target = atStop + 3;
  await waitFor(() => finalized(first), (h) => h >= target, 120, `finality past ${target} with 3 of 4 validators`);

  execFileSync(testnet, ['start', '4'], { stdio: 'inherit', env: { ...process.env, GESIM_SKIP_BUILD: '1' } });
  const fourth = await connect(rpc(4));
  apis.push(fourth);
  const goal = await finalized(first);
  const caughtUp = await waitFor(() => finalized(fourth), (h) => h >= goal, 120, `validator 4 to reach block ${goal}`);
  assert.ok(caughtUp >= goal);
  // And it is back in the voter set: finality keeps moving with all four.
  const now = await finalized(first);
  await waitFor(() => finalized(fourth), (h) => h >= now + 2, 120, 'finality with validator 4 back');
});
