#!/usr/bin/env node
// gesim-operator: the operator's command line for usage metering on GeSIM. One JSON object
// on stdout per command; one `error: …` line on stderr and a non-zero exit on failure.
import { USAGE, UsageError, parseCommandLine } from '../src/args.mjs';

// polkadot.js logs what it also reports through its promises (a refused transaction, a lost
// connection) on the console; stderr carries the one `error:` line only, unless debugging.
if (!process.env.GESIM_OPERATOR_DEBUG) {
  for (const method of ['log', 'info', 'warn', 'error', 'debug']) console[method] = () => {};
}

/** Command name -> its function in src/commands.mjs. */
const HANDLERS = { anchor: 'anchor', settle: 'settle', claim: 'claim', 'submit-proof': 'submitProof', 'submit-batch': 'submitBatch', 'release-held': 'releaseHeld', 'propose-key': 'proposeKey' };

/** JSON with BigInt as decimal strings (u64 and u128 never fit a JSON number safely). */
const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2);

function fail(error, code) {
  // One line, whatever the error carried: scripts read the first line of stderr.
  const message = (error?.message ?? String(error)).replace(/\s*\n\s*/g, ' ').trim();
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseCommandLine(process.argv.slice(2));
} catch (e) {
  fail(e, e instanceof UsageError ? 2 : 1);
}
if (parsed.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
try {
  // Loaded only now: a bad command line is answered without loading polkadot.js.
  const commands = await import('../src/commands.mjs');
  const result = await commands[HANDLERS[parsed.command]](parsed.options);
  process.stdout.write(`${json(result)}\n`);
  // polkadot.js may keep timers alive after disconnecting: leave now that the work is done.
  process.exit(0);
} catch (e) {
  fail(e, 1);
}
