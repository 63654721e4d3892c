// The period of a batch, and what the proof needs of every record, read from the records
// file the prover reads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRecords, periodOf, readRecords, recordsPeriod } from '../src/records.mjs';

const dir = mkdtempSync(join(tmpdir(), 'gesim-operator-records-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc';

function file(name, text) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('the period runs from the earliest start to the latest end, in any record order', () => {
  const csv = file('usage.csv', [
    HEADER,
    '7,1767225900,30,100,2000,208,01',
    '7,1767225600,600,300,4000,208,01', // earliest start, and it ends last: 1767226200
    '7,1767226100,45,10,20,262,001', // latest start, ends at 1767226145
  ].join('\n'));
  assert.deepEqual(recordsPeriod(csv), { period: { start: 1767225600n, end: 1767226200n }, records: 3 });
});

test('CRLF, blank lines, spaces and another column order are read as gesim-zk reads them', () => {
  const csv = file('crlf.csv', [
    'mnc, mcc, duration_secs, session_start, bytes_down, bytes_up, binding_id',
    '',
    '01, 208, 60, 1767225600, 5, 6, 1',
    '01, 208, 0, 1767229200, 5, 6, 1',
    '',
  ].join('\r\n'));
  assert.deepEqual(recordsPeriod(csv), { period: { start: 1767225600n, end: 1767229200n }, records: 2 });
});

test('JSON records files', () => {
  const json = file('usage.json', JSON.stringify([
    { binding_id: 1, session_start: 1767225600, duration_secs: 60, bytes_up: 10, bytes_down: 20, mcc: '262', mnc: '001' },
    { binding_id: 1, session_start: 1767225500, duration_secs: 30, bytes_up: 10, bytes_down: 20, mcc: '262', mnc: '001' },
  ]));
  assert.deepEqual(recordsPeriod(json), { period: { start: 1767225500n, end: 1767225660n }, records: 2 });
});

test('u64 values stay exact', () => {
  const max = (1n << 64n) - 1n;
  assert.deepEqual(periodOf([{ sessionStart: max - 10n, durationSecs: 10n }]), { start: max - 10n, end: max });
  assert.throws(() => periodOf([{ sessionStart: max, durationSecs: 1n }]), /after 2\^64/);
});

// A roaming agreement's binding id: 2^64 + its id, past what a JSON number keeps exact.
const ROAMING_7 = '18446744073709551623';

test('binding ids past 2^53 and 2^64 are read exact from CSV, and from JSON decimal strings', () => {
  const csv = file('roaming.csv', `${HEADER}\n${ROAMING_7},1767225600,60,1,2,208,01\n"${ROAMING_7}",1767225700,60,1,2,310,260\n`);
  assert.deepEqual(recordsPeriod(csv), { period: { start: 1767225600n, end: 1767225760n }, records: 2 });
  assert.deepEqual(readRecords(csv).map((r) => [r.where, r.bindingId, r.network]), [
    ['line 2', 18446744073709551623n, '208-01'],
    ['line 3', 18446744073709551623n, '310-260'],
  ]);
  // Written as text: JSON.stringify would round 2^53 + 1 before the file ever had it.
  const json = file('roaming.json', `[${[`"${ROAMING_7}"`, '9007199254740993'].map((id) => (
    `{"binding_id": ${id}, "session_start": 1767225600, "duration_secs": 60, "bytes_up": 1, "bytes_down": 2, "mcc": "208", "mnc": "01"}`
  )).join(',')}]`);
  // A JSON number past 2^53 has lost its digits when read: not guessed, left to gesim-zk.
  assert.deepEqual(readRecords(json).map((r) => r.bindingId), [18446744073709551623n, null]);
  assert.equal(recordsPeriod(json).records, 2);
});

test('a batch of another subject, or served on a network the operator has not registered, is refused', () => {
  const records = readRecords(file('check.csv', [
    HEADER,
    `${ROAMING_7},1767225600,60,1,2,208,01`,
    `${ROAMING_7},1767225700,60,1,2,208,001`, // 001 is not 01
    '7,1767225800,60,1,2,208,01', // entitlement 7, not roaming agreement 7
  ].join('\n')));
  const networks = ['208-01', '310-260'];
  checkRecords('check.csv', records.slice(0, 1), { binding: 18446744073709551623n, networks });
  assert.throws(
    () => checkRecords('check.csv', records, { binding: 18446744073709551623n, networks }),
    /^Error: check\.csv: line 3: network 208-001 is not one of this operator's registered networks \(208-01, 310-260\)$/,
  );
  assert.throws(
    () => checkRecords('check.csv', [records[0], records[2]], { binding: 18446744073709551623n, networks }),
    /check\.csv: line 4: binding_id 7 is not the subject's binding id 18446744073709551623/,
  );
});

test('files the period cannot be read from are refused, naming the place', () => {
  assert.throws(() => recordsPeriod(file('empty.csv', `${HEADER}\n`)), /no records/);
  assert.throws(() => recordsPeriod(file('nohead.csv', 'binding_id,duration_secs\n1,2\n')), /nohead\.csv: line 1: no `session_start` column/);
  assert.throws(() => recordsPeriod(file('bad.csv', `${HEADER}\n1,soon,30,1,1,208,01\n`)), /bad\.csv: line 2: session_start `soon`/);
  assert.throws(() => recordsPeriod(file('nomnc.csv', 'binding_id,session_start,duration_secs,mcc\n1,2,3,208\n')), /line 1: no `mnc` column/);
  assert.throws(() => recordsPeriod(file('neg.csv', `${HEADER}\n-7,1767225600,30,1,1,208,01\n`)), /neg\.csv: line 2: binding_id `-7`/);
  assert.throws(() => recordsPeriod(file('bad.json', '{"records": []}')), /not a JSON array/);
  assert.throws(() => recordsPeriod(file('big.json', '[{"session_start": 18446744073709551615, "duration_secs": 1}]')), /record 0: session_start is not an integer below 2\^53/);
});
