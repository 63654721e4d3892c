// The LPA bridge on the four-validator testnet, taking no node's word: `gesim-lpa` is given
// the testnet's raw chain spec, and every order it acts on is read with a storage proof that
// it checks against a block the validators finalised with GRANDPA. A subscriber buys a plan
// from operator 1 (Alice), binds its EID and orders a profile bound to it (the EID sealed to
// the operator's receipt key, read with proofs too), which Alice's SM-DP+ gateway and
// simulator serve; the device opens the code and installs the profile through the test eUICC. Then a node that lies: a
// proxy in front of validator 1 that alters the storage proof, or the justification, and a
// node of another chain; each refused in one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import {
  connect, dev, send, findEvent, createPlan, planTerms, ensureUsageKey, finalizedNumber, STABLECOIN, DOLLAR, UNIT,
} from '../lib.mjs';
import { startSmdp, BIN_DIR, SIM } from '../smdp.mjs';

const NODE = 'http://127.0.0.1:9945';
const SPEC = join(process.env.GESIM_TESTNET_DIR ?? '.testnet', 'chain-spec.json');
const LPA = join(BIN_DIR, 'gesim-lpa');
const EID = '89049032000001000000000000000017';
const alice = dev('Alice');
const dir = mkdtempSync(join(tmpdir(), 'gesim-lpa-testnet-'));
const key = join(dir, 'device.key');

const api = await connect('ws://127.0.0.1:9945');
let smdp;
after(async () => {
  await smdp?.stop();
  if (smdp && process.env.GESIM_E2E_LOGS) writeFileSync(`${process.env.GESIM_E2E_LOGS}/testnet-smdp-gateway.log`, smdp.logs.gateway);
  await api.disconnect();
});

const phrase = mnemonicGenerate();
const customer = new Keyring({ type: 'sr25519' }).addFromUri(phrase);
const accountFile = join(dir, 'customer.account');
writeFileSync(accountFile, phrase);
chmodSync(accountFile, 0o600);

