// Times the node executing blocks, for scripts/bench/block-import.sh: for each block that
// settled usage (from the JSON settlement-blocks.mjs printed) and the block before the first
// of them, `Core_execute_block` of the block on its parent's state through `state_call`, run by
// the node's executor exactly as importing the block runs it (the storage commit aside). Five
// runs each after one warm-up; prints the median and the lowest in milliseconds.
//
//   GESIM_WS=ws://127.0.0.1:9944 node e2e/bench/execute-blocks.mjs blocks.json
import { readFileSync } from 'node:fs';
import { WsProvider } from '@polkadot/api';
import { connect } from '../lib.mjs';

const RUNS = 5;
const { blocks, normalMaxRefTimeMs } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const api = await connect();
// Calls go straight to a provider of their own: api.rpc memoizes calls at a block hash.
const provider = new WsProvider(process.env.GESIM_WS ?? 'ws://127.0.0.1:9944');
await provider.isReady;
try {
  const time = async (number) => {
    const hash = await api.rpc.chain.getBlockHash(number);
    const { block } = await api.rpc.chain.getBlock(hash);
    const params = ['Core_execute_block', block.toHex(), block.header.parentHash.toHex()];
    const runs = [];
    for (let i = 0; i <= RUNS; i += 1) {
      const start = process.hrtime.bigint();
      await provider.send('state_call', params);
      if (i > 0) runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    runs.sort((a, b) => a - b);
    return { medianMs: runs[Math.floor(RUNS / 2)], lowestMs: runs[0] };
  };
  const baseline = { block: blocks[0].block - 1, settled: 0, singles: 0, batches: 0, normalRefTimeMs: null };
  const rows = [];
  for (const entry of [baseline, ...blocks]) rows.push({ ...entry, ...(await time(entry.block)) });
  console.log(JSON.stringify({ normalMaxRefTimeMs, rows }, null, 2));
} finally {
  await provider.disconnect();
  await api.disconnect();
}
