// The testnet under load and faults, as operators would live through them. Pre-funded
// subscribers send transfers and buy operator 4's plan while operator 4 settles their usage
// with Groth16 proofs; meanwhile validator 4 is killed (SIGKILL) and restarted, a new operator
// (Eve) is admitted and seated by the council and validates from a host of her own (a network
// namespace joined to this one by a veth pair, made here), and then her link is cut and
// restored. Checked: finality resumes within a bound after each fault, the restarted and the
// cut-off node catch up, Eve authors blocks, no node ever sees a finalised block reverted,
// and every transaction a pool accepted from a sender that kept running is in the finalised
// chain exactly once. The figures (throughput, finality lag, time to recover) are printed and,
// with GESIM_E2E_LOGS, written to testnet-load.json. After the set change, the LPA bridge,
// given only the chain spec, proves finality through it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { u8aToHex } from '@polkadot/util';
import {
  connect, dev, fresh, send, findEvent, councilMotion, waitFor, createPlan, planTerms, ensureUsageKey,
  operatorCli, sleep, usageWindow, finalizedNumber as finalized, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';
import { startLoad, blocksBetween } from '../load.mjs';
import { BIN_DIR } from '../smdp.mjs';

const DIR = process.env.GESIM_TESTNET_DIR ?? '.testnet';
const TESTNET = fileURLToPath(new URL('../../scripts/testnet.sh', import.meta.url));
const NODE = join(BIN_DIR, 'gesim-node');
const ws = (n) => `ws://127.0.0.1:${9944 + n}`;
// Operator 4 (Dave) settles usage through validator 2; the CLI reads GESIM_WS.
process.env.GESIM_WS = ws(2);

// Bounds: the load never runs longer or sends more than this; each recovery has a deadline.
const LOAD = { senders: 12, inFlight: 6, seconds: 900, maxTransactions: 6000 };
const FINALITY_RESUMES_WITHIN = 60; // seconds after a fault
const CATCHES_UP_WITHIN = 120; // seconds after a restart or a restored link

// Eve's host: a network namespace with one veth link to this one.
const NS = `gesim-eve-${process.pid}`;
const VETH = { host: `gsmh${process.pid % 100000}`, eve: `gsmn${process.pid % 100000}` };
const ADDR = { host: '10.213.0.1', eve: '10.213.0.2' };
const EVE_RPC = 9949;

const apis = {}; // validator number -> ApiPromise (4 is replaced across its restart)
const figures = { faults: {} };
const finalisedSeen = []; // { node, number, hash } as each node announced them
const finalityWentBack = []; // a node whose finalised head number decreased: must stay empty
let load;
let eveNode;

const best = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();

/** Follows `api`'s finalised heads into `finalisedSeen`, noting any that goes backwards. */
async function watchFinality(node, api) {
  let last = 0;
  return api.rpc.chain.subscribeFinalizedHeads((header) => {
    const number = header.number.toNumber();
    if (number < last) finalityWentBack.push({ node, from: last, to: number });
    last = number;
    finalisedSeen.push({ node, number, hash: header.hash.toHex() });
  });
}

/** Samples best − finalised on validator 1 every second, labelled with the current phase. */
const lag = { phase: 'load', samples: [], timer: null };
function sampleLag() {
  lag.timer = setInterval(async () => {
    try {
      const [b, f] = await Promise.all([best(apis[1]), finalized(apis[1])]);
      lag.samples.push({ phase: lag.phase, lag: b - f });
    } catch { /* a sample lost to a busy node is not a figure */ }
  }, 1000);
}

/**
 * Seconds from a fault until validator 1 finalises a block built after it: the finality lag
 * the fault caused.
 */
async function finalityResumes(what) {
  const start = Date.now();
  const bestAtFault = await best(apis[1]);
  await waitFor(() => finalized(apis[1]), (n) => n > bestAtFault, FINALITY_RESUMES_WITHIN,
    `finality past #${bestAtFault} after ${what}`);
  return (Date.now() - start) / 1000;
}

// ---- Eve's host ---------------------------------------------------------------------------

const ip = (...args) => execFileSync('ip', args, { stdio: 'pipe' });
function makeEveHost() {
  // A host left behind by an interrupted run would hold the same addresses.
  for (const line of execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n')) {
    const name = line.split(' ')[0];
    if (name.startsWith('gesim-eve-')) ip('netns', 'del', name);
  }
  ip('netns', 'add', NS);
  ip('link', 'add', VETH.host, 'type', 'veth', 'peer', 'name', VETH.eve);
  ip('link', 'set', VETH.eve, 'netns', NS);
  ip('addr', 'add', `${ADDR.host}/30`, 'dev', VETH.host);
  ip('link', 'set', VETH.host, 'up');
  ip('-n', NS, 'addr', 'add', `${ADDR.eve}/30`, 'dev', VETH.eve);
  ip('-n', NS, 'link', 'set', VETH.eve, 'up');
  ip('-n', NS, 'link', 'set', 'lo', 'up');
}
function removeEveHost() {
  try { ip('netns', 'del', NS); } catch { /* never made */ }
  try { ip('link', 'del', VETH.host); } catch { /* gone with the namespace */ }
}

/** A JSON-RPC call to Eve's node, from inside her host (its RPC listens on her loopback only). */
async function eveRpc(method, params = []) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  const { stdout } = await promisify(execFile)('ip', [
    'netns', 'exec', NS, 'curl', '-sf', '--max-time', '5', '-H', 'content-type: application/json', '-d', body,
    `http://127.0.0.1:${EVE_RPC}`,
  ]);
  const { result, error } = JSON.parse(stdout);
  if (error) throw new Error(`${method}: ${error.message}`);
  return result;
}
const eveFinalized = async () => parseInt((await eveRpc('chain_getHeader', [await eveRpc('chain_getFinalizedHead')])).number, 16);

