import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateValidity } from '../../src/checks/certificate-validity.ts';
import { statusOf } from '../../src/model/findings.ts';
import {
  certificate,
  daysFromNow,
  deadTlsHost,
  intermediate,
  site,
  tlsEvidence,
  tlsHost,
  trustedRoot,
} from './evidence-builders.ts';

const withLeaf = (host: string, validFrom: string, validTo: string) =>
  tlsHost(host, { chain: [certificate({ subject: `CN=${host}`, validFrom, validTo }), intermediate(), trustedRoot()] });

test('certificates with more days left than the notice period pass', () => {
  const out = certificateValidity.run(site(), {
    tls: tlsEvidence(tlsHost('example.test'), withLeaf('www.example.test', daysFromNow(-1), daysFromNow(30))),
  });
  assert.deepEqual(out.findings, []);
  assert.equal(statusOf(out), 'passed');
});

test('expired and not yet valid certificates fail with the exact date', () => {
  const out = certificateValidity.run(site(), {
    tls: tlsEvidence(
      withLeaf('old.example.test', daysFromNow(-90), daysFromNow(-2)),
      withLeaf('new.example.test', daysFromNow(3), daysFromNow(90)),
    ),
  });
  assert.deepEqual(out.findings, [
    {
      code: 'expired',
      severity: 'high',
      target: 'old.example.test',
      message: 'the certificate "CN=old.example.test" expired on 2026-05-30 00:00 UTC (2 days ago)',
    },
    {
      code: 'not-yet-valid',
      severity: 'high',
      target: 'new.example.test',
      message: 'the certificate "CN=new.example.test" is not valid before 2026-06-04 00:00 UTC (in 3 days)',
    },
  ]);
  assert.equal(statusOf(out), 'failed');
});

test('under the minimum fails, under the notice period is only a warning', () => {
  const soon = certificateValidity.run(site(), {
    tls: tlsEvidence(withLeaf('example.test', daysFromNow(-80), daysFromNow(10))),
  });
  assert.deepEqual(
    soon.findings.map((f) => f.severity),
    ['medium'],
  );
  assert.match(soon.findings[0]!.message, /expires on 2026-06-11 00:00 UTC, 10 days left \(policy minimum 14\)/);
  assert.equal(statusOf(soon), 'failed');

  const notice = certificateValidity.run(site(), {
    tls: tlsEvidence(withLeaf('example.test', daysFromNow(-80), daysFromNow(20))),
  });
  assert.deepEqual(
    notice.findings.map((f) => f.severity),
    ['low'],
  );
  assert.match(notice.findings[0]!.message, /20 days left \(notice period 30 days\)/);
  assert.equal(statusOf(notice), 'warning');
});

test('the policy moves both thresholds', () => {
  const policy = { ...site().policy, minCertDaysLeft: 5, certNoticeDays: 90 };
  const out = certificateValidity.run(site({ policy }), {
    tls: tlsEvidence(withLeaf('example.test', daysFromNow(-1), daysFromNow(60))),
  });
  assert.deepEqual(
    out.findings.map((f) => f.severity),
    ['low'],
  );
});

test('an expiring intermediate counts; the trusted root Node added does not', () => {
  const host = tlsHost('example.test', {
    chain: [certificate(), intermediate({ validTo: daysFromNow(5) }), { ...trustedRoot(), validTo: daysFromNow(-1) }],
  });
  const out = certificateValidity.run(site(), { tls: tlsEvidence(host) });
  assert.equal(out.findings.length, 1);
  assert.match(out.findings[0]!.message, /^the intermediate "CN=Issuing CA" expires on .*, 5 days left/);
});

test('a host without a handshake could not be measured', () => {
  const out = certificateValidity.run(site(), { tls: tlsEvidence(deadTlsHost('example.test', 'timeout')) });
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    ['example.test'],
  );
  assert.equal(statusOf(out), 'error');
});
