// The LPA bridge on a device, through the `gesim-lpa` command line against the dev node's
// `gesim_` JSON-RPC: a subscriber's device makes its key and registers it, binds its EID with
// a real Groth16 proof, orders a profile bound to that EID (sealed to the operator), opens the
// activation code the operator's gateway sealed to it, is refused on an eUICC with another EID,
// installs the profile through the SM-DP+ simulator's test eUICC with its own, and sees the
// chain mark it installed. Then the bad inputs, each one readable line: an RPC node that is
// down, a code for another device, an EID proof made for another account, bad RPC params.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { mnemonicGenerate, randomAsHex } from '@polkadot/util-crypto';
import {
  connect, dev, send, findEvent, createPlan, planTerms, STABLECOIN, DOLLAR, UNIT, zk, ensureUsageKey,
} from '../lib.mjs';
import { startSmdp, BIN_DIR, SIM } from '../smdp.mjs';

const api = await connect();
after(() => api.disconnect());

const NODE = (process.env.GESIM_WS ?? 'ws://127.0.0.1:9944').replace(/^ws/, 'http');
const LPA = join(BIN_DIR, 'gesim-lpa');
const EID = '89049032000001000000000000000017';
const ANOTHER_EID = '89049032000001000000000000000025';
const PRICE = 4n * DOLLAR;
const alice = dev('Alice');
const dir = mkdtempSync(join(tmpdir(), 'gesim-lpa-'));
let smdp;

/** A new account whose secret phrase is in `<name>.account` (mode 600), as a device keeps it. */
function subscriberWithFile(name) {
  const phrase = mnemonicGenerate();
  const file = join(dir, `${name}.account`);
  writeFileSync(file, phrase);
  chmodSync(file, 0o600);
  return { pair: new Keyring({ type: 'sr25519' }).addFromUri(phrase), file };
}