/** Eve's validator on her host: validator 1, across the veth link, is its bootnode. */
async function startEveNode() {
  const base = mkdtempSync(join(process.env.GESIM_E2E_LOGS ?? tmpdir(), 'operator-5-'));
  execFileSync(NODE, ['key', 'generate-node-key', '--file', join(base, 'node-key')], { stdio: 'ignore' });
  const bootnode = execFileSync(NODE, ['key', 'inspect-node-key', '--file', join(DIR, 'validator-1', 'node-key')], { encoding: 'utf8' }).trim();
  const log = openSync(join(base, 'node.log'), 'a');
  eveNode = spawn('ip', [
    'netns', 'exec', NS, NODE,
    '--chain', join(DIR, 'chain-spec.json'), '--base-path', base, '--name', 'operator-5-eve', '--validator',
    '--node-key-file', join(base, 'node-key'), '--port', '30338', '--rpc-port', String(EVE_RPC), '--prometheus-port', '9620',
    // Keys are made over RPC from inside her host only.
    '--rpc-methods', 'unsafe',
    '--bootnodes', `/ip4/${ADDR.host}/tcp/30334/p2p/${bootnode}`,
  ], { stdio: ['ignore', log, log] });
  await waitFor(() => eveRpc('system_health').then(() => true, () => false), Boolean, 60, "Eve's node");
  return base;
}

// ---- the run ------------------------------------------------------------------------------

const dave = dev('Dave');
const work = mkdtempSync(join(tmpdir(), 'gesim-load-'));
let plan;
let usageKey;
const settlements = { done: [], failed: [], running: null, stop: false };

before(async () => {
  for (const n of [1, 2, 3, 4]) apis[n] = await connect(ws(n));
  for (const n of [1, 2, 3, 4]) await watchFinality(n, apis[n]);
});

