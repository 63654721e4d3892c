// The period of a batch, read from the records file the prover reads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { periodOf, recordsPeriod } from '../src/records.mjs';

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

test('files the period cannot be read from are refused, naming the place', () => {
  assert.throws(() => recordsPeriod(file('empty.csv', `${HEADER}\n`)), /no records/);
  assert.throws(() => recordsPeriod(file('nohead.csv', 'binding_id,duration_secs\n1,2\n')), /nohead\.csv: line 1: no `session_start` column/);
  assert.throws(() => recordsPeriod(file('bad.csv', `${HEADER}\n1,soon,30,1,1,208,01\n`)), /bad\.csv: line 2: session_start `soon`/);
  assert.throws(() => recordsPeriod(file('bad.json', '{"records": []}')), /not a JSON array/);
  assert.throws(() => recordsPeriod(file('big.json', '[{"session_start": 18446744073709551615, "duration_secs": 1}]')), /record 0: session_start is not an integer below 2\^53/);
});
