// The run model behind summary.json, summary.md and the console: totals, severities, codes,
// accepted findings, unmeasured targets grouped per host, the matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outcome } from '../../src/checks/outcome.ts';
import type { Check } from '../../src/model/check.ts';
import { toResult } from '../../src/report/result.ts';
import { statusCounts, summarize, unmeasuredGroups } from '../../src/report/summary.ts';
import { summaryMarkdown } from '../../src/report/summary-markdown.ts';
import { site } from './evidence-builders.ts';

const check = (id: string, run: (out: Outcome) => void): Check => ({
  id,
  title: id,
  remediation: 'fix it',
  codes: {},
  needs: [],
  run: () => {
    const out = new Outcome();
    run(out);
    return out.done('nothing to judge');
  },
});

const s = site({ name: 'shop' });
const results = [
  check('hsts', (o) => {
    o.judged('a');
    o.add('missing', 'high', 'https://a/', 'no header');
    o.add('dup', 'low', 'https://b/', 'twice');
  }),
  check('tls-ciphers', (o) => {
    o.cannotMeasure('down.test', 'host unreachable (see https-port-443)');
    o.judged('a');
  }),
  check('certificate-trust', (o) => o.cannotMeasure('down.test', 'host unreachable (see https-port-443)')),
  check('cookie-secure', () => {}),
  check('mixed-content', (o) => {
    o.judged('p');
    o.add('passive', 'medium', 'http://img', 'image over http');
  }),
].map((c) =>
  toResult(s, c, c.run(s, {} as never), [
    { code: 'mixed-content.passive', reason: 'CDN moves in May', expires: '2099-01-01' },
  ]),
);

const summary = summarize(
  results.map((result) => ({ url: s.url, result, durationMs: 1 })),
  { startedAt: 'start', finishedAt: 'end', sitesFile: 'sites.json', environment: {} },
);

test('totals by status, findings by severity and code, accepted findings apart', () => {
  assert.deepEqual(summary.totals, { passed: 1, failed: 1, warning: 0, error: 2, skipped: 1 });
  assert.deepEqual(summary.findingsBySeverity, { critical: 0, high: 1, medium: 0, low: 1, info: 0 });
  assert.deepEqual(summary.findingsByCode, { 'hsts.dup': 1, 'hsts.missing': 1 });
  assert.deepEqual(
    summary.accepted.map((a) => [a.site, a.check, a.code, a.reason, a.expires]),
    [['shop', 'mixed-content', 'mixed-content.passive', 'CDN moves in May', '2099-01-01']],
  );
});

test('a target that held back several checks is one group', () => {
  assert.deepEqual(unmeasuredGroups(summary), [
    {
      site: 'shop',
      target: 'down.test',
      reason: 'host unreachable (see https-port-443)',
      checks: ['tls-ciphers', 'certificate-trust'],
    },
  ]);
});

test('summary.md: matrix with the worst severity, totals, findings with codes, accepted, unmeasured', () => {
  const md = summaryMarkdown(summary);
  assert.match(md, /^\| shop \| ✘ high \| \? not measured \| \? not measured \| n\/a \| ✓ \|$/m);
  assert.match(
    md,
    /\*\*Totals:\*\* 5 checks: 1 passed, 1 failed, 0 warning, 2 could not measure, 1 not applicable; findings: 1 high, 1 low; 1 accepted/,
  );
  assert.match(md, /^\| shop \| hsts \| high \| hsts\.missing \| https:\/\/a\/ \| no header \|$/m);
  assert.match(
    md,
    /^\| shop \| down\.test \| host unreachable \(see https-port-443\) \| tls-ciphers, certificate-trust \|$/m,
  );
  assert.match(
    md,
    /^\| shop \| mixed-content \| mixed-content\.passive \| medium \| http:\/\/img \| 2099-01-01 \| CDN moves in May \|$/m,
  );
});

test("a site's console line counts each status once, failed ones under their worst finding", () => {
  const finding = (severity: 'high' | 'medium') => ({
    code: 'x.y',
    severity,
    target: 't',
    message: 'm',
    remediation: 'r',
  });
  const checks = [
    { status: 'failed' as const, findings: [finding('medium')] },
    { status: 'skipped' as const, findings: [] },
    { status: 'passed' as const, findings: [] },
    { status: 'failed' as const, findings: [finding('high'), finding('medium')] },
    { status: 'skipped' as const, findings: [] },
    { status: 'error' as const, findings: [] },
  ];
  assert.equal(statusCounts(checks), '1 passed, 2 failed (worst high), 1 could not measure, 2 not applicable');
});
