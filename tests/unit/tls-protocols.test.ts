import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsProtocols } from '../../src/checks/tls-protocols.ts';
import { statusOf } from '../../src/model/findings.ts';
import { accepted, deadTlsHost, refused, site, tlsEvidence, tlsHost } from './evidence-builders.ts';

test('TLS 1.2 and 1.3 only passes, and the notes say what was offered and what could not be probed', () => {
  const out = tlsProtocols.run(site(), { tls: tlsEvidence(tlsHost('example.test')) });
  assert.deepEqual(out.findings, []);
  assert.equal(statusOf(out), 'passed');
  assert.ok(out.notes.includes('example.test offers TLSv1.2, TLSv1.3'), out.notes.join('\n'));
  assert.ok(
    out.notes.some((n) => /^SSLv3 support could not be probed: /.test(n)),
    out.notes.join('\n'),
  );
});

test('each obsolete version accepted is a finding', () => {
  const legacy = tlsHost('old.example.test', {
    protocols: [accepted('SSLv3'), accepted('TLSv1'), accepted('TLSv1.1'), accepted('TLSv1.2'), refused('TLSv1.3')],
  });
  const out = tlsProtocols.run(site(), { tls: tlsEvidence(tlsHost('example.test'), legacy) });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target, f.message]),
    [
      ['high', 'old.example.test', 'accepts SSLv3, which is obsolete (negotiated TEST_CIPHER)'],
      ['medium', 'old.example.test', 'accepts TLSv1, which is obsolete (negotiated TEST_CIPHER)'],
      ['medium', 'old.example.test', 'accepts TLSv1.1, which is obsolete (negotiated TEST_CIPHER)'],
    ],
  );
  assert.equal(statusOf(out), 'failed');
});

test('a host that speaks only TLS 1.0 is judged even though the default handshake failed', () => {
  const only10 = {
    ...tlsHost('example.test', {
      protocols: [accepted('TLSv1'), refused('TLSv1.1'), refused('TLSv1.2'), refused('TLSv1.3')],
    }),
    handshake: undefined,
    chain: [],
    error: {
      kind: 'tls' as const,
      phase: 'tls' as const,
      code: 'ERR_SSL_UNSUPPORTED_PROTOCOL',
      message: 'unsupported protocol',
    },
  };
  const out = tlsProtocols.run(site(), { tls: tlsEvidence(only10) });
  assert.deepEqual(
    out.findings.map((f) => f.severity),
    ['medium', 'high'],
  );
  assert.match(out.findings[1]!.message, /offers neither TLS 1\.2 nor TLS 1\.3/);
});

test('a probe without an answer, or a host without TLS, could not be measured', () => {
  const flaky = tlsHost('www.example.test', {
    protocols: [
      refused('TLSv1'),
      { name: 'TLSv1.1', result: 'failed', error: { kind: 'timeout', phase: 'tls', message: 'slow' } },
      accepted('TLSv1.2'),
    ],
  });
  const out = tlsProtocols.run(site(), { tls: tlsEvidence(flaky, deadTlsHost('down.example.test')) });
  assert.deepEqual(out.findings, []);
  assert.deepEqual(out.unmeasured.map((u) => u.target).sort(), ['down.example.test', 'www.example.test']);
  assert.match(
    out.unmeasured.find((u) => u.target === 'www.example.test')!.reason,
    /the TLSv1\.1 probe got no answer: timed out/,
  );
  assert.equal(statusOf(out), 'error');
});