after(async () => {
  clearInterval(lag.timer);
  settlements.stop = true;
  await load?.stop();
  await settlements.running;
  if (eveNode && eveNode.exitCode === null) {
    const exited = new Promise((resolve) => eveNode.once('exit', resolve));
    eveNode.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
  }
  removeEveHost();
  await Promise.all(Object.values(apis).map((api) => api.disconnect()));
  if (process.env.GESIM_E2E_LOGS) writeFileSync(join(process.env.GESIM_E2E_LOGS, 'testnet-load.json'), JSON.stringify(figures, null, 2));
});

/** Operator 4 settles usage on each entitlement bought of its plan, one claim each, in turn. */
async function settleUsage(entitlements) {
  let nonce = 0;
  while (!settlements.stop) {
    const entitlement = entitlements.shift();
    if (entitlement === undefined) { await sleep(2000); continue; }
    nonce += 1;
    // Three sessions after Dave's usage clock of the entitlement, over by the latest block of
    // validator 2, which the CLI talks to; on operator 4's network 001-04.
    // A failure here is a failed settlement, reported at the end like the CLI's.
    const window = await usageWindow(apis[2], dave, { Entitlement: entitlement }, 30).catch((e) => ({ error: e.message }));
    if (window.error) { settlements.failed.push({ entitlement, nonce, error: window.error }); continue; }
    const rows = [0n, 1n, 2n].map((i) => [entitlement, window.start + i * 10n, 8, 10_000 + nonce, 200_000n + i, '001', '04'].join(','));
    const records = join(work, `batch-${nonce}.csv`);
    writeFileSync(records, `binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n${rows.join('\n')}\n`);
    const run = await operatorCli('//Dave', 'claim', '--records', records, '--entitlement', String(entitlement), '--pk', usageKey.pk, '--nonce', String(nonce));
    (run.code === 0 ? settlements.done : settlements.failed).push({ entitlement, nonce, ...(run.code === 0 ? run.out.settled : { error: run.stderr.trim() }) });
  }
}

test('load: pre-funded subscribers send transfers and purchases, operator 4 settles usage', { timeout: 300_000 }, async () => {
  const api = apis[1];
  const alice = dev('Alice');
  const subscribers = Array.from({ length: LOAD.senders }, fresh);
  // Alice funds the subscribers, operator 4 verifies their identities (one may buy only then)
  // and lists its plan: consecutive nonces of each, in a few blocks.
  const [a, d] = await Promise.all([alice, dave].map(async (who) => (await api.rpc.system.accountNextIndex(who.address)).toNumber()));
  const [planId] = await Promise.all([
    createPlan(api, dave, planTerms({ quotaBytes: 50_000_000n, price: DOLLAR, networks: ['0x00f140'], termsByte: '4d' }), { nonce: d }),
    ...subscribers.flatMap((s, i) => [
      send(api, api.tx.balances.transferKeepAlive(s.address, 100n * UNIT), alice, { nonce: a + 2 * i }),
      send(api, api.tx.assets.transfer(STABLECOIN, s.address, 20n * DOLLAR), alice, { nonce: a + 2 * i + 1 }),
      send(api, api.tx.sbtIdentity.issue(s.address, u8aToHex(s.publicKey), `0x${'4d'.repeat(32)}`), dave, { nonce: d + 1 + i }),
    ]),
  ]);
  plan = planId;
  usageKey = await ensureUsageKey(api, 'usage-64', work);
  // Short sessions, so that a seat takes a minute or two rather than twenty.
  await councilMotion(api, api.tx.validatorSet.setSessionLength(10));

  // Purchases of operator 4's plan, as validator 1 finalises them, feed its settlements.
  const bought = [];
  let scanned = await finalized(api);
  let scanning = Promise.resolve();
  const scanTo = async (upTo) => {
    for (; scanned < upTo; scanned += 1) {
      const events = await api.query.system.events.at(await api.rpc.chain.getBlockHash(scanned + 1));
      for (const { event } of events) {
        if (event.section === 'planCatalog' && event.method === 'Purchased' && event.data.plan.toNumber() === plan) {
          bought.push(event.data.entitlement.toNumber());
        }
      }
    }
  };
  await api.rpc.chain.subscribeFinalizedHeads((header) => {
    scanning = scanning.then(() => scanTo(header.number.toNumber())).catch(() => {});
  });
  settlements.running = settleUsage(bought);

  // Three senders per validator; every 25th transaction a purchase (at most 2 per sender).
  figures.loadStart = await finalized(api);
  figures.loadStartedAt = Date.now();
  load = startLoad({
    ...LOAD,
    senders: subscribers.map((pair, i) => ({ pair, api: apis[(i % 4) + 1], node: (i % 4) + 1 })),
    nextCall: ({ api: node, pair }, i) => (i % 25 === 12 && i < 50
      ? { call: node.tx.planCatalog.purchase(plan), what: 'purchase' }
      : { call: node.tx.balances.transferKeepAlive(subscribers[(subscribers.indexOf(pair) + 1) % subscribers.length].address, UNIT / 1000n + BigInt(i)), what: 'transfer' }),
  });
  sampleLag();
  await waitFor(() => load.senders.reduce((n, s) => n + (s.accepted?.length ?? 0), 0), (n) => n >= 100, 60, 'the load to reach 100 transactions');
  // What the faults are measured against: the same wait with every validator up.
  figures.faults.none = { resumedAfterSeconds: await finalityResumes('nothing') };
});

