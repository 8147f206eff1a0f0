// A hostile or broken sites file still ends in one clear ConfigError: never a hang, a stack
// overflow or a message too long to read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadScanConfig, parseScanConfig } from '../../src/config/load.ts';
import { MAX_LISTED_PROBLEMS } from '../../src/config/errors.ts';
import { MAX_INPUT_FILE_BYTES } from '../../src/config/input-file.ts';
import { loadTrustStore } from '../../src/config/trust-store.ts';
import { FILE, rejection } from './config-helpers.ts';
import { CHECKS } from '../../src/checks/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'config-limits-'));

test('100,000 nested arrays are one problem, not a stack overflow', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const err = rejection(() => parseScanConfig(CHECKS, `{ "sites": ${deep} }`, FILE, {}));
  assert.equal(err.problems.length, 1);
  assert.match(err.problems[0]!, /^the file could not be validated: RangeError: Maximum call stack size exceeded$/);
});

test('hundreds of thousands of problems across fields are each listed, not a stack overflow', () => {
  const flows = Array.from({ length: 300_000 }, (_, i) => ({ name: `f${i}`, after: 'nobody', steps: [] }));
  const err = rejection(() =>
    parseScanConfig(CHECKS, JSON.stringify({ sites: [{ name: 'a', url: 'https://a.test/', flows }] }), FILE, {}),
  );
  assert.equal(err.problems.length, 300_000);
  assert.equal(err.problems[0], '$.sites[0].flows[0].after: no flow named "nobody" in this site');
});

test('a sites file over the size limit is refused before it is read', () => {
  const file = path.join(dir, 'huge.json');
  writeFileSync(file, `{ "sites": [], "pad": "${'x'.repeat(MAX_INPUT_FILE_BYTES)}" }`);
  const err = rejection(() => loadScanConfig(CHECKS, file, {}));
  assert.deepEqual(err.problems, ['cannot read the sites file: it is 10.0 MB, over the 10 MB limit']);
});

test('a directory or a device as the sites file, or a directory as the ca file, is named as such', () => {
  assert.deepEqual(rejection(() => loadScanConfig(CHECKS, dir, {})).problems, [
    'cannot read the sites file: it is a directory, not a regular file',
  ]);
  assert.deepEqual(rejection(() => loadScanConfig(CHECKS, '/dev/null', {})).problems, [
    'cannot read the sites file: it is a device, not a regular file',
  ]);
  assert.deepEqual(rejection(() => loadTrustStore(dir)).problems, [
    '$.ca: cannot read the CA file: it is a directory, not a regular file',
  ]);
});

test('the message lists the first problems and counts the rest', () => {
  const sites = Array.from({ length: 60 }, (_, i) => ({ name: `s${i}`, url: `http://s${i}.test/` }));
  const err = rejection(() => parseScanConfig(CHECKS, JSON.stringify({ sites }), FILE, {}));
  assert.equal(err.problems.length, 60);
  const lines = err.message.split('\n');
  assert.equal(lines[0], `${FILE}: 60 problems`);
  assert.equal(lines.length, 1 + MAX_LISTED_PROBLEMS + 1);
  assert.equal(lines.at(-1), '  ... and 10 more problems');
});

test('millions of syntax errors: the first are listed with line and column, the rest counted', () => {
  const err = rejection(() => parseScanConfig(CHECKS, `{ "sites": [1${' 1'.repeat(1_000_000)}] }`, FILE, {}));
  assert.equal(err.problems.length, MAX_LISTED_PROBLEMS);
  assert.match(err.problems[0]!, /^not valid JSON: CommaExpected at line 1, column 15$/);
  assert.match(err.message, /^\/x\/sites\.json: 1000000 problems\n/);
  assert.match(err.message, /\n {2}\.\.\. and 999950 more problems$/);
});

test('a problem line quoting a huge field name is shortened', () => {
  const err = rejection(() =>
    parseScanConfig(CHECKS, JSON.stringify({ sites: [], ['k'.repeat(100_000)]: 1 }), FILE, {}),
  );
  for (const line of err.message.split('\n')) assert.ok(line.length <= 510, `line of ${line.length} characters`);
});
