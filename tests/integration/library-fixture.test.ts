// The security fixture inside a Playwright suite of this repository (tests/library/), against
// the lab: what it records and how its matchers fail. Each Playwright test pins the failure it
// expects, so all of them must pass.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserLab, type BrowserLab } from '../../lab/browser-lab.ts';
import { runScan } from '../../lab/run-scan.ts';
import { good } from '../../lab/sites/good.ts';
import { hsts } from '../../lab/sites/redirects.ts';
import { mixedContent } from '../../lab/sites/mixed-content.ts';
import { cookies } from '../../lab/sites/cookies.ts';
import { keyReuseExpired } from '../../lab/sites/key-reuse.ts';

interface JsonSuite {
  specs: { title: string; tests: { results: { status: string; errors: { message?: string }[] }[] }[] }[];
  suites?: JsonSuite[];
}
interface JsonReport {
  suites: JsonSuite[];
}

/** Every spec, those inside describe blocks too. */
const allSpecs = (suites: JsonSuite[]): JsonSuite['specs'] =>
  suites.flatMap((s) => [...s.specs, ...allSpecs(s.suites ?? [])]);

let dir: string;
let env: BrowserLab;
let report: JsonReport;
let output: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'library-fixture-'));
  env = await startBrowserLab([good, hsts, mixedContent, cookies, keyReuseExpired], path.join(dir, 'lab'));
  const labFile = path.join(dir, 'lab.json');
  const { lab: _running, ...described } = env;
  writeFileSync(labFile, JSON.stringify(described));
  const reportFile = path.join(dir, 'report.json');
  const run = await runScan(
    ['-c', 'tests/library/playwright.config.ts', '--reporter=json', `--output=${path.join(dir, 'test-results')}`],
    {
      LIBRARY_LAB: labFile,
      PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile,
    },
  );
  output = run.output;
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
});

after(async () => {
  await env?.lab.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('every test of the security fixture passes (each pins the failure its matcher must report)', () => {
  const specs = allSpecs(report.suites);
  assert.equal(specs.length, 9, output.slice(-3000));
  const failed = specs
    .map((spec) => ({ spec, result: spec.tests[0]!.results[0]! }))
    .filter(({ result }) => result.status !== 'passed')
    .map(({ spec, result }) => `${spec.title}: ${result.status}\n${result.errors.map((e) => e.message).join('\n')}`);
  assert.deepEqual(failed, []);
});
