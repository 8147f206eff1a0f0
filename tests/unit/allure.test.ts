// A verdict in Allure's terms: severity from the worst finding, "broken" for could-not-measure,
// labels for site and check, and a category for every check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestResult } from 'allure-js-commons';
import { CHECKS } from '../../src/checks/index.ts';
import { CHECK_GROUPS } from '../../src/report/check-groups.ts';
import { ALLURE_CATEGORIES } from '../../src/report/allure-categories.ts';
import { applyVerdict } from '../../src/report/allure.ts';
import type { CheckResult } from '../../src/report/result.ts';

const verdict = (overrides: Partial<CheckResult>): CheckResult => ({
  site: 'shop',
  url: 'https://shop.test/',
  id: 'hsts',
  title: 'HSTS',
  status: 'passed',
  failOn: 'medium',
  findings: [],
  accepted: [],
  unmeasured: [],
  checked: [],
  notes: [],
  ...overrides,
});
const finding = (severity: CheckResult['findings'][number]['severity']) => ({
  code: 'hsts.missing',
  severity,
  target: 'https://a/',
  message: 'no header',
  remediation: 'send it',
});
const allureResult = (): TestResult =>
  ({
    uuid: 'u',
    name: 'hsts',
    status: 'failed',
    labels: [{ name: 'suite', value: 'x' }],
    links: [],
    parameters: [],
    steps: [],
    attachments: [],
    statusDetails: {},
  }) as unknown as TestResult;
const label = (r: TestResult, name: string) => r.labels.filter((l) => l.name === name).map((l) => l.value);

test('severity of the worst finding: critical→blocker, high→critical, medium→normal, low→minor', () => {
  for (const [severity, expected] of [
    ['critical', 'blocker'],
    ['high', 'critical'],
    ['medium', 'normal'],
    ['low', 'minor'],
    ['info', 'trivial'],
  ] as const) {
    const r = allureResult();
    applyVerdict(r, verdict({ status: 'failed', findings: [finding('info'), finding(severity)] }));
    assert.deepEqual(label(r, 'severity'), [expected]);
    assert.equal(r.status, 'failed');
  }
});

test('could not measure is broken; labels name the site and the check; a warning says its findings', () => {
  const broken = allureResult();
  applyVerdict(broken, verdict({ status: 'error', unmeasured: [{ target: 'h', reason: 'down' }] }));
  assert.equal(broken.status, 'broken');
  assert.deepEqual(
    [
      label(broken, 'site'),
      label(broken, 'check'),
      label(broken, 'epic'),
      label(broken, 'verdict'),
      label(broken, 'suite'),
    ],
    [['shop'], ['hsts'], ['shop'], ['could not measure'], ['x']],
  );
  const warning = allureResult();
  warning.status = 'passed' as TestResult['status'];
  applyVerdict(warning, verdict({ status: 'warning', findings: [finding('low')] }));
  assert.equal(warning.statusDetails.message, '[low] https://a/: no header (hsts.missing)');
  assert.match(warning.description ?? '', /^- \\\[low\\\] https:\/\/a\/: no header \(hsts\.missing\)$/);
});

test('every check belongs to exactly one family, and every family has a category', () => {
  const grouped = CHECK_GROUPS.flatMap((g) => g.checks);
  assert.deepEqual([...grouped].sort(), CHECKS.map((c) => c.id).sort());
  for (const check of CHECKS) {
    const matching = ALLURE_CATEGORIES.filter((c) => {
      const pattern = 'labels' in c.matchers ? (c.matchers.labels as Record<string, string>).check : undefined;
      return pattern !== undefined && new RegExp(pattern).test(check.id);
    });
    assert.equal(matching.length, 1, check.id);
  }
});
