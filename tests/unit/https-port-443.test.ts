import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpsPort443 } from '../../src/checks/https-port-443.ts';
import { statusOf } from '../../src/model/findings.ts';
import { answer, chain, failed, healthyHost, site, transport } from './evidence-builders.ts';

test('healthy hosts pass', () => {
  const out = httpsPort443.run(site(), {
    transport: transport(healthyHost('example.test'), healthyHost('www.example.test')),
  });
  assert.deepEqual(out.findings, []);
  assert.deepEqual(out.checked, ['example.test', 'www.example.test']);
  assert.equal(statusOf(out), 'passed');
});

test('each failure kind is one finding naming the host and why', () => {
  const kinds = [
    ['dns', 'DNS lookup failed'],
    ['refused', 'connection refused'],
    ['timeout', 'timed out'],
    ['tls', 'TLS handshake failed'],
  ] as const;
  for (const [kind, words] of kinds) {
    const broken = {
      ...healthyHost('www.example.test'),
      https: chain(failed('https://www.example.test/', { kind, phase: kind === 'tls' ? 'tls' : 'connect' })),
    };
    const out = httpsPort443.run(site(), { transport: transport(healthyHost('example.test'), broken) });
    assert.equal(out.findings.length, 1, kind);
    assert.equal(out.findings[0]!.target, 'www.example.test');
    assert.equal(out.findings[0]!.severity, 'high');
    assert.match(out.findings[0]!.message, new RegExp(`:443 ${words}`));
    assert.equal(statusOf(out), 'failed');
  }
});

test('a certificate problem is not a port problem', () => {
  const host = healthyHost('example.test');
  host.https.hops[0]!.tls = {
    protocol: 'TLSv1.3',
    cipher: 'x',
    authorized: false,
    authorizationError: 'CERT_HAS_EXPIRED',
  };
  assert.deepEqual(httpsPort443.run(site(), { transport: transport(host) }).findings, []);
});

test('a 5xx on the site URL is a warning, on another host nothing', () => {
  const main = { ...healthyHost('example.test'), https: chain(answer('https://example.test/', 503)) };
  const www = { ...healthyHost('www.example.test'), https: chain(answer('https://www.example.test/', 500)) };
  const out = httpsPort443.run(site(), { transport: transport(main, www) });
  assert.equal(out.findings.length, 1);
  assert.equal(out.findings[0]!.severity, 'low');
  assert.equal(out.findings[0]!.target, 'https://example.test/');
  assert.equal(statusOf(out), 'warning');
});

test('TLS up but no HTTP answer is a finding of its own', () => {
  const host = {
    ...healthyHost('example.test'),
    https: chain({
      ...failed('https://example.test/', { kind: 'timeout', phase: 'http' }),
      tls: { protocol: 'TLSv1.3', cipher: 'x', authorized: true },
    }),
  };
  const out = httpsPort443.run(site(), { transport: transport(host) });
  assert.match(out.findings[0]!.message, /completed the TLS handshake .* but gave no HTTP answer/);
});
