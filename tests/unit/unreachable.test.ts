// A host that does not answer on 443 is https-port-443's finding; every other check says
// "host unreachable (see https-port-443)" once for that host, still as "could not measure".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS } from '../../src/checks/index.ts';
import { statusOf } from '../../src/model/findings.ts';
import type { SiteEvidence } from '../../src/model/evidence.ts';
import { HOST_UNREACHABLE, reachReason } from '../../src/checks/unreachable.ts';
import { mixedContent } from '../../src/checks/mixed-content.ts';
import { chain, deadTlsHost, failed, pages, site, tlsEvidence, transport, unloaded } from './evidence-builders.ts';

// A DNS typo in the site URL: nothing answers, on any port, for either host, in Node or in the browser.
const typo = site({
  url: 'https://www.exmaple.test/',
  hosts: ['www.exmaple.test', 'api.exmaple.test'],
  pages: ['/', '/cart'],
});
const dead = (host: string) => ({
  host,
  https: chain(
    failed(`https://${host}/`, { kind: 'dns', code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${host}` }),
  ),
  http: chain(
    failed(`http://${host}/?https-scan=1`, {
      kind: 'dns',
      code: 'ENOTFOUND',
      message: `getaddrinfo ENOTFOUND ${host}`,
    }),
  ),
});
const evidence: SiteEvidence = {
  transport: transport(...typo.hosts.map(dead)),
  tls: tlsEvidence(...typo.hosts.map((h) => deadTlsHost(h, 'dns'))),
  pages: pages(
    ...typo.pages.map((p) =>
      unloaded(`https://www.exmaple.test${p}`, `net::ERR_NAME_NOT_RESOLVED at https://www.exmaple.test${p}`),
    ),
  ),
} as SiteEvidence;

test('https-port-443 gives the cause; every other check says once per host that it is unreachable', () => {
  // discovery judges no host: it reports what sites.json does not list (off here).
  for (const check of CHECKS.filter((c) => c.id !== 'discovery')) {
    const out = check.run(typo, evidence);
    if (check.id === 'https-port-443') {
      assert.deepEqual(
        out.findings.map((f) => [f.code, f.target]),
        typo.hosts.map((h) => ['dns-failed', h]),
      );
      continue;
    }
    // The site lists no API: nothing for api-transport to judge.
    if (check.id === 'api-transport') {
      assert.equal(statusOf(out), 'skipped');
      continue;
    }
    assert.equal(statusOf(out), 'error', check.id);
    const hosts = check.needs.some((k) => k === 'transport' || k === 'tls') ? typo.hosts : ['www.exmaple.test'];
    assert.deepEqual(
      out.unmeasured,
      hosts.map((target) => ({ target, reason: HOST_UNREACHABLE })),
      check.id,
    );
  }
});

test('a page that did not load for another reason keeps its own reason', () => {
  const slow = pages(unloaded('https://example.test/slow', 'page.goto: Timeout 5000ms exceeded'));
  const mixed = CHECKS.find((c) => c.id === 'mixed-content')!.run(site(), { pages: slow } as SiteEvidence);
  assert.deepEqual(mixed.unmeasured, [
    { target: 'https://example.test/slow', reason: 'the page did not load: still loading after 5000 ms' },
  ]);
});

test('a host that answered with TLS and failed the handshake for a reason of its own is not "unreachable"', () => {
  assert.equal(
    reachReason({
      kind: 'tls',
      phase: 'tls',
      code: 'ERR_SSL_EXCESSIVE_MESSAGE_SIZE',
      message: 'C0:error:0A000098:SSL routines:read_state_machine:excessive message size:../ssl/statem/statem.c:609:\n',
    }),
    "the host answers on 443, but the TLS handshake fails: the server's certificate message is larger than TLS clients accept (OpenSSL, and Chromium's BoringSSL, stop at 100 KB) (ERR_SSL_EXCESSIVE_MESSAGE_SIZE) (see https-port-443)",
  );
  // No TLS at all on the port, or no answer: unreachable as before.
  for (const error of [
    {
      kind: 'tls' as const,
      phase: 'tls' as const,
      code: 'ERR_SSL_WRONG_VERSION_NUMBER',
      message: 'wrong version number',
    },
    { kind: 'timeout' as const, phase: 'tls' as const, code: 'ETIMEDOUT', message: 'TLS handshake did not complete' },
    { kind: 'refused' as const, phase: 'connect' as const, code: 'ECONNREFUSED', message: 'refused' },
  ])
    assert.equal(reachReason(error), HOST_UNREACHABLE, error.code);
});

test('a page browsers cannot complete a TLS handshake with is its host, saying so', () => {
  const out = mixedContent.run(site(), {
    pages: pages(
      unloaded('https://example.test/', 'page.goto: net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH at https://example.test/'),
    ),
  });
  assert.deepEqual(out.unmeasured, [
    {
      target: 'example.test',
      reason:
        'browsers cannot complete a TLS handshake with this host: the browser and the server have no TLS version or cipher suite in common (net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH) (see https-port-443)',
    },
  ]);
});

test('a page that redirected to another host which refused the handshake stays the page: its own host answered', () => {
  const page = unloaded(
    'https://example.test/old',
    'page.goto: net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH at https://example.test/old',
  );
  page.navigations = [
    { url: 'https://example.test/old', mainFrame: true, redirected: false },
    { url: 'https://tls10.elsewhere.test/', mainFrame: true, redirected: true },
  ];
  const out = mixedContent.run(site(), { pages: pages(page) });
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    ['https://example.test/old'],
  );
  assert.match(out.unmeasured[0]!.reason, /ERR_SSL_VERSION_OR_CIPHER_MISMATCH/);
});
