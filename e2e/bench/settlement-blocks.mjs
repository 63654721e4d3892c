// Fills dev-chain blocks with usage settlements, for scripts/bench/block-import.sh: the dev
// operator (Alice) anchors `--claims` one-record batches of one entitlement and proves each with
// gesim-zk; then submits half of them as `metering.settleUsage` extrinsics and the other half
// as `metering.settleUsageBatch` extrinsics of 16, each half signed beforehand and sent at once
// so that blocks fill. Prints, as JSON, every block that settled usage: its number, how many
// claims it settled through which call, and the weight it used.
//
//   GESIM_WS=ws://127.0.0.1:9944 node e2e/bench/settlement-blocks.mjs --claims 160
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import {
  connect, dev, fresh, send, findEvent, createPlan, planTerms, ensureUsageKey, gesimZk, bindingId,
  usageWindow, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '160' } } });
const CLAIMS = Number(values.claims);
const BATCH = 16;
if (!Number.isInteger(CLAIMS) || CLAIMS < 2 * BATCH || CLAIMS % (2 * BATCH) !== 0 || CLAIMS > 1024) {
  throw new Error('--claims: a multiple of 32, at most 1024');
}

const api = await connect();
const work = mkdtempSync(join(tmpdir(), 'gesim-blocks-'));
const telco = dev('Alice');
const subscriber = fresh();
const run = promisify(execFile);

try {
  const usageKey = await ensureUsageKey(api, 'usage-64', work);
  await send(api, api.tx.balances.transferKeepAlive(subscriber.address, UNIT), telco);
  await send(api, api.tx.assets.transfer(STABLECOIN, subscriber.address, 11n * DOLLAR), telco);
  await send(api, api.tx.sbtIdentity.issue(subscriber.address, `0x${'b1'.repeat(32)}`, `0x${'b2'.repeat(32)}`), telco);
  const plan = await createPlan(api, telco, planTerms({ quotaBytes: 1n << 40n, price: 10n * DOLLAR, networks: ['0x00f110'], termsByte: 'b3' }));
  const { events } = await send(api, api.tx.planCatalog.purchase(plan), subscriber);
  const entitlement = findEvent(events, 'planCatalog', 'Purchased').data.entitlement.toNumber();
  const subject = { Entitlement: entitlement };

  // One second of usage every two seconds, all in the chain's past: consecutive periods.
  const window = await usageWindow(api, telco, subject, 2 * CLAIMS, telco);
  let nonce = (await api.query.metering.nextNonce(telco.address)).toBigInt() + 1n;
  const claims = [];
  for (let i = 0; i < CLAIMS; i += 1) {
    const start = window.start + 2n * BigInt(i);
    const records = join(work, `batch-${i}.csv`);
    writeFileSync(records, `binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n${entitlement},${start},1,1000,9000,001,01\n`);
    const root = (await run(gesimZk(), ['commit', '--records', records, '--batch-size', '64'])).stdout;
    const period = { start, end: start + 1n };
    await send(api, api.tx.metering.anchorUsage(subject, usageKey.key, JSON.parse(root).root_hex, period, nonce), telco);
    claims.push({ records, nonce, period });
    nonce += 1n;
  }

  // Two provers at a time: the machine's cores.
  const prove = async ({ records, nonce: n, period }) => {
    const out = join(work, `proof-${n}.json`);
    await run(gesimZk(), [
      'prove', '--pk', usageKey.pk, '--records', records, '--nonce', String(n), '--telco', u8aToHex(telco.publicKey),
      '--agreement', String(bindingId(subject)), '--genesis-hash', api.genesisHash.toHex(),
      '--period-start', String(period.start), '--period-end', String(period.end), '--networks', '001-01', '--out', out,
    ]);
    return JSON.parse(readFileSync(out, 'utf8')).scale.claim;
  };
  const proofs = [];
  for (let i = 0; i < claims.length; i += 2) proofs.push(...await Promise.all(claims.slice(i, i + 2).map(prove)));

  const half = CLAIMS / 2;
  const singles = proofs.slice(0, half).map((claim) => api.tx.metering.settleUsage(claim));
  const batches = [];
  for (let i = half; i < CLAIMS; i += BATCH) batches.push(api.tx.metering.settleUsageBatch(usageKey.key, proofs.slice(i, i + BATCH)));

  const blocks = new Map(); // number -> { settled, singles, batches }
  const submitAll = async (txs, kind) => {
    let next = (await api.rpc.system.accountNextIndex(telco.address)).toNumber();
    const signed = [];
    for (const tx of txs) signed.push(await tx.signAsync(telco, { nonce: next++, era: 0 }));
    await Promise.all(signed.map((tx) => new Promise((resolve, reject) => {
      tx.send(({ status, events: txEvents, dispatchError }) => {
        if (!status.isInBlock && !status.isFinalized) return;
        if (dispatchError) return reject(new Error(`${kind}: ${dispatchError.toString()}`));
        const hash = status.isInBlock ? status.asInBlock : status.asFinalized;
        const settled = txEvents.filter(({ event }) => api.events.metering.UsageSettled.is(event)).length;
        api.rpc.chain.getHeader(hash).then((header) => {
          const number = header.number.toNumber();
          const entry = blocks.get(number) ?? { block: number, hash: hash.toHex(), settled: 0, singles: 0, batches: 0 };
          entry.settled += settled;
          entry[kind] += 1;
          blocks.set(number, entry);
          resolve();
        }, reject);
      }).catch(reject);
    })));
  };
  await submitAll(singles, 'singles');
  await submitAll(batches, 'batches');

  for (const entry of blocks.values()) {
    const weight = await api.query.system.blockWeight.at(entry.hash);
    entry.normalRefTimeMs = Number(weight.normal.refTime.toBigInt() / 1_000_000n) / 1000;
  }
  const limits = api.consts.system.blockWeights;
  const normalMax = limits.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  console.log(JSON.stringify({
    claims: CLAIMS,
    normalMaxRefTimeMs: Number(normalMax / 1_000_000n) / 1000,
    blocks: [...blocks.values()].sort((a, b) => a.block - b.block),
  }, null, 2));
} finally {
  await api.disconnect();
  rmSync(work, { recursive: true, force: true });
}
