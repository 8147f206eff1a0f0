// The whole harness against the local test sites: every planted flaw must be reported with
// the right check id, severity and target, nothing else may be reported, and the clean
// site must pass every check. Expectations live beside each planted flaw in lab/sites/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS } from '../../src/checks/index.ts';
import { LAB_SITES } from '../../lab/sites/index.ts';
import type { ExpectedCheck } from '../../lab/types.ts';
import { scanLab, type LabScan, type SummaryCheck } from '../../lab/run-scan.ts';

let scan: LabScan;

before(async () => {
  scan = await scanLab();
});
after(async () => {
  await scan?.lab.close();
});

function checkResult(site: string, id: string): SummaryCheck {
  const s = scan.summary.sites.find((x) => x.name === site);
  assert.ok(s, `site ${site} missing from summary.json`);
  const c = s.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} missing for ${site}`);
  return c;
}

function assertVerdict(site: string, id: string, expected: ExpectedCheck): void {
  const actual = checkResult(site, id);
  const lines = (c: SummaryCheck) => c.findings.map((f) => `[${f.severity}] ${f.code} ${f.target}: ${f.message}`).join('\n');
  assert.equal(actual.status, expected.status, `${site} ${id}: status\n${lines(actual)}`);
  const wanted = expected.findings ?? [];
  const unmatched = [...actual.findings];
  for (const [severity, code, target, pattern] of wanted) {
    const i = unmatched.findIndex((f) => f.severity === severity && f.code === code && f.target === target && (!pattern || pattern.test(f.message)));
    assert.ok(i >= 0, `${site} ${id}: expected [${severity}] ${code} ${target} ${pattern ?? ''}, got:\n${lines(actual)}`);
    unmatched.splice(i, 1);
  }
  assert.deepEqual(unmatched, [], `${site} ${id}: unexpected findings`);
  const unmeasured = actual.unmeasured ?? [];
  const wantedUnmeasured = (expected.unmeasured ?? []).map((u): [string, RegExp | undefined] => (typeof u === 'string' ? [u, undefined] : u));
  assert.deepEqual(unmeasured.map((u) => u.target).sort(), wantedUnmeasured.map(([target]) => target).sort(), `${site} ${id}: could-not-measure targets`);
  for (const [target, reason] of wantedUnmeasured) {
    const why = unmeasured.find((u) => u.target === target)!.reason;
    assert.ok(!reason || reason.test(why), `${site} ${id}: could not measure ${target} because "${why}", expected ${reason}`);
  }
}

describe('scan of the local test sites', () => {
  test('summary.json has the documented shape', () => {
    const { summary } = scan;
    assert.equal(summary.version, 1);
    assert.ok(!Number.isNaN(Date.parse(summary.startedAt)) && !Number.isNaN(Date.parse(summary.finishedAt)));
    assert.match(summary.sitesFile, /sites\.json$/);
    assert.deepEqual(summary.sites.map((s) => s.name), LAB_SITES.map((s) => s.name));
    for (const site of summary.sites) {
      assert.match(site.url, /^https:\/\//);
      assert.deepEqual(site.checks.map((c) => c.id).sort(), CHECKS.map((c) => c.id).sort());
    }
  });

  test('the browser trusted the lab CA from its own NSS database, as recorded in the environment', () => {
    // The key-reuse sites expect the browser's own certificate errors: the SPKI fallback cannot give them.
    assert.equal(scan.summary.environment.browserTrust, 'nss-db', 'certutil is needed: apt-get install libnss3-tools');
    assert.doesNotMatch(scan.output, /spki-fallback/);
  });

  test("each site's evidence is collected once per kind, even though failing tests replace workers", () => {
    const collected = [...scan.output.matchAll(/collected (\w+) evidence for (\S+) in \d+ ms/g)].map((m) => `${m[2]} ${m[1]}`);
    const kinds = [...new Set(CHECKS.flatMap((c) => c.needs))].sort();
    const expected = LAB_SITES.flatMap((site) => kinds.map((kind) => `${site.name} ${kind}`));
    assert.deepEqual([...collected].sort(), [...expected].sort());
  });

  test('the scan fails (exit code 1) because planted flaws fail their tests', () => {
    assert.equal(scan.exitCode, 1, scan.output.slice(-2000));
  });

  for (const site of LAB_SITES) {
    for (const check of CHECKS) {
      const expected = site.expect[check.id] ?? { status: 'passed' };
      test(`${site.name} / ${check.id}: ${expected.status}`, () => assertVerdict(site.name, check.id, expected));
    }
  }
});