test('kill -9 validator 4 under load: finality resumes; restarted, it catches up', { timeout: 300_000 }, async () => {
  const pid = Number(readFileSync(join(DIR, 'validator-4', 'pid'), 'utf8'));
  lag.phase = 'validator 4 killed';
  process.kill(pid, 'SIGKILL');
  figures.faults.kill = { resumedAfterSeconds: await finalityResumes('killing validator 4') };
  await apis[4].disconnect();
  await sleep(5_000);

  lag.phase = 'validator 4 restarting';
  const restart = { at: Date.now(), goal: await finalized(apis[1]) };
  execFileSync(TESTNET, ['start', '4'], { stdio: 'inherit', env: { ...process.env, GESIM_SKIP_BUILD: '1' } });
  apis[4] = await connect(ws(4));
  await waitFor(() => finalized(apis[4]), (n) => n >= restart.goal, CATCHES_UP_WITHIN, `restarted validator 4 to finalise #${restart.goal}`);
  figures.faults.kill.restartCaughtUpAfterSeconds = (Date.now() - restart.at) / 1000;
  await watchFinality(4, apis[4]);
  // Back among the voters: finality keeps moving with all four.
  figures.faults.kill.finalityWithFourAfterRestartSeconds = await finalityResumes('validator 4 back');
  lag.phase = 'load';
});

