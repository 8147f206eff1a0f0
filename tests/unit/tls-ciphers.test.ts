import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsCiphers } from '../../src/checks/tls-ciphers.ts';
import { statusOf } from '../../src/model/findings.ts';
import { accepted, deadTlsHost, notProbed, refused, site, tlsEvidence, tlsHost } from './evidence-builders.ts';

test('no weak family accepted passes, and families the library cannot offer are named', () => {
  const out = tlsCiphers.run(site(), { tls: tlsEvidence(tlsHost('example.test')) });
  assert.deepEqual(out.findings, []);
  assert.equal(statusOf(out), 'passed');
  assert.deepEqual(out.notes, ['EXPORT suites could not be probed: the library cannot offer EXPORT']);
});

test('each accepted weak family is a finding', () => {
  const weak = tlsHost('weak.example.test', {
    ciphers: [
      accepted('NULL', 'TLSv1.2'),
      notProbed('EXPORT'),
      accepted('anonymous', 'TLSv1.2'),
      refused('RC4'),
      accepted('3DES', 'TLSv1'),
    ],
  });
  const out = tlsCiphers.run(site(), { tls: tlsEvidence(tlsHost('example.test'), weak) });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target]),
    [
      ['high', 'weak.example.test'],
      ['high', 'weak.example.test'],
      ['medium', 'weak.example.test'],
    ],
  );
  assert.match(
    out.findings[0]!.message,
    /^accepts NULL cipher suites: no encryption at all \(negotiated TEST_CIPHER over TLSv1\.2\)$/,
  );
  assert.match(out.findings[1]!.message, /^accepts anonymous cipher suites/);
  assert.match(out.findings[2]!.message, /^accepts 3DES cipher suites: 64-bit blocks \(Sweet32\)/);
  assert.equal(statusOf(out), 'failed');
});

test('a host without TLS could not be measured', () => {
  const out = tlsCiphers.run(site(), { tls: tlsEvidence(deadTlsHost('example.test')) });
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    ['example.test'],
  );
  assert.equal(statusOf(out), 'error');
});
