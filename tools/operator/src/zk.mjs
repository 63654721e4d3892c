// gesim-zk, the prover, run as a child process: where to find it, which circuit a proving
// key belongs to, and the JSON its `commit` and `prove` commands print or write.
import { execFile } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readFileSync, readSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { homedir } from 'node:os';

/**
 * gesim-zk circuit names, the chain's `CircuitId` variants (same order: SCALE index, the byte
 * after a `.pk` header) and batch sizes. The usage-sum circuits are retired (`legacy`): their
 * proofs bind nothing but the sum, and the chain refuses to anchor under them
 * (`metering.CircuitSuperseded`); their ids stay so that old keys are named, not misread.
 */
export const CIRCUITS = [
  { name: 'usage-sum-64', chain: 'UsageSum64', batchSize: 64, legacy: true },
  { name: 'usage-sum-256', chain: 'UsageSum256', batchSize: 256, legacy: true },
  { name: 'usage-sum-1024', chain: 'UsageSum1024', batchSize: 1024, legacy: true },
  { name: 'eid', chain: 'EidPossession', batchSize: null, legacy: false },
  { name: 'usage-64', chain: 'Usage64', batchSize: 64, legacy: false },
  { name: 'usage-256', chain: 'Usage256', batchSize: 256, legacy: false },
  { name: 'usage-1024', chain: 'Usage1024', batchSize: 1024, legacy: false },
];

/** The live circuit that replaces a retired one: the usage circuit of the same batch size. */
const successor = (circuit) => CIRCUITS.find((c) => !c.legacy && c.batchSize === circuit.batchSize);

/** A live circuit by its gesim-zk name (`--circuit`): keys are made and registered for these only. */
export function circuitNamed(name) {
  const live = CIRCUITS.filter((c) => !c.legacy);
  const circuit = CIRCUITS.find((c) => c.name === name);
  if (!circuit) throw new Error(`--circuit: unknown circuit \`${name}\` (${live.map((c) => c.name).join(', ')})`);
  if (circuit.legacy) throw new Error(`--circuit: ${name} is retired; its successor is ${successor(circuit).name}`);
  return circuit;
}

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The gesim-zk binary: `explicit` (--gesim-zk), else $GESIM_ZK, else `gesim-zk` on PATH, else
 * the shared cargo target directory the scripts build into.
 */
export function findGesimZk(explicit, env = process.env) {
  const given = explicit ?? env.GESIM_ZK;
  if (given) {
    if (!isExecutable(given)) throw new Error(`gesim-zk: ${given} is not an executable file`);
    return given;
  }
  const candidates = [
    ...(env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'gesim-zk')),
    ...(env.CARGO_TARGET_DIR ? [join(env.CARGO_TARGET_DIR, 'debug', 'gesim-zk')] : []),
    join(env.HOME ?? homedir(), '.cache', 'gesim', 'target', 'debug', 'gesim-zk'),
  ];
  const found = candidates.find(isExecutable);
  if (!found) {
    throw new Error('gesim-zk not found: pass --gesim-zk or set GESIM_ZK (build it with `./scripts/dev.sh` or `cargo build --locked --workspace --bins --tests`)');
  }
  return found;
}

/**
 * The circuit of a proving key, from its header (`b"GESIMPK1"` then the circuit id as one
 * SCALE byte; see zk-circuits/src/keys.rs): the batch size and the chain's key follow from it,
 * without loading megabytes of key.
 */
export function circuitOfKey(pk) {
  const header = Buffer.alloc(9);
  let fd;
  try {
    fd = openSync(pk, 'r');
    if (readSync(fd, header, 0, 9, 0) < 9) throw new Error('too short');
  } catch (e) {
    throw new Error(`--pk: cannot read ${pk}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header.subarray(0, 8).toString('latin1') !== 'GESIMPK1') {
    throw new Error(`--pk: ${pk} is not a gesim-zk proving key (written by \`gesim-zk setup\`)`);
  }
  const circuit = CIRCUITS[header[8]];
  if (!circuit) throw new Error(`--pk: ${pk} names an unknown circuit (id ${header[8]})`);
  return circuit;
}

/** A live usage circuit's proving key, or an error: EID keys prove something else, and retired keys nothing the chain takes. */
export function usageCircuitOfKey(pk) {
  const circuit = circuitOfKey(pk);
  if (!circuit.batchSize) throw new Error(`--pk: ${pk} is a key of the ${circuit.name} circuit, not a usage circuit`);
  if (circuit.legacy) {
    const next = successor(circuit).name;
    throw new Error(
      `--pk: ${pk} is a key of the retired ${circuit.name} circuit, which the chain no longer anchors under `
      + `(metering.CircuitSuperseded): use a ${next} key (\`gesim-zk setup --circuit ${next}\`, registered with propose-key)`,
    );
  }
  return circuit;
}

/**
 * Runs `gesim-zk args…`; resolves with its stdout parsed as JSON. A failure rejects with
 * gesim-zk's own `error:` line, which names the file and line at fault.
 */
export function runGesimZk(zk, args) {
  return new Promise((resolve, reject) => {
    execFile(zk, args, { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) {
        if (error.code === 'ENOENT' || error.code === 'EACCES') {
          return reject(new Error(`gesim-zk: cannot run ${zk}: ${error.code}`));
        }
        const line = stderr.split('\n').find((l) => l.startsWith('error: ')) ?? stderr.trim().split('\n').pop();
        return reject(new Error(`gesim-zk ${args[0]}: ${(line || `exit ${error.code}`).replace(/^error: /, '')}`));
      }
      try {
        resolve(stdout.trim() ? JSON.parse(stdout) : {});
      } catch {
        reject(new Error(`gesim-zk ${args[0]}: unexpected output (not JSON)`));
      }
    });
  });
}

