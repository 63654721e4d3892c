// The usage records file (CDRs) as the operator sees it: what the chain needs besides the
// root (the period the batch covers), and what the proof needs of every record (the subject's
// binding id, one of the operator's networks). gesim-zk reads and validates the same file;
// this reads `binding_id`, `session_start`, `duration_secs`, `mcc` and `mnc`, with the same
// two formats: CSV with the header `binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc`,
// or a `.json` array of objects with those keys.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

const U64_MAX = (1n << 64n) - 1n;

const unquote = (text) => String(text).trim().replace(/^"(.*)"$/, '$1').trim();

/** A value of `column` as a u64, or an error naming the file and where. */
function u64(text, file, where, column) {
  const digits = unquote(text);
  if (!/^\d+$/.test(digits) || BigInt(digits) > U64_MAX) {
    throw new Error(`${file}: ${where}: ${column} \`${text}\` is not an unsigned integer`);
  }
  return BigInt(digits);
}

/**
 * A binding id, exact whatever its size (a roaming agreement's is above 2^64), or an error
 * naming the file and where.
 */
function bindingId(text, file, where) {
  const digits = unquote(text);
  if (!/^\d+$/.test(digits)) throw new Error(`${file}: ${where}: binding_id \`${text}\` is not an unsigned integer`);
  return BigInt(digits);
}

/**
 * `[{ where, bindingId, sessionStart, durationSecs, network }]` of every record in `file`:
 * numbers as BigInt, `where` the line (CSV) or index (JSON) for messages, `network` the
 * serving network as written, `MCC-MNC`. `bindingId` is null where a JSON number past 2^53 has
 * lost its digits already.
 */
export function readRecords(file) {
  const text = readFileSync(file, 'utf8');
  return extname(file).toLowerCase() === '.json' ? jsonRecords(file, text) : csvRecords(file, text);
}

const COLUMNS = ['binding_id', 'session_start', 'duration_secs', 'mcc', 'mnc'];

function csvRecords(file, text) {
  // Blank lines are skipped, as the csv crate gesim-zk uses does; line numbers stay true.
  const lines = text.split(/\r?\n/).map((line, i) => ({ line: i + 1, text: line })).filter((l) => l.text.trim());
  if (lines.length === 0) throw new Error(`${file}: empty file`);
  const header = lines[0].text.split(',').map(unquote);
  const [binding, start, duration, mcc, mnc] = COLUMNS.map((name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`${file}: line 1: no \`${name}\` column in the header`);
    return at;
  });
  return lines.slice(1).map(({ line, text: row }) => {
    const cells = row.split(',');
    const where = `line ${line}`;
    return {
      where,
      bindingId: bindingId(cells[binding] ?? '', file, where),
      sessionStart: u64(cells[start] ?? '', file, where, 'session_start'),
      durationSecs: u64(cells[duration] ?? '', file, where, 'duration_secs'),
      network: `${unquote(cells[mcc] ?? '')}-${unquote(cells[mnc] ?? '')}`,
    };
  });
}

function jsonRecords(file, text) {
  let rows;
  try {
    rows = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${e.message}`);
  }
  if (!Array.isArray(rows)) throw new Error(`${file}: not a JSON array of records`);
  return rows.map((row, i) => {
    const where = `record ${i}`;
    // JSON numbers past 2^53 have lost digits already; refuse rather than guess.
    for (const key of ['session_start', 'duration_secs']) {
      if (!Number.isSafeInteger(row?.[key])) throw new Error(`${file}: ${where}: ${key} is not an integer below 2^53`);
    }
    // A binding id past 2^53 (any roaming one) cannot be read exact from a JSON number: it is
    // left to gesim-zk, which reads the file itself.
    const binding = row.binding_id;
    const exact = typeof binding === 'string' || Number.isSafeInteger(binding);
    return {
      where,
      bindingId: exact ? bindingId(binding, file, where) : null,
      sessionStart: u64(row.session_start, file, where, 'session_start'),
      durationSecs: u64(row.duration_secs, file, where, 'duration_secs'),
      network: `${String(row.mcc ?? '').trim()}-${String(row.mnc ?? '').trim()}`,
    };
  });
}

/**
 * Refuses a batch that cannot be proved for `binding` (the subject's binding id) on `networks`
 * (the invoicing operator's, `MCC-MNC`), naming the first record at fault: the circuit takes
 * only records of the subject, served on one of the operator's networks. Checked before
 * anchoring, as an anchor that cannot be proved holds the subject's usage clock until it is
 * discarded.
 */
export function checkRecords(file, records, { binding, networks }) {
  for (const { where, bindingId: id, network } of records) {
    if (id !== null && id !== BigInt(binding)) {
      throw new Error(`${file}: ${where}: binding_id ${id} is not the subject's binding id ${binding} (an entitlement's id, or 2^64 + a roaming agreement's id)`);
    }
    if (!networks.includes(network)) {
      throw new Error(`${file}: ${where}: network ${network} is not one of this operator's registered networks (${networks.join(', ')})`);
    }
  }
}

/**
 * The period a batch covers, in Unix seconds: from the earliest session start to the latest
 * session end (start + duration), whatever the order of the records.
 */
export function periodOf(sessions) {
  if (sessions.length === 0) throw new Error('no records: nothing to anchor');
  let start = sessions[0].sessionStart;
  let end = 0n;
  for (const { sessionStart, durationSecs } of sessions) {
    if (sessionStart < start) start = sessionStart;
    if (sessionStart + durationSecs > end) end = sessionStart + durationSecs;
  }
  if (end > U64_MAX) throw new Error('a session ends after 2^64 − 1 seconds');
  return { start, end };
}

/** `{ period: { start, end }, records }` of a records file. */
export function recordsPeriod(file) {
  const sessions = readRecords(file);
  return { period: periodOf(sessions), records: sessions.length };
}
