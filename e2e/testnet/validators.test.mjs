// An operator joins the validator set, as one would on a live network: Eve is admitted by the
// council, starts her own node (a fifth validator, started by this test next to the
// testnet's four), makes session keys on it (`author_rotateKeysWithOwner`) and registers them
// (`session.setKeys`); a council motion seats her. Two sessions later her keys are in Aura's
// and GRANDPA's sets, her node authors blocks, and finality goes on with five.
// Runs after the LPA test: the bridge trusts the chain spec's GRANDPA set, which this changes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { connect, dev, send, findEvent, councilMotion, waitFor } from '../lib.mjs';
import { BIN_DIR } from '../smdp.mjs';

const DIR = process.env.GESIM_TESTNET_DIR ?? '.testnet';
const NODE = join(BIN_DIR, 'gesim-node');
const EVE_RPC = 9949;
const api = await connect('ws://127.0.0.1:9945');
let eveNode;
after(async () => {
  eveNode?.kill('SIGTERM');
  await api.disconnect();
});


/** A JSON-RPC call over HTTP, as curl would make it; resolves with its result. */
async function rpc(port, method, params) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const { result, error } = await response.json();
  if (error) throw new Error(`${method}: ${error.message}`);
  return result;
}

/** Eve's own validator: base path and node key of its own, validator 1 as bootnode. */
async function startEveNode() {
  const base = mkdtempSync(join(tmpdir(), 'gesim-operator-5-'));
  execFileSync(NODE, ['key', 'generate-node-key', '--file', join(base, 'node-key')], { stdio: 'ignore' });
  const bootnode = execFileSync(NODE, ['key', 'inspect-node-key', '--file', join(DIR, 'validator-1', 'node-key')], { encoding: 'utf8' }).trim();
  const log = openSync(join(base, 'node.log'), 'a');
  eveNode = spawn(NODE, [
    '--chain', join(DIR, 'chain-spec.json'), '--base-path', base, '--name', 'operator-5-eve', '--validator',
    '--node-key-file', join(base, 'node-key'), '--port', '30338', '--rpc-port', String(EVE_RPC), '--prometheus-port', '9620',
    // Keys are made over RPC on this machine only: the unsafe methods stay on loopback.
    '--rpc-methods', 'unsafe',
    '--bootnodes', `/ip4/127.0.0.1/tcp/30334/p2p/${bootnode}`,
  ], { stdio: ['ignore', log, log] });
  const health = () => fetch(`http://127.0.0.1:${EVE_RPC}/health`).then((r) => r.ok, () => false);
  await waitFor(health, Boolean, 60, "Eve's node");
}

test('an operator the council seats validates two sessions later and authors blocks', { timeout: 600_000 }, async () => {
  const eve = dev('Eve');
  // Admitted as an operator.
  await send(api, api.tx.telcoRegistry.apply('GeSIM Test Operator 5', ['0x00f150'], ['u0'], ['Data'], `0x${'e5'.repeat(32)}`), eve);
  await councilMotion(api, api.tx.telcoRegistry.approve(eve.address));

  // Keys made on her node, registered by her account with their proof of possession.
  await startEveNode();
  const generated = await rpc(EVE_RPC, 'author_rotateKeysWithOwner', [u8aToHex(eve.publicKey)]);
  await send(api, api.tx.session.setKeys(generated.keys, generated.proof), eve);

  // A seat for someone who is not an operator: refused by name.
  await assert.rejects(
    councilMotion(api, api.tx.validatorSet.addValidator(dev('Ferdie').address)),
    /motion did not execute: validatorSet\.NotAnActiveOperator/,
  );

  // Short sessions, so the test does not wait ten minutes; then the seat.
  await councilMotion(api, api.tx.validatorSet.setSessionLength(10));
  const closed = await councilMotion(api, api.tx.validatorSet.addValidator(eve.address));
  assert.ok(findEvent(closed, 'validatorSet', 'ValidatorAdded'), 'ValidatorAdded');
  const setBefore = (await api.query.grandpa.currentSetId()).toNumber();

  // SessionKeys { aura (sr25519), grandpa (ed25519) }: the Aura key is the first 32 bytes.
  const eveAura = generated.keys.slice(0, 66);
  await waitFor(async () => (await api.query.aura.authorities()).map((a) => a.toHex()), (set) => set.includes(eveAura), 240, "Eve's key in Aura's set");
  assert.equal((await api.query.aura.authorities()).length, 5);
  assert.equal((await api.query.grandpa.currentSetId()).toNumber(), setBefore + 1, 'one GRANDPA set change');

  // Her node authors a block (Aura rotates over the five), and finality passes it.
  const session = await api.query.session.validators();
  const eveIndex = session.map((v) => v.toString()).indexOf(eve.address);
  assert.ok(eveIndex >= 0, 'Eve is in the session validators');
  const authored = await waitFor(async () => {
    const header = await api.rpc.chain.getHeader();
    const author = (await api.derive.chain.getHeader(header.hash)).author?.toString();
    return { number: header.number.toNumber(), author };
  }, (h) => h.author === eve.address, 120, 'a block authored by Eve');
  await waitFor(async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber(),
    (n) => n >= authored.number, 120, `finality past Eve's block #${authored.number}`);
});