/** `gesim-zk commit` in the batch size of the key's circuit: the root must match what `prove` uses. */
export function commit(zk, { records, batchSize }) {
  return runGesimZk(zk, ['commit', '--records', records, '--batch-size', String(batchSize)]);
}

/**
 * A subject's binding id: an entitlement's id, or 2^64 + a roaming agreement's id. It is the
 * `agreement_id` of the binding hash, and every record of a batch carries it as `binding_id`.
 */
export function bindingAgreement(subject) {
  return 'Entitlement' in subject ? BigInt(subject.Entitlement) : (1n << 64n) + BigInt(subject.Roaming);
}

/**
 * A PLMN identity as gesim-zk's `--networks` takes it, `MCC-MNC` with the MNC as wide as it is
 * registered (`208-01`, `310-260`), from the three TS 24.008 octets the chain stores
 * (`MCC2 MCC1 | MNC3 MCC3 | MNC2 MNC1`, MNC3 = F for a two-digit MNC): bytes, or their hex.
 */
export function plmnName(octets) {
  const bytes = typeof octets === 'string' ? Buffer.from(octets.replace(/^0x/i, ''), 'hex') : Uint8Array.from(octets);
  const hex = Buffer.from(bytes).toString('hex');
  if (bytes.length !== 3) throw new Error(`PLMN 0x${hex}: not three octets`);
  const [a, b, c] = bytes;
  const mcc = [a & 0xf, a >> 4, b & 0xf];
  const mnc = [c & 0xf, c >> 4, ...(b >> 4 === 0xf ? [] : [b >> 4])];
  if ([...mcc, ...mnc].some((digit) => digit > 9) || mcc.every((digit) => digit === 0)) {
    throw new Error(`PLMN 0x${hex}: not a TS 24.008 PLMN identity`);
  }
  return `${mcc.join('')}-${mnc.join('')}`;
}

/**
 * `gesim-zk prove`, bound to `telco` (AccountId32 hex), `agreement` (the subject's binding id)
 * and `genesisHash`, for the `period` anchored (`{ start, end }`, Unix seconds) and the
 * invoicing operator's `networks` (`MCC-MNC`, in the order the chain stores them); writes the
 * proof JSON to `out` and resolves with its content.
 */
export async function prove(zk, { pk, records, nonce, telco, agreement, genesisHash, period, networks, out }) {
  if (networks.length === 0) throw new Error('no serving networks: the operator has no PLMN registered');
  await runGesimZk(zk, [
    'prove', '--pk', pk, '--records', records, '--nonce', String(nonce),
    '--telco', telco, '--agreement', String(agreement), '--genesis-hash', genesisHash,
    '--period-start', String(period.start), '--period-end', String(period.end), '--networks', networks.join(','),
    '--out', out,
  ]);
  return readProof(out);
}

/** A gesim-zk usage proof file, checked to carry the `UsageClaim` encoding the chain takes. */
export function readProof(file) {
  let proof;
  try {
    proof = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`--proof: cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  const claim = proof?.scale?.claim;
  if (typeof claim !== 'string' || !/^0x[0-9a-f]{544}$/i.test(claim)) {
    throw new Error(`--proof: ${file} has no usage claim (scale.claim): not a \`gesim-zk prove\` output`);
  }
  return proof;
}

/** The plain fields of a SCALE `UsageClaim` (total_bytes u64 LE ‖ nonce u64 LE ‖ proof [u8; 256]). */
export function decodeClaim(hex) {
  const bytes = Buffer.from(hex.slice(2), 'hex');
  return { totalBytes: bytes.readBigUInt64LE(0), nonce: bytes.readBigUInt64LE(8), proof: `0x${bytes.subarray(16).toString('hex')}` };
}