test('a new operator joins mid-run from a host of its own, is seated by motion and authors blocks', { timeout: 600_000 }, async () => {
  const api = apis[1];
  const eve = dev('Eve');
  await send(api, api.tx.telcoRegistry.apply('GeSIM Test Operator 5', ['0x00f150'], ['u0'], ['Data'], `0x${'e5'.repeat(32)}`), eve);
  await councilMotion(api, api.tx.telcoRegistry.approve(eve.address));

  makeEveHost();
  await startEveNode();
  const generated = await eveRpc('author_rotateKeysWithOwner', [u8aToHex(eve.publicKey)]);
  await send(api, api.tx.session.setKeys(generated.keys, generated.proof), eve);
  const setBefore = (await api.query.grandpa.currentSetId()).toNumber();
  const closed = await councilMotion(api, api.tx.validatorSet.addValidator(eve.address));
  assert.ok(findEvent(closed, 'validatorSet', 'ValidatorAdded'), 'ValidatorAdded');
  const seatedAt = Date.now();

  // SessionKeys { aura (sr25519), grandpa (ed25519) }: the Aura key is the first 32 bytes.
  const eveAura = generated.keys.slice(0, 66);
  await waitFor(async () => (await api.query.aura.authorities()).map((a) => a.toHex()), (set) => set.includes(eveAura), 240, "Eve's key in Aura's set");
  assert.equal((await api.query.aura.authorities()).length, 5);
  assert.equal((await api.query.grandpa.currentSetId()).toNumber(), setBefore + 1, 'one GRANDPA set change');
  const authored = await waitFor(async () => {
    const header = await api.rpc.chain.getHeader();
    return { number: header.number.toNumber(), author: (await api.derive.chain.getHeader(header.hash)).author?.toString() };
  }, (h) => h.author === eve.address, 120, 'a block authored by Eve');
  await waitFor(() => finalized(api), (n) => n >= authored.number, 120, `finality past Eve's block #${authored.number}`);
  figures.join = { authoredBlock: authored.number, secondsFromSeatToFinalisedBlockOfHers: (Date.now() - seatedAt) / 1000 };
  const hers = await eveRpc('chain_getBlockHash', [authored.number]);
  assert.equal(hers, (await api.rpc.chain.getBlockHash(authored.number)).toHex(), "Eve's node follows the same chain");

  // A device given only the chain spec follows GRANDPA's set change to the new set.
  const proved = JSON.parse(execFileSync(join(BIN_DIR, 'gesim-lpa'), [
    '--node', 'http://127.0.0.1:9945', '--chain-spec', join(DIR, 'chain-spec.json'), 'finalized',
  ], { encoding: 'utf8' }));
  assert.deepEqual([proved.authoritySet, proved.authorities], [setBefore + 1, 5]);
  assert.equal(proved.hash, (await api.rpc.chain.getBlockHash(proved.number)).toHex());
  assert.ok(proved.number >= authored.number, `proved final #${proved.number}`);
});

test("Eve's host cut off: the other four finalise; restored, her node catches up and votes again", { timeout: 300_000 }, async () => {
  const finalisedBefore = await eveFinalized();
  lag.phase = 'validator 5 cut off';
  ip('link', 'set', VETH.host, 'down');
  figures.faults.cut = { resumedAfterSeconds: await finalityResumes("cutting Eve's link") };
  // Cut off, her node finalises nothing while the others go on.
  const stalled = await eveFinalized();
  const othersAt = await finalized(apis[1]);
  await waitFor(() => finalized(apis[1]), (n) => n >= othersAt + 2, 60, 'finality with Eve cut off');
  assert.equal(await eveFinalized(), stalled, "a cut-off node's finalised head stands still");

  lag.phase = 'validator 5 restored';
  const restore = { at: Date.now(), goal: await finalized(apis[1]) };
  ip('link', 'set', VETH.host, 'up');
  await waitFor(eveFinalized, (n) => n >= restore.goal, CATCHES_UP_WITHIN, `Eve's node to finalise #${restore.goal} after its link is restored`);
  figures.faults.cut.restoredCaughtUpAfterSeconds = (Date.now() - restore.at) / 1000;
  figures.faults.cut.finalityWithFiveAfterRestoreSeconds = await finalityResumes("Eve's link restored");
  lag.phase = 'load';
  assert.ok(stalled >= finalisedBefore, 'her node kept what it had finalised');
  // Everything her node finalised is on the chain validator 1 finalised.
  for (const number of [finalisedBefore, stalled, await eveFinalized()]) {
    finalisedSeen.push({ node: 5, number, hash: await eveRpc('chain_getBlockHash', [number]) });
  }
});

