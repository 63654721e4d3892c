// Command-line parsing: everything that can be refused without a chain or a prover is
// refused here, before anything connects or proves.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { circuitNamed } from './zk.mjs';

export const USAGE = `gesim-operator: anchor usage commitments and settle usage claims on GeSIM

Usage:
  gesim-operator anchor  --records <csv|json> (--entitlement <id> | --agreement <id>) --pk <usage .pk>
                         --nonce <n> [--key-version 1]
  gesim-operator settle  --records <csv|json> (--entitlement <id> | --agreement <id>) --pk <usage .pk>
                         --nonce <n> [--proof-out <file>]
  gesim-operator claim   --records <csv|json> (--entitlement <id> | --agreement <id>) --pk <usage .pk>
                         --nonce <n> [--key-version 1] [--proof-out <file>]
  gesim-operator submit-proof --proof <gesim-zk proof json>
  gesim-operator submit-batch --proof <gesim-zk proof json> [--proof <…> …]   (at most 16)
  gesim-operator release-held --nonce <n> [--telco <address>]
  gesim-operator propose-key  --vk <file> --circuit usage-64|usage-256|usage-1024|eid --key-version <n>
                              [--threshold <members>]

Common options:
  --ws <url>          node to talk to (env GESIM_WS; default ws://127.0.0.1:9944)
  --suri <uri>        the operator's (or council member's) secret URI (env GESIM_SURI)
  --gesim-zk <path>   the prover (env GESIM_ZK; default gesim-zk on PATH, then
                      $CARGO_TARGET_DIR/debug/gesim-zk, then ~/.cache/gesim/target/debug/gesim-zk)
  -h, --help          this text

Each command prints one JSON object on stdout. A failure prints one line \`error: …\` on
stderr (with the runtime's error name, e.g. metering.NonceConsumed) and exits 1; a bad
command line exits 2.`;

/** Claims one `metering.settleUsageBatch` carries at most (the runtime's `MaxSettlementBatch`). */
export const MAX_SETTLEMENT_BATCH = 16;

/** A command line the tool refuses; exits 2. */
export class UsageError extends Error {}

