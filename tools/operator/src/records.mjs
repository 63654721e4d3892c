// The usage records file (CDRs) as the operator sees it: only what the chain needs besides
// the root, the period the batch covers. gesim-zk reads and validates the same file; this
// reads just `session_start` and `duration_secs`, with the same two formats:
// CSV with the header `binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc`,
// or a `.json` array of objects with those keys.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

const U64_MAX = (1n << 64n) - 1n;

/** A value of `column` as a u64, or an error naming the file and where. */
function u64(text, file, where, column) {
  const digits = String(text).trim().replace(/^"(.*)"$/, '$1').trim();
  if (!/^\d+$/.test(digits) || BigInt(digits) > U64_MAX) {
    throw new Error(`${file}: ${where}: ${column} \`${text}\` is not an unsigned integer`);
  }
  return BigInt(digits);
}

/** `[{ sessionStart, durationSecs }]` (BigInt) of every record in `file`. */
export function readSessions(file) {
  const text = readFileSync(file, 'utf8');
  return extname(file).toLowerCase() === '.json' ? jsonSessions(file, text) : csvSessions(file, text);
}

function csvSessions(file, text) {
  // Blank lines are skipped, as the csv crate gesim-zk uses does; line numbers stay true.
  const lines = text.split(/\r?\n/).map((line, i) => ({ line: i + 1, text: line })).filter((l) => l.text.trim());
  if (lines.length === 0) throw new Error(`${file}: empty file`);
  const header = lines[0].text.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  const [start, duration] = ['session_start', 'duration_secs'].map((name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`${file}: line 1: no \`${name}\` column in the header`);
    return at;
  });
  return lines.slice(1).map(({ line, text: row }) => {
    const cells = row.split(',');
    return {
      sessionStart: u64(cells[start] ?? '', file, `line ${line}`, 'session_start'),
      durationSecs: u64(cells[duration] ?? '', file, `line ${line}`, 'duration_secs'),
    };
  });
}

function jsonSessions(file, text) {
  let rows;
  try {
    rows = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${e.message}`);
  }
  if (!Array.isArray(rows)) throw new Error(`${file}: not a JSON array of records`);
  return rows.map((row, i) => {
    // JSON numbers past 2^53 have lost digits already; refuse rather than guess.
    for (const key of ['session_start', 'duration_secs']) {
      if (!Number.isSafeInteger(row?.[key])) throw new Error(`${file}: record ${i}: ${key} is not an integer below 2^53`);
    }
    return {
      sessionStart: u64(row.session_start, file, `record ${i}`, 'session_start'),
      durationSecs: u64(row.duration_secs, file, `record ${i}`, 'duration_secs'),
    };
  });
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
  const sessions = readSessions(file);
  return { period: periodOf(sessions), records: sessions.length };
}
