// The lab's expected verdicts as tests: every planted flaw must be reported with the right
// code, severity and target, nothing else may be reported, and every other check must
// pass. Shared by the idle scan (lab-scan.test.ts) and the scan under CPU load (load.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS } from '../../src/checks/index.ts';
import { LAB_SITES } from '../../lab/sites/index.ts';
import type { ExpectedCheck } from '../../lab/types.ts';
import type { Summary, SummaryCheck } from '../../lab/run-scan.ts';

function checkResult(summary: Summary, site: string, id: string): SummaryCheck {
  const s = summary.sites.find((x) => x.name === site);
  assert.ok(s, `site ${site} missing from summary.json`);
  const c = s.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} missing for ${site}`);
  return c;
}

export function assertVerdict(summary: Summary, site: string, id: string, expected: ExpectedCheck): void {
  const actual = checkResult(summary, site, id);
  const lines = (c: SummaryCheck) =>
    [
      ...c.findings.map((f) => `[${f.severity}] ${f.code} ${f.target}: ${f.message}`),
      ...(c.unmeasured ?? []).map((u) => `could not measure ${u.target}: ${u.reason}`),
    ].join('\n');
  assert.equal(actual.status, expected.status, `${site} ${id}: status\n${lines(actual)}`);
  const wanted = expected.findings ?? [];
  const unmatched = [...actual.findings];
  for (const [severity, code, target, pattern] of wanted) {
    const i = unmatched.findIndex(
      (f) => f.severity === severity && f.code === code && f.target === target && (!pattern || pattern.test(f.message)),
    );
    assert.ok(
      i >= 0,
      `${site} ${id}: expected [${severity}] ${code} ${target} ${pattern ?? ''}, got:\n${lines(actual)}`,
    );
    unmatched.splice(i, 1);
  }
  assert.deepEqual(unmatched, [], `${site} ${id}: unexpected findings`);
  const unmeasured = actual.unmeasured ?? [];
  const wantedUnmeasured = (expected.unmeasured ?? []).map((u): [string, RegExp | undefined] =>
    typeof u === 'string' ? [u, undefined] : u,
  );
  assert.deepEqual(
    unmeasured.map((u) => u.target).sort(),
    wantedUnmeasured.map(([target]) => target).sort(),
    `${site} ${id}: could-not-measure targets\n${lines(actual)}`,
  );
  for (const note of expected.notes ?? []) {
    assert.ok(
      (actual.notes ?? []).some((n) => note.test(n)),
      `${site} ${id}: expected a note ${note}, got:\n${(actual.notes ?? []).join('\n')}`,
    );
  }
  for (const [target, reason] of wantedUnmeasured) {
    const why = unmeasured.find((u) => u.target === target)!.reason;
    assert.ok(
      !reason || reason.test(why),
      `${site} ${id}: could not measure ${target} because "${why}", expected ${reason}`,
    );
  }
}

/** One test per lab site x check, judged on the summary the scan wrote (read when the tests run). */
export function labVerdictTests(summary: () => Summary): void {
  for (const site of LAB_SITES) {
    for (const check of CHECKS) {
      // Discovery is off unless a lab site turns it on: its check then does not apply.
      const byDefault: ExpectedCheck['status'] = check.id === 'discovery' && !site.discover ? 'skipped' : 'passed';
      const expected = site.expect[check.id] ?? { status: byDefault };
      test(`${site.name} / ${check.id}: ${expected.status}`, () =>
        assertVerdict(summary(), site.name, check.id, expected));
    }
  }
}
