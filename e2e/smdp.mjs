// The operator's side of eSIM provisioning for the end-to-end tests: the SM-DP+ simulator and
// the SM-DP+ gateway as real processes (the binaries the workspace builds), a test PKI, and
// the simulator's admin endpoints and test eUICC.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './lib.mjs';

/** Where the workspace's binaries are built. */
export const BIN_DIR = process.env.GESIM_BIN_DIR
  ?? join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/gesim/target'), 'debug');
/** The SM-DP+ simulator, whose `euicc` command is the test eUICC. */
export const SIM = join(BIN_DIR, 'gesim-smdp-sim');
const GATEWAY = join(BIN_DIR, 'gesim-smdp-gateway');
const INIT = fileURLToPath(new URL('../scripts/smdp-init.sh', import.meta.url));

/** Waits until `probe()` resolves truthy, or fails after `ms`. */
async function until(probe, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

/**
 * Starts a simulator and a gateway for the dev chain's operator (Alice) in a fresh directory
 * prepared by `scripts/smdp-init.sh`, as `./scripts/dev.sh` runs them. `base` is the first
 * of four ports (ES2+, ES9+, notifications, metrics).
 */
export async function startSmdp({ node = 'http://127.0.0.1:9944', base = 18443 } = {}) {
  const dir = execFileSync(INIT, [mkdtempSync(join(tmpdir(), 'gesim-smdp-')), node, String(base)], { encoding: 'utf8' }).trim();
  const pki = join(dir, 'pki');
  const [es2, metrics] = [base, base + 3];
  const logs = { sim: '', gateway: '' };

  const sim = spawn(SIM, ['serve', '--config', join(dir, 'sim.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  sim.stderr.on('data', (d) => { logs.sim += d; });
  await until(async () => logs.sim.includes('listening'), 30_000, 'the SM-DP+ simulator');

  let gateway;
  const startGateway = async () => {
    gateway = spawn(GATEWAY, ['--config', join(dir, 'gateway.json')], {
      stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, RUST_LOG: 'info' },
    });
    gateway.stderr.on('data', (d) => { logs.gateway += d; });
    await until(async () => (await fetch(`http://127.0.0.1:${metrics}/metrics`)).ok, 60_000, 'the SM-DP+ gateway');
  };
  await startGateway();

  /** An admin call to the simulator, over mutual TLS with the operator's client certificate. */
  const admin = (method, path, body) => new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: es2, method, path,
      ca: readFileSync(join(pki, 'ca.pem')),
      cert: readFileSync(join(pki, 'operator-client.pem')),
      key: readFileSync(join(pki, 'operator-client.key.pem')),
      servername: 'localhost',
      headers: { 'content-type': 'application/json' },
    }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve(data ? JSON.parse(data) : null));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });

  return {
    dir,
    logs,
    admin,
    /** The operator's inventory, as the gateway keeps it. */
    inventory: () => JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')),
    /** Kills the gateway as a crash would (SIGKILL), and waits until it is gone. */
    killGateway: () => new Promise((resolve) => { gateway.once('exit', resolve); gateway.kill('SIGKILL'); }),
    startGateway,
    /** Runs the simulator's test eUICC on `code`; resolves with its exit code and last lpac-style line. */
    euiccDownload: (code) => new Promise((resolve) => {
      execFile(SIM, ['euicc', 'download', '-a', code, '--ca', join(pki, 'ca.pem')], (error, stdout) => {
        const lines = stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
        resolve({ code: error ? error.code : 0, last: lines.at(-1) });
      });
    }),
    stop: async () => {
      for (const child of [gateway, sim]) {
        if (child.exitCode === null) await new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); });
      }
    },
  };
}
