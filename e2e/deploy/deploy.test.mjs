// The deployment files say what scripts/testnet.sh does: docker/compose.yaml's validators
// take the script's flags (with container paths and ports), its init step makes the same keys,
// its SM-DP+ gateway and simulator the settings scripts/smdp-init.sh writes; the systemd unit
// runs the same flags and passes `systemd-analyze verify`. No container engine runs here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BIN_DIR } from '../smdp.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path) => readFileSync(join(root, path), 'utf8');
const compose = parse(read('docker/compose.yaml'), { merge: true });
const testnetDir = mkdtempSync(join(tmpdir(), 'gesim-deploy-'));

/** testnet.sh's arguments for validator `n`, as `[flag, value | undefined]` pairs. */
function scriptArgs(n) {
  const lines = execFileSync(join(root, 'scripts/testnet.sh'), ['args', String(n)], {
    encoding: 'utf8', env: { ...process.env, GESIM_TESTNET_DIR: testnetDir },
  }).trim().split('\n');
  return pairs(lines);
}

function pairs(args) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1]?.startsWith('--') === false ? args[++i] : undefined;
    out.push([flag, value]);
  }
  return out;
}

/** What each of the script's values becomes inside an operator's container. */
function inContainer([flag, value]) {
  const mapped = {
    '--chain': '/spec/chain-spec.json',
    '--base-path': '/data',
    '--node-key-file': '/data/node-key',
    '--port': '30333',
    '--rpc-port': '9944',
    '--prometheus-port': '9615',
  }[flag];
  if (flag === '--bootnodes') {
    assert.match(value, /^\/ip4\/127\.0\.0\.1\/tcp\/30334\/p2p\//);
    return [flag, '/dns/operator-1/tcp/30333/p2p/$(cat /spec/operator-1.peer)'];
  }
  return [flag, mapped ?? value];
}

/** Flags the containers add: RPC and metrics reachable from the published ports. */
const CONTAINER_ONLY = [['--unsafe-rpc-external', undefined], ['--rpc-methods', 'safe'], ['--prometheus-external', undefined]];

test('each validator container runs testnet.sh\'s flags, with RPC and metrics on 127.0.0.1 only', () => {
  for (const n of [1, 2, 3, 4]) {
    const service = compose.services[`operator-${n}`];
    assert.ok(service, `operator-${n} is defined`);
    const flags = pairs(service.command.map(String));
    const entrypoint = service.entrypoint.join(' ');
    const bootnode = entrypoint.match(/--bootnodes "([^"]+)"/);
    if (bootnode) flags.push(['--bootnodes', bootnode[1].replaceAll('$$', '$')]);
    const expected = [...scriptArgs(n).map(inContainer), ...CONTAINER_ONLY];
    assert.deepEqual(new Map(flags), new Map(expected), `operator-${n}`);
    assert.equal(flags.length, expected.length, `operator-${n}: no flag twice`);
    // The script's RPC and Prometheus ports, published on loopback.
    assert.deepEqual(service.ports, [`127.0.0.1:${9944 + n}:9944`, `127.0.0.1:${9615 + n}:9615`]);
    assert.deepEqual(service.volumes, [`operator-${n}:/data`, 'spec:/spec:ro']);
    assert.equal(service.depends_on.init.condition, 'service_completed_successfully');
  }
  for (const [name, service] of Object.entries(compose.services)) {
    for (const port of service.ports ?? []) assert.match(port, /^127\.0\.0\.1:/, `${name} publishes ${port} on loopback only`);
  }
});

test('the init step makes the keys testnet.sh makes, for the same operators', () => {
  const keyInserts = (text) => [...text.matchAll(/key insert .*--scheme (\w+) --suri "[^"]+" --key-type (\w+)/g)]
    .map(([, scheme, type]) => `${scheme}:${type}`);
  const script = read('scripts/testnet.sh');
  const init = read('docker/testnet-init.sh');
  assert.deepEqual(keyInserts(init), keyInserts(script));
  assert.ok(keyInserts(script).length >= 2, 'testnet.sh inserts the Aura and GRANDPA keys');
  const operators = script.match(/OPERATORS=\(([^)]*)\)/)[1].toLowerCase().split(/\s+/);
  assert.deepEqual(init.match(/for operator in ([a-z ]+); do/)[1].split(' '), operators);
  assert.match(init, /generate-node-key --file "\$d\/node-key"/);
  assert.match(init, /export-chain-spec --chain local --raw/);
});

test('the SM-DP+ gateway and simulator take every setting smdp-init.sh writes', () => {
  const smdpInit = read('scripts/smdp-init.sh');
  const configKeys = (name) => {
    const json = smdpInit.match(new RegExp(`cat >"\\$dir/${name}" <<JSON\\n([\\s\\S]*?)\\nJSON`))[1];
    return Object.keys(JSON.parse(json.replace(/\$\w+|\$\{\w+\}/g, '0')));
  };
  const flags = (service) => new Set(compose.services[service].command.filter((a) => String(a).startsWith('--')).map((a) => a.slice(2)));
  for (const key of configKeys('gateway.json')) assert.ok(flags('smdp-gateway').has(key), `gateway: --${key}`);
  for (const key of configKeys('sim.json')) assert.ok(flags('smdp-sim').has(key), `simulator: --${key}`);
  // Every flag the files use exists in the binaries' own help.
  for (const [service, binary, sub] of [['smdp-gateway', 'gesim-smdp-gateway', []], ['smdp-sim', 'gesim-smdp-sim', ['serve']]]) {
    const help = execFileSync(join(BIN_DIR, binary), [...sub, '--help'], { encoding: 'utf8' });
    for (const flag of flags(service)) assert.ok(help.includes(`--${flag} `), `${binary} has --${flag}`);
  }
});

test('the systemd unit runs testnet.sh\'s flags and verifies', () => {
  const unit = read('docker/gesim-node.service');
  const execStart = unit.match(/^ExecStart=([\s\S]*?[^\\])$/m)[1].replace(/\\\n\s*/g, ' ').split(/\s+/);
  assert.equal(execStart[0], '/usr/local/bin/gesim-node');
  const flags = pairs(execStart.slice(1).filter((a) => a !== '$GESIM_NODE_ARGS'));
  const onHost = {
    '--chain': '/etc/gesim/chain-spec.json', '--base-path': '/var/lib/gesim', '--node-key-file': '/var/lib/gesim/node-key',
    '--port': '30333', '--rpc-port': '9944', '--prometheus-port': '9615', '--name': '%H',
  };
  const expected = scriptArgs(1).map(([flag, value]) => [flag, onHost[flag] ?? value]);
  assert.deepEqual(new Map(flags), new Map(expected));
  // Verified with the built binary in place of /usr/local/bin's.
  const copy = join(testnetDir, 'gesim-node.service');
  writeFileSync(copy, unit.replaceAll('/usr/local/bin/gesim-node', join(BIN_DIR, 'gesim-node')));
  execFileSync('systemd-analyze', ['verify', copy], { stdio: 'pipe' });
  const security = execFileSync('systemd-analyze', ['security', '--offline=true', copy], { encoding: 'utf8' });
  const exposure = Number(security.match(/Overall exposure level for [^:]+: ([\d.]+)/)[1]);
  assert.ok(exposure <= 2, `exposure ${exposure} (systemd-analyze security)`);
});