test('every accepted transaction is in the finalised chain exactly once; no finalised block was reverted', { timeout: 300_000 }, async () => {
  const api = apis[1];
  settlements.stop = true;
  await settlements.running;
  await load.stop();
  const loadStoppedAt = Date.now();
  clearInterval(lag.timer);

  // Wait until what the running senders sent is final: their last nonces are used at the finalised head.
  const running = load.senders.filter((s) => !s.lost);
  assert.ok(running.length >= LOAD.senders - 3, `senders still running: ${running.length}`);
  await waitFor(async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    const nonces = await Promise.all(running.map(async (s) => (await api.query.system.account.at(head, s.pair.address)).nonce.toNumber()));
    return running.every((s, i) => nonces[i] >= s.nextNonce);
  }, Boolean, 120, 'every running sender’s transactions to be finalised');

  const end = await finalized(api);
  const blocks = await blocksBetween(api, figures.loadStart + 1, end);
  const inclusions = new Map();
  for (const block of blocks) for (const hash of block.signed) inclusions.set(hash, (inclusions.get(hash) ?? 0) + 1);

  let accepted = 0;
  for (const sender of load.senders) {
    for (const tx of sender.accepted) {
      const times = inclusions.get(tx.hash) ?? 0;
      if (sender.lost) assert.ok(times <= 1, `${tx.what} ${tx.hash} of a stopped sender included ${times} times`);
      else assert.equal(times, 1, `${tx.what} ${tx.hash} (nonce ${tx.nonce}, via validator ${sender.node}) included ${times} times`);
      accepted += 1;
    }
  }
  // Every settlement operator 4 ran went through, each nonce settled once.
  assert.deepEqual(settlements.failed, [], 'settlements that failed');
  assert.ok(settlements.done.length >= 1, 'at least one usage settlement under load');
  const settled = [];
  let purchased = 0;
  for (const block of blocks) {
    for (const { event } of await api.query.system.events.at(block.hash)) {
      if (event.section === 'metering' && event.method === 'UsageSettled') settled.push(event.data.nonce.toString());
      if (event.section === 'planCatalog' && event.method === 'Purchased' && event.data.plan.toNumber() === plan) purchased += 1;
    }
  }
  assert.deepEqual(settled.sort(), settlements.done.map((s) => String(s.nonce)).sort(), 'one UsageSettled per claim');
  // Every purchase a running sender sent went through.
  const purchases = running.reduce((n, s) => n + s.accepted.filter((tx) => tx.what === 'purchase').length, 0);
  assert.ok(purchases > 0 && purchased >= purchases, `${purchased} Purchased events for ${purchases} purchases`);

  // No finalised block reverted: whatever any node announced as finalised is on this chain.
  const canonical = new Map(blocks.map((b) => [b.number, b.hash]));
  for (const { node, number, hash } of finalisedSeen) {
    const expected = canonical.get(number) ?? (await api.rpc.chain.getBlockHash(number)).toHex();
    assert.equal(hash, expected, `validator ${node} finalised #${number} as ${hash}, the chain has ${expected}`);
  }

  assert.deepEqual(finalityWentBack, [], 'finalised heads that went back');

  // The figures, over the blocks built while the load ran.
  const during = blocks.filter((b) => b.moment <= loadStoppedAt);
  const perBlock = during.map((b) => b.signed.length);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const stats = (xs) => ({ mean: +(sum(xs) / xs.length).toFixed(2), max: Math.max(...xs) });
  const byPhase = {};
  for (const s of lag.samples) (byPhase[s.phase] ??= []).push(s.lag);
  Object.assign(figures, {
    loadSeconds: (loadStoppedAt - figures.loadStartedAt) / 1000,
    accepted,
    refusedByPool: sum(load.senders.map((s) => s.refused.length)),
    sendersStoppedWithTheirNode: load.senders.filter((s) => s.lost).length,
    blocks: during.length,
    transactionsPerBlock: stats(perBlock),
    transactionsPerSecond: +(sum(perBlock.slice(1)) / ((during.at(-1).moment - during[0].moment) / 1000)).toFixed(1),
    finalityLagBlocks: { ...stats(lag.samples.map((s) => s.lag)), byPhase: Object.fromEntries(Object.entries(byPhase).map(([p, l]) => [p, stats(l)])) },
    settlements: settlements.done.length,
  });
  console.log(`testnet under load: ${JSON.stringify(figures, null, 2)}`);
});
