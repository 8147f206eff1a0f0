// The gate's exit codes, on summaries as the scan writes them and on what it never wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gate } from '../../src/report/gate.ts';

const totals = (failed: number, error: number) => ({ totals: { passed: 3, failed, warning: 1, error, skipped: 0 } });

test('0 clean, 1 findings (even with unmeasured checks), 3 could not measure only, 2 no summary', () => {
  assert.equal(gate(totals(0, 0)).code, 0);
  assert.equal(gate(totals(2, 1)).code, 1);
  assert.match(gate(totals(2, 1)).message, /2 check\(s\) failed .*; 1 check\(s\) could not measure/);
  assert.equal(gate(totals(0, 4)).code, 3);
  assert.equal(gate({ version: 1 }).code, 2);
  assert.equal(gate(null).code, 2);
});

test('the command: reads the file named, says why, exits with the code', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gate-'));
  const run = (file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gate.ts', file], { encoding: 'utf8' });
  writeFileSync(path.join(dir, 'ok.json'), JSON.stringify(totals(0, 0)));
  writeFileSync(path.join(dir, 'down.json'), JSON.stringify(totals(0, 2)));
  assert.equal(run(path.join(dir, 'ok.json')).status, 0);
  const down = run(path.join(dir, 'down.json'));
  assert.equal(down.status, 3);
  assert.match(down.stderr, /gate: no failing finding, but 2 check\(s\) could not measure .* -> exit 3/);
  const missing = run(path.join(dir, 'missing.json'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /gate: cannot read .*missing\.json/);
});
