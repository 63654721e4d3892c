// The command line: what is refused before anything connects or proves, and what is parsed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, UsageError } from '../src/args.mjs';

const BIN = fileURLToPath(new URL('../bin/gesim-operator.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gesim-operator-args-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'usage.csv');
writeFileSync(file, 'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n');
// Nothing listens on port 1: a command that got as far as connecting would say so.
const NO_NODE = 'ws://127.0.0.1:1';

function run(args, env = {}) {
  return new Promise((resolve) => {
    const clean = { ...process.env, GESIM_SURI: '', GESIM_WS: '', ...env };
    execFile(process.execPath, [BIN, ...args], { env: clean }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

function assertOneErrorLine({ code, stdout, stderr }, expectedCode, pattern) {
  assert.equal(code, expectedCode, stderr);
  assert.equal(stdout, '', 'nothing on stdout');
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], /^error: /);
  assert.match(lines[0], pattern);
}

const anchorArgs = ['anchor', '--records', file, '--pk', file, '--nonce', '7', '--entitlement', '3', '--suri', '//Alice', '--ws', NO_NODE];

test('bad command lines exit 2 with one error line, before connecting', async () => {
  const cases = [
    [[], /no command given/],
    [['frobnicate'], /unknown command `frobnicate`/],
    [['anchor', '--bogus'], /^error: Unknown option '--bogus'$/],
    [['anchor', '--suri', '//Alice'], /anchor needs --records/],
    [anchorArgs.filter((a) => a !== '--entitlement' && a !== '3'), /exactly one of --entitlement <id> and --agreement <id>/],
    [[...anchorArgs, '--agreement', '4'], /exactly one of --entitlement/],
    [anchorArgs.map((a) => (a === '7' ? '-1' : a)), /--nonce/],
    [anchorArgs.map((a) => (a === '7' ? '18446744073709551616' : a)), /--nonce: `18446744073709551616` is not an unsigned 64-bit integer/],
    [anchorArgs.map((a) => (a === '3' ? '4294967296' : a)), /--entitlement: .* 32-bit/],
    [[...anchorArgs, '--key-version', '65536'], /--key-version: .* 16-bit/],
    [anchorArgs.map((a) => (a === file ? join(dir, 'missing.csv') : a)), /--records: no such file/],
    [['settle', ...anchorArgs.slice(1), '--key-version', '2'], /settle does not take --key-version/],
    [['submit-proof', '--suri', '//Alice'], /submit-proof needs --proof/],
    [['submit-proof', '--proof', file, '--proof', file, '--suri', '//Alice'], /submit-proof takes one --proof \(submit-batch takes several\)/],
    [['submit-batch', '--suri', '//Alice'], /submit-batch needs --proof/],
    [['submit-batch', ...Array(17).fill(['--proof', file]).flat(), '--suri', '//Alice'], /--proof: 17 proofs; a batch settles at most 16/],
    [['release-held', '--suri', '//Alice'], /release-held needs --nonce/],
    [['release-held', '--nonce', '1', '--proof', file, '--suri', '//Alice'], /release-held does not take --proof/],
    [['propose-key', '--vk', file, '--circuit', 'usage-65', '--key-version', '1', '--suri', '//Alice'], /unknown circuit `usage-65`/],
    [['propose-key', '--vk', file, '--circuit', 'usage-sum-64', '--key-version', '1', '--suri', '//Alice'], /usage-sum-64 is retired; its successor is usage-64/],
    [['propose-key', '--vk', file, '--circuit', 'usage-64', '--suri', '//Alice'], /propose-key needs --key-version/],
    [anchorArgs.filter((a) => a !== '--suri' && a !== '//Alice'), /--suri \(or GESIM_SURI\) is needed/],
    [[...anchorArgs, '--ws', 'http://127.0.0.1:9944'], /--ws: .* not a ws/],
  ];
  for (const [args, pattern] of cases) assertOneErrorLine(await run(args), 2, pattern);
});

test('--help prints the usage and exits 0', async () => {
  const { code, stdout } = await run(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /gesim-operator claim/);
});

test('failures past the command line exit 1 and never show the secret URI', async () => {
  const suri = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk//secret';
  // A records file that is not a proving key: refused by the prover side, before the chain.
  const notKey = await run(anchorArgs.map((a) => (a === '//Alice' ? suri : a)));
  assertOneErrorLine(notKey, 1, /(--pk: .* is not a gesim-zk proving key|gesim-zk not found)/);
  assert.ok(!notKey.stderr.includes('bottom drive'));

  const proof = join(dir, 'proof.json');
  writeFileSync(proof, JSON.stringify({ scale: { claim: `0x${'00'.repeat(272)}` } }));
  const noNode = await run(['submit-proof', '--proof', proof, '--ws', NO_NODE], { GESIM_SURI: suri });
  assertOneErrorLine(noNode, 1, /cannot connect to ws:\/\/127\.0\.0\.1:1/);
  assert.ok(!noNode.stderr.includes('bottom drive'));

  writeFileSync(proof, JSON.stringify({ scale: { proof: '0x00' } }));
  assertOneErrorLine(await run(['submit-proof', '--proof', proof, '--ws', NO_NODE], { GESIM_SURI: suri }), 1, /no usage claim/);
});

test('parsed options: subjects as the chain takes them, numbers as BigInt, defaults from the environment', () => {
  const env = { GESIM_WS: 'ws://node:9944', GESIM_SURI: '//Bob' };
  const { command, options } = parseCommandLine(['claim', '--records', file, '--pk', file, '--nonce', '18446744073709551615', '--agreement', '9'], env);
  assert.equal(command, 'claim');
  assert.deepEqual(options.subject, { Roaming: 9 });
  assert.equal(options.nonce, 18446744073709551615n);
  assert.equal(options.keyVersion, 1);
  assert.equal(options.ws, 'ws://node:9944');
  assert.equal(options.suri, '//Bob');

  const anchorOptions = parseCommandLine([...anchorArgs, '--key-version', '3'], {}).options;
  assert.deepEqual(anchorOptions.subject, { Entitlement: 3 });
  assert.equal(anchorOptions.keyVersion, 3);
  assert.equal(anchorOptions.ws, NO_NODE, '--ws wins over the environment');

  const key = parseCommandLine(['propose-key', '--vk', file, '--circuit', 'eid', '--key-version', '4'], env).options;
  assert.deepEqual([key.circuit.chain, key.keyVersion, key.threshold], ['EidPossession', 4, undefined]);
  assert.throws(() => parseCommandLine(['anchor'], env), UsageError);

  const batch = parseCommandLine(['submit-batch', '--proof', file, '--proof', file], env).options;
  assert.deepEqual(batch.proofs, [file, file]);
  assert.equal(parseCommandLine(['submit-proof', '--proof', file], env).options.proof, file);
});