const OPTIONS = {
  ws: { type: 'string' },
  suri: { type: 'string' },
  'gesim-zk': { type: 'string' },
  records: { type: 'string' },
  entitlement: { type: 'string' },
  agreement: { type: 'string' },
  pk: { type: 'string' },
  'key-version': { type: 'string' },
  nonce: { type: 'string' },
  'proof-out': { type: 'string' },
  proof: { type: 'string', multiple: true },
  vk: { type: 'string' },
  circuit: { type: 'string' },
  threshold: { type: 'string' },
  telco: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Which options each command takes, and which of them it needs. */
const COMMANDS = {
  anchor: { takes: ['records', 'entitlement', 'agreement', 'pk', 'key-version', 'nonce'], needs: ['records', 'pk', 'nonce'] },
  settle: { takes: ['records', 'entitlement', 'agreement', 'pk', 'nonce', 'proof-out'], needs: ['records', 'pk', 'nonce'] },
  claim: {
    takes: ['records', 'entitlement', 'agreement', 'pk', 'key-version', 'nonce', 'proof-out'],
    needs: ['records', 'pk', 'nonce'],
  },
  'submit-proof': { takes: ['proof'], needs: ['proof'] },
  'submit-batch': { takes: ['proof'], needs: ['proof'] },
  'release-held': { takes: ['nonce', 'telco'], needs: ['nonce'] },
  'propose-key': { takes: ['vk', 'circuit', 'key-version', 'threshold'], needs: ['vk', 'circuit', 'key-version'] },
};
const COMMON = ['ws', 'suri', 'gesim-zk', 'help'];

/** An unsigned integer of at most `bits` bits, from decimal text. */
function unsigned(flag, text, bits) {
  if (!/^\d+$/.test(text) || BigInt(text) >= 1n << BigInt(bits)) {
    throw new UsageError(`--${flag}: \`${text}\` is not an unsigned ${bits}-bit integer`);
  }
  return BigInt(text);
}

function existingFile(flag, path) {
  if (!existsSync(path)) throw new UsageError(`--${flag}: no such file: ${path}`);
  return path;
}

/**
 * `{ command, options }` from `argv` (without node and the script), `{ help: true }` for
 * --help, or a `UsageError`. Numbers come back as BigInt; the subject as `{ Entitlement: id }`
 * or `{ Roaming: id }`, as the chain takes it.
 */
export function parseCommandLine(argv, env = process.env) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e.message.split(/\n|\. To specify/)[0]);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { help: true };
  const [command, ...extra] = positionals;
  if (!command) throw new UsageError(`no command given (${Object.keys(COMMANDS).join(', ')}); see --help`);
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command \`${command}\` (${Object.keys(COMMANDS).join(', ')})`);
  if (extra.length) throw new UsageError(`unexpected argument \`${extra[0]}\``);
  for (const flag of Object.keys(values)) {
    if (!spec.takes.includes(flag) && !COMMON.includes(flag)) throw new UsageError(`${command} does not take --${flag}`);
  }
  for (const flag of spec.needs) {
    if (values[flag] === undefined) throw new UsageError(`${command} needs --${flag}`);
  }

  const options = {
    ws: values.ws ?? (env.GESIM_WS || 'ws://127.0.0.1:9944'),
    suri: values.suri ?? env.GESIM_SURI,
    gesimZk: values['gesim-zk'],
  };
  if (!options.suri) throw new UsageError('--suri (or GESIM_SURI) is needed: the secret URI of the signing account');
  if (!/^wss?:\/\//.test(options.ws)) throw new UsageError(`--ws: \`${options.ws}\` is not a ws:// or wss:// URL`);

  if (spec.takes.includes('entitlement')) {
    const { entitlement, agreement } = values;
    if ((entitlement === undefined) === (agreement === undefined)) {
      throw new UsageError(`${command} needs exactly one of --entitlement <id> and --agreement <id>`);
    }
    options.subject = entitlement !== undefined
      ? { Entitlement: Number(unsigned('entitlement', entitlement, 32)) }
      : { Roaming: Number(unsigned('agreement', agreement, 32)) };
  }
  if (values.records !== undefined) options.records = existingFile('records', values.records);
  if (values.pk !== undefined) options.pk = existingFile('pk', values.pk);
  if (values.proof !== undefined) {
    const proofs = values.proof.map((file) => existingFile('proof', file));
    if (command === 'submit-batch') {
      if (proofs.length > MAX_SETTLEMENT_BATCH) {
        throw new UsageError(`--proof: ${proofs.length} proofs; a batch settles at most ${MAX_SETTLEMENT_BATCH}`);
      }
      options.proofs = proofs;
    } else {
      if (proofs.length > 1) throw new UsageError(`${command} takes one --proof (submit-batch takes several)`);
      [options.proof] = proofs;
    }
  }
  if (values.vk !== undefined) options.vk = existingFile('vk', values.vk);
  if (values.nonce !== undefined) options.nonce = unsigned('nonce', values.nonce, 64);
  if (spec.takes.includes('key-version')) {
    options.keyVersion = Number(unsigned('key-version', values['key-version'] ?? '1', 16));
  }
  if (values.telco !== undefined) options.telco = values.telco;
  if (values['proof-out'] !== undefined) options.proofOut = values['proof-out'];
  if (values.circuit !== undefined) {
    try {
      options.circuit = circuitNamed(values.circuit);
    } catch (e) {
      throw new UsageError(e.message);
    }
  }
  if (values.threshold !== undefined) {
    options.threshold = Number(unsigned('threshold', values.threshold, 32));
    if (options.threshold === 0) throw new UsageError('--threshold: a motion needs at least one vote');
  }
  return { command, options };
}
