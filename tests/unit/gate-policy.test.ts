// The site's gate on a check's findings: failOn splits failures from warnings, and `accept`
// entries set known findings aside until they expire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outcome } from '../../src/checks/outcome.ts';
import type { Check } from '../../src/model/check.ts';
import type { Severity } from '../../src/model/findings.ts';
import type { Acceptance } from '../../src/model/site.ts';
import { failureMessage, toResult } from '../../src/report/result.ts';
import { site } from './evidence-builders.ts';
import { CHECKS } from '../../src/checks/index.ts';

const check: Check = {
  id: 'hsts',
  title: 'HSTS',
  remediation: 'Send the header.',
  codes: { missing: 'no header', 'short-max-age': 'too short' },
  needs: [],
  run: () => new Outcome().done(),
};

function outcome(...findings: [Severity, string, string][]) {
  const out = new Outcome();
  for (const [severity, code, target] of findings) out.add(code, severity, target, `${code} on ${target}`);
  return out.done();
}

const judge = (
  failOn: Severity,
  accept: Acceptance[] = [],
  out = outcome(['high', 'missing', 'https://a.test/'], ['low', 'short-max-age', 'https://b.test/']),
) => toResult(site({ policy: { ...site().policy, failOn } }), check, out, accept, new Date('2026-11-25T12:00:00Z'));

test('findings at or above failOn fail, those below are warnings', () => {
  assert.equal(judge('medium').status, 'failed');
  assert.equal(judge('high').status, 'failed');
  assert.equal(judge('critical').status, 'warning');
  assert.equal(judge('critical').failOn, 'critical');
  assert.equal(judge('info', [], outcome(['info', 'missing', 'x'])).status, 'failed');
  assert.equal(judge('low', [], outcome(['info', 'missing', 'x'])).status, 'warning');
});

test('an acceptance in force sets the finding aside as accepted, with its reason', () => {
  const r = judge('medium', [{ code: 'hsts.missing', reason: 'legacy host, retired in Q1', expires: '2026-11-25' }]);
  assert.equal(r.status, 'warning', 'the low finding still warns');
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['hsts.short-max-age'],
  );
  assert.deepEqual(
    r.accepted.map((f) => [f.code, f.acceptance]),
    [['hsts.missing', { reason: 'legacy host, retired in Q1', expires: '2026-11-25', expired: false }]],
  );
});

test('an expired acceptance fails again and says it expired', () => {
  const r = judge('medium', [{ check: 'hsts', reason: 'legacy host', expires: '2026-11-24' }]);
  assert.equal(r.status, 'failed');
  assert.deepEqual(r.accepted, []);
  const message = failureMessage(r);
  assert.match(
    message,
    /\[high\] https:\/\/a\.test\/: missing on https:\/\/a\.test\/ \(hsts\.missing\) \(the acceptance of this finding expired on 2026-11-24: "legacy host"\)/,
  );
});

test('an acceptance in force wins over an expired one for the same finding', () => {
  const r = judge('medium', [
    { code: 'hsts.missing', reason: 'old', expires: '2025-01-01' },
    { code: 'hsts.missing', reason: 'renewed', expires: '2027-01-01' },
  ]);
  assert.deepEqual(
    r.accepted.map((f) => f.acceptance.reason),
    ['renewed'],
  );
});

test('site, target, check and code must all match when given', () => {
  const entry = (extra: Partial<Acceptance>): Acceptance => ({
    reason: 'r',
    expires: '2027-01-01',
    check: 'hsts',
    ...extra,
  });
  assert.equal(judge('medium', [entry({ site: 'another' })]).accepted.length, 0);
  assert.equal(judge('medium', [entry({ site: 'example' })]).accepted.length, 2);
  assert.equal(judge('medium', [entry({ target: 'https://b.test/' })]).accepted.length, 1);
  assert.equal(judge('medium', [entry({ check: 'mixed-content' })]).accepted.length, 0);
  assert.equal(judge('medium', [entry({ code: 'hsts.duplicate' })]).accepted.length, 0);
});

test('the failure message: one line per finding with its code, then the remediation, no diff', () => {
  const message = failureMessage(judge('medium'));
  assert.equal(
    message,
    [
      'hsts failed for example: 2 finding(s), failing at medium and above',
      '',
      '[high] https://a.test/: missing on https://a.test/ (hsts.missing)',
      '[low] https://b.test/: short-max-age on https://b.test/ (hsts.short-max-age)',
      '',
      'Remediation:',
      '  Send the header.',
    ].join('\n'),
  );
});

test('policy.failOn per site, and FAIL_ON over every site (config stub until config-input merges)', async () => {
  const { parseScanConfig } = await import('../../src/config/load.ts');
  const { ConfigError } = await import('../../src/config/errors.ts');
  const file = JSON.stringify({
    policy: { failOn: 'high' },
    sites: [
      { name: 'a', url: 'https://a.test/' },
      { name: 'b', url: 'https://b.test/', policy: { failOn: 'low' } },
    ],
    accept: [{ code: 'hsts.missing', reason: 'r', expires: '2027-01-01' }],
  });
  const failOn = (env: NodeJS.ProcessEnv) =>
    parseScanConfig(CHECKS, file, '/x/sites.json', env).sites.map((s) => s.policy.failOn);
  assert.deepEqual(failOn({}), ['high', 'low']);
  assert.deepEqual(failOn({ FAIL_ON: 'critical' }), ['critical', 'critical']);
  assert.deepEqual(parseScanConfig(CHECKS, file, '/x/sites.json', {}).accept, [
    { code: 'hsts.missing', reason: 'r', expires: '2027-01-01' },
  ]);
  assert.throws(
    () => failOn({ FAIL_ON: 'severe' }),
    (err) => err instanceof ConfigError && /FAIL_ON: expected one of/.test(err.message),
  );
});
