import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpsPort443 } from '../../src/checks/https-port-443.ts';
import { statusOf } from '../../src/model/findings.ts';
import { answer, chain, failed, healthyHost, pages, redirectHop, site, transport, visit } from './evidence-builders.ts';

test('healthy hosts pass', () => {
  const out = httpsPort443.run(site(), {
    transport: transport(healthyHost('example.test'), healthyHost('www.example.test')),
    pages: pages(),
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
    const out = httpsPort443.run(site(), { transport: transport(healthyHost('example.test'), broken), pages: pages() });
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
  assert.deepEqual(httpsPort443.run(site(), { transport: transport(host), pages: pages() }).findings, []);
});

test('a 5xx on the site URL is a warning, on another host nothing', () => {
  const main = { ...healthyHost('example.test'), https: chain(answer('https://example.test/', 503)) };
  const www = { ...healthyHost('www.example.test'), https: chain(answer('https://www.example.test/', 500)) };
  const out = httpsPort443.run(site(), { transport: transport(main, www), pages: pages() });
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
  const out = httpsPort443.run(site(), { transport: transport(host), pages: pages() });
  assert.match(out.findings[0]!.message, /completed the TLS handshake .* but gave no HTTP answer/);
});

test('https on another port of an own host is its own finding, once per origin, wherever it is seen', () => {
  const www = {
    ...healthyHost('www.example.test'),
    http: chain(
      redirectHop('http://www.example.test/?https-scan=1', 'https://www.example.test:8443/?https-scan=1'),
      answer('https://www.example.test:8443/?https-scan=1'),
    ),
  };
  const page = visit('https://example.test/', {
    links: [
      { href: 'https://example.test:8443/shop', pageUrl: 'https://example.test/' },
      { href: 'https://example.test:9443/again', pageUrl: 'https://example.test/' },
      { href: 'https://elsewhere.test:8443/', pageUrl: 'https://example.test/' },
      { href: 'https://example.test:443/default', pageUrl: 'https://example.test/' },
    ],
  });
  const flowPage = visit('https://example.test:9443/account', {
    origin: { kind: 'flow-visit', flow: 'login', path: '/account' },
  });
  const out = httpsPort443.run(site(), {
    transport: transport(healthyHost('example.test'), www),
    pages: pages(page, flowPage),
  });
  assert.deepEqual(
    out.findings.map((f) => [f.code, f.severity, f.target]),
    [
      ['non-standard-port', 'medium', 'https://www.example.test:8443'],
      ['non-standard-port', 'medium', 'https://example.test:8443'],
      ['non-standard-port', 'medium', 'https://example.test:9443'],
    ],
  );
  assert.match(
    out.findings[0]!.message,
    /^https on port 8443, not 443: the redirect chain from http:\/\/www\.example\.test\/\?https-scan=1 goes to https:\/\/www\.example\.test:8443\/\?https-scan=1\. The host name is the same/,
  );
  assert.match(
    out.findings[1]!.message,
    /a link on https:\/\/example\.test\/ goes to https:\/\/example\.test:8443\/shop/,
  );
  assert.match(
    out.findings[2]!.message,
    /a link on https:\/\/example\.test\/ goes to https:\/\/example\.test:9443\/again/,
  );
  assert.match(out.findings[0]!.remediation!, /port 443/);
  assert.equal(statusOf(out), 'failed');
});

test('a flow that reaches a page on another port is seen there', () => {
  const flowPage = visit('https://example.test:9443/account', {
    origin: { kind: 'flow-visit', flow: 'login', path: '/account' },
  });
  const out = httpsPort443.run(site(), { transport: transport(healthyHost('example.test')), pages: pages(flowPage) });
  assert.match(
    out.findings[0]!.message,
    /^https on port 9443, not 443: the browser visited login › visit \/account › https:\/\/example\.test:9443\/account\. /,
  );
});

test('a host Node reaches but browsers cannot (only DHE suites) is a finding with the suites on both sides', () => {
  const host = {
    ...healthyHost('example.test'),
    browserHandshake: {
      ok: false as const,
      error: {
        kind: 'tls' as const,
        phase: 'tls' as const,
        code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
        message: 'x',
      },
      cause: 'suites' as const,
      serverSuites: ['TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
    },
  };
  const out = httpsPort443.run(site(), { transport: transport(host), pages: pages() });
  assert.deepEqual(
    out.findings.map((f) => [f.code, f.severity, f.target]),
    [['browser-handshake-failed', 'high', 'example.test']],
  );
  assert.match(
    out.findings[0]!.message,
    /^example\.test:443 completes a TLS handshake with Node's default client \(TLSv1\.3, TLS_AES_128_GCM_SHA256\), but not with what current browsers offer: the server accepts only TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, which no current browser offers \(Chromium fails with ERR_SSL_VERSION_OR_CIPHER_MISMATCH\)\. Browsers offer: TLS_AES_128_GCM_SHA256, .*TLS_RSA_WITH_AES_256_CBC_SHA$/,
  );
  const groups = {
    ...host,
    browserHandshake: { ...host.browserHandshake, cause: 'groups' as const, serverSuites: [] },
  };
  assert.match(
    httpsPort443.run(site(), { transport: transport(groups), pages: pages() }).findings[0]!.message,
    /only over key-exchange groups browsers do not offer \(they offer X25519, P-256, P-384\)$/,
  );
  const fine = {
    ...host,
    browserHandshake: { ok: true as const, protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256' },
  };
  assert.deepEqual(httpsPort443.run(site(), { transport: transport(fine), pages: pages() }).findings, []);
});