/** Runs `gesim-lpa` as the customer against `node`; resolves with `{ code, stdout, stderr }`. */
function lpa(node, ...args) {
  return new Promise((resolve) => {
    execFile(LPA, ['--node', node, '--account-file', accountFile, '--key-file', key, ...args], { timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

async function lpaOk(...args) {
  const run = await lpa(NODE, '--chain-spec', SPEC, ...args);
  assert.equal(run.code, 0, `gesim-lpa ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

let entitlement;
before(async () => {
  smdp = await startSmdp({ node: NODE, base: 18643 });
  // Operator 1's four transactions in one go: consecutive nonces, one or two blocks.
  const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const [planId] = await Promise.all([
    createPlan(api, alice, planTerms({ price: 3n * DOLLAR, networks: ['0x00f110'], termsByte: '45' }), { nonce }),
    send(api, api.tx.balances.transferKeepAlive(customer.address, 10n * UNIT), alice, { nonce: nonce + 1 }),
    send(api, api.tx.assets.transfer(STABLECOIN, customer.address, 10n * DOLLAR), alice, { nonce: nonce + 2 }),
    send(api, api.tx.sbtIdentity.issue(customer.address, `0x${'4d'.repeat(32)}`, `0x${'4c'.repeat(32)}`), alice, { nonce: nonce + 3 }),
  ]);
  const bought = await send(api, api.tx.planCatalog.purchase(planId), customer);
  entitlement = findEvent(bought.events, 'planCatalog', 'Purchased').data.entitlement.toNumber();
  // The council registers the EID-possession key (the dev-seeded one: a test network).
  await ensureUsageKey(api, 'eid', dir);
});

let order;
test('a device installs its profile, every order read proved against GRANDPA finality', { timeout: 300_000 }, async () => {
  await lpaOk('generate-key');
  await lpaOk('register-key');
  const opening = join(dir, 'eid.json');
  await lpaOk('bind-eid', '--eid', EID, '--dev-key', '--opening-file', opening);
  order = Number(await lpaOk('request', String(entitlement), '--eid-opening', opening));
  assert.ok((await api.query.esimProvisioning.orders(order)).unwrap().eid.isSome, 'the order is bound to the EID');
  const installed = JSON.parse(await lpaOk(
    'install', String(order),
    '--test-euicc', SIM, '--ca', join(smdp.dir, 'pki', 'ca.pem'), '--eid', EID, '--notifications', join(dir, 'notifications'),
  ));
  assert.equal(installed.order, order);
  assert.equal(installed.status, 'installed');
  // The read that showed it installed was proved at a finalised block, which holds it.
  const finalized = await finalizedNumber(api);
  assert.ok(installed.verifiedAt > 0 && installed.verifiedAt <= finalized, `verified at #${installed.verifiedAt}, finalised #${finalized}`);
  const at = await api.at(await api.rpc.chain.getBlockHash(installed.verifiedAt));
  assert.equal((await at.query.esimProvisioning.orders(order)).unwrap().status.type, 'Installed');
});

/**
 * A JSON-RPC proxy in front of validator 1 that passes everything through but lets `alter`
 * rewrite the answer to one method. Resolves with its URL and a `close`.
 */
async function lyingNode(method, alter) {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const call = JSON.parse(body);
    const reply = await (await fetch(NODE, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
    if (call.method === method && reply.result) reply.result = alter(reply.result);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** `0x…` hex with the byte at `index` (negative: from the end) flipped. */
function flip(hex, index) {
  const bytes = Buffer.from(hex.slice(2), 'hex');
  bytes[(index + bytes.length) % bytes.length] ^= 1;
  return `0x${bytes.toString('hex')}`;
}

test('a node that alters a storage proof or a justification, or serves another chain, is refused', { timeout: 120_000 }, async () => {
  assert.notEqual(order, undefined, 'the install test ran first');
  // Honest: the code opens, proved at a finalised block.
  const honest = JSON.parse(await lpaOk('code', String(order)));
  assert.match(honest.activationCode, /^LPA:1\$localhost:\d+\$/);
  assert.ok(honest.verifiedAt > 0);
  const proved = JSON.parse(await lpaOk('finalized'));
  assert.equal(proved.authoritySet, 0);
  assert.equal(proved.hash, (await api.rpc.chain.getBlockHash(proved.number)).toHex());

  const cases = [
    ['state_getReadProof', (r) => ({ ...r, proof: r.proof.map((node, i) => (i === r.proof.length - 1 ? flip(node, -1) : node)) }),
      /^gesim-lpa: the node's storage proof at finalised block #\d+ does not check against its state root \(.+\): do not trust this node$/],
    // A byte inside the last precommit's signature of the latest justification: the proof
    // ends with that precommit's signature (64) and key (32), the justification's empty
    // ancestry (1) and the proof's "finished" flag (1).
    ['gesim_warpProof', (r) => flip(r, -(1 + 1 + 32 + 10)),
      /^gesim-lpa: the node's GRANDPA justification for block 0x[0-9a-f]{64} does not hold for authority set 0 \(.+\): do not trust this node$/],
  ];
  for (const [method, alter, expected] of cases) {
    const liar = await lyingNode(method, alter);
    try {
      const run = await lpa(liar.url, '--chain-spec', SPEC, 'code', String(order));
      assert.equal(run.code, 1, `${method} altered, yet: ${run.stdout}`);
      assert.match(run.stderr, expected);
      assert.equal(run.stderr.split('\n').length, 1);
      assert.equal(run.stdout, '', 'no code is printed');
    } finally {
      await liar.close();
    }
  }

  // The dev chain's spec against the testnet's node: another chain, refused before any read.
  const devSpec = join(dir, 'dev-spec.json');
  execFileSync(join(BIN_DIR, 'gesim-node'), ['export-chain-spec', '--chain', 'dev', '--raw', '--output', devSpec], { stdio: 'ignore' });
  const other = await lpa(NODE, '--chain-spec', devSpec, 'code', String(order));
  assert.equal(other.code, 1);
  assert.match(other.stderr, /^gesim-lpa: the node serves chain 0x[0-9a-f]{64}, not the chain spec's 0x[0-9a-f]{64}: refusing to read another chain$/);

  // Neither a chain spec nor --trust-rpc-node: the bridge says what to give.
  const unsure = await lpa(NODE, 'code', String(order));
  assert.equal(unsure.code, 1);
  assert.match(unsure.stderr, /--chain-spec.*--trust-rpc-node/);
});