/** Runs `gesim-lpa …args`; resolves with `{ code, stdout, stderr }`. */
function lpa(...args) {
  return new Promise((resolve) => {
    execFile(LPA, args, { timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

/** `gesim-lpa` as `who` with the device key `key`, which must succeed; resolves with its stdout. */
async function lpaOk(who, key, ...args) {
  const run = await lpa('--node', NODE, '--trust-rpc-node', '--account-file', who.file, '--key-file', key, ...args);
  assert.equal(run.code, 0, `gesim-lpa ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** A JSON-RPC call to the node, as curl would make it. */
async function rpc(method, params) {
  const response = await fetch(NODE, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return response.json();
}

const customer = subscriberWithFile('customer');
let plan;

before(async () => {
  smdp = await startSmdp({ node: NODE, base: 18543 });
  await send(api, api.tx.balances.transferKeepAlive(customer.pair.address, 10n * UNIT), alice);
  await send(api, api.tx.assets.transfer(STABLECOIN, customer.pair.address, 20n * DOLLAR), alice);
  await send(api, api.tx.sbtIdentity.issue(customer.pair.address, `0x${'2d'.repeat(32)}`, `0x${'2c'.repeat(32)}`), alice);
  plan = await createPlan(api, alice, planTerms({ quotaBytes: 2n << 30n, price: PRICE, networks: ['0x00f110'], termsByte: '44' }));
});
after(async () => {
  if (!smdp) return;
  await smdp.stop();
  if (process.env.GESIM_E2E_LOGS) {
    writeFileSync(`${process.env.GESIM_E2E_LOGS}/lpa-smdp-gateway.log`, smdp.logs.gateway);
  }
});

test('a device registers its key, binds its EID with a proof, and installs the profile it ordered for that EID', async () => {
  const bought = await send(api, api.tx.planCatalog.purchase(plan), customer.pair);
  const entitlement = findEvent(bought.events, 'planCatalog', 'Purchased').data.entitlement.toNumber();
  const key = join(dir, 'device.key');

  const publicKey = await lpaOk(customer, key, 'generate-key');
  assert.match(publicKey, /^0x[0-9a-f]{64}$/);
  assert.equal(await lpaOk(customer, key, 'register-key'), publicKey);
  const registered = (await api.call.esimProvisioningApi.deviceKeys(customer.pair.address)).map((k) => k.toHex());
  assert.deepEqual(registered, [publicKey]);

  const commitment = await lpaOk(customer, key, 'bind-eid', '--eid', EID, '--dev-key', '--opening-file', join(dir, 'eid.json'));
  const identity = (await api.query.sbtIdentity.identities(customer.pair.address)).unwrap();
  assert.deepEqual(identity.eidCommitments.map((c) => c.toHex()), [commitment]);

  // What the chain holds for the subscriber, in plain JSON.
  const [held] = JSON.parse(await lpaOk(customer, key, 'entitlements')).filter((e) => e.id === entitlement);
  assert.equal(held.operator, alice.address);
  assert.equal(held.escrowed, PRICE.toString());
  assert.equal(held.remainingBytes, (2n << 30n).toString());
  assert.equal(held.order, null);

  const order = Number(await lpaOk(customer, key, 'request', String(entitlement), '--eid-opening', join(dir, 'eid.json')));
  const bound = (await api.call.esimProvisioningApi.order(order)).unwrap().order.eid.unwrap();
  assert.equal(bound.commitment.toHex(), commitment);
  // The chain holds the EID only sealed to the operator.
  assert.ok(!bound.sealedOpening.toHex().includes(Buffer.from(EID).toString('hex')));

  const euicc = (eid) => ['--test-euicc', SIM, '--ca', join(smdp.dir, 'pki', 'ca.pem'), '--eid', eid, '--notifications', join(dir, 'notifications')];
  // Another eUICC is refused by the SM-DP+, in words.
  const elsewhere = await lpa('--node', NODE, '--trust-rpc-node', '--account-file', customer.file, '--key-file', key,
    'install', String(order), ...euicc(ANOTHER_EID));
  assert.equal(elsewhere.code, 1);
  assert.match(elsewhere.stderr, /^gesim-lpa: the LPA failed at es9p_authenticate_client: this eSIM is bound to another device \(EID mismatch\) \(8\.1\.1\/3\.8\)$/);
  assert.equal((await api.call.esimProvisioningApi.order(order)).unwrap().order.status.type, 'CodeReleased');

  const installed = JSON.parse(await lpaOk(customer, key, 'install', String(order), ...euicc(EID)));
  assert.equal(installed.order, order);
  assert.match(installed.iccid, /^\d{19,20}$/);
  assert.equal(installed.status, 'installed');
  assert.equal(installed.verifiedAt, null, 'the dev chain has no GRANDPA: the node is trusted');
  const onChain = (await api.call.esimProvisioningApi.order(order)).unwrap().order;
  assert.equal(onChain.status.type, 'Installed');

  const [later] = JSON.parse(await lpaOk(customer, key, 'entitlements')).filter((e) => e.id === entitlement);
  assert.deepEqual(later.order, { id: order, status: { state: 'installed' } });
});

test('bad input: a node that is down, a code for another device, a proof for another account, bad RPC params', async () => {
  // The node is down: one line naming it, nothing else.
  const down = await lpa('--node', 'http://127.0.0.1:1', '--trust-rpc-node', '--account-file', customer.file, '--key-file', join(dir, 'device.key'), 'entitlements');
  assert.equal(down.code, 1);
  assert.match(down.stderr, /^gesim-lpa: node http:\/\/127\.0\.0\.1:1: /);
  assert.equal(down.stderr.split('\n').length, 1);

  // An order sealed to this device, opened with another device's key.
  const bought = await send(api, api.tx.planCatalog.purchase(plan), customer.pair);
  const entitlement = findEvent(bought.events, 'planCatalog', 'Purchased').data.entitlement.toNumber();
  const order = Number(await lpaOk(customer, join(dir, 'device.key'), 'request', String(entitlement)));
  const other = join(dir, 'other.key');
  await lpaOk(customer, other, 'generate-key');
  const stolen = await lpa('--node', NODE, '--trust-rpc-node', '--account-file', customer.file, '--key-file', other, 'code', String(order), '--timeout-secs', '60');
  assert.equal(stolen.code, 1);
  assert.match(stolen.stderr, /^gesim-lpa: order \d+: its code is sealed to device key 0x[0-9a-f]{64}, not this device's 0x[0-9a-f]{64}$/);
  // The device it was sealed to opens it.
  const code = JSON.parse(await lpaOk(customer, join(dir, 'device.key'), 'code', String(order)));
  assert.match(code.activationCode, /^LPA:1\$localhost:\d+\$[0-9A-Za-z-]+/);

  // Asked to verify, against a chain that does not finalise with GRANDPA: refused, not trusted.
  const spec = join(dir, 'dev-spec.json');
  execFileSync(join(BIN_DIR, 'gesim-node'), ['export-chain-spec', '--chain', 'dev', '--raw', '--output', spec], { stdio: 'ignore' });
  const unproved = await lpa('--node', NODE, '--chain-spec', spec, '--account-file', customer.file, '--key-file', join(dir, 'device.key'), 'code', String(order));
  assert.equal(unproved.code, 1);
  assert.match(unproved.stderr, /^gesim-lpa: the node gives no GRANDPA justification: its chain does not finalise with GRANDPA/);

  // A real EID-possession proof made for the customer's account, submitted by someone else.
  const { pk } = await ensureUsageKey(api, 'eid', dir);
  const salt = randomAsHex(31);
  const proof = zk('prove-eid', '--pk', pk, '--eid', EID, '--salt', salt, '--account', u8aToHex(customer.pair.publicKey));
  const thief = subscriberWithFile('thief');
  await send(api, api.tx.balances.transferKeepAlive(thief.pair.address, 10n * UNIT), alice);
  await send(api, api.tx.sbtIdentity.issue(thief.pair.address, `0x${'3d'.repeat(32)}`, `0x${'3c'.repeat(32)}`), alice);
  const [commitment] = proof.public_inputs_hex;
  await assert.rejects(
    send(api, api.tx.sbtIdentity.bindEidCommitment(commitment, { keyVersion: 1, proof: proof.proof_hex }), thief.pair),
    (e) => e.errorName === 'sbtIdentity.EidProofRejected',
  );
  // The customer, whose account the proof is bound to, may use it.
  await send(api, api.tx.sbtIdentity.bindEidCommitment(commitment, { keyVersion: 1, proof: proof.proof_hex }), customer.pair);

  // The gesim_ RPC answers bad params with a JSON-RPC error, and plans in plain JSON.
  const polkadot = await rpc('gesim_entitlements', ['15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5']);
  assert.equal(polkadot.error.code, -32602);
  assert.match(polkadot.error.message, /prefix 0/);
  const page = await rpc('gesim_plans', [{ network: '001-01' }, null]);
  const mine = page.result.plans.find((p) => p.id === plan);
  assert.equal(mine.price, PRICE.toString());
  assert.deepEqual(mine.networks, ['001-01']);
  assert.equal((await rpc('gesim_plans', [{ geohash: 'u09t', network: '001-01' }])).error.code, -32602);
});
