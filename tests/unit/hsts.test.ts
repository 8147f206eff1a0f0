import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hsts, parseSts } from '../../src/checks/hsts.ts';
import { answer, chain, failed, healthyHost, pages, response, site, transport, visit } from './evidence-builders.ts';

test('parseSts follows RFC 6797', () => {
  assert.deepEqual(parseSts('max-age=31536000; includeSubDomains; preload'), {
    ok: true,
    maxAge: 31536000,
    includeSubDomains: true,
    preload: true,
  });
  assert.deepEqual(parseSts('MAX-AGE="600"'), { ok: true, maxAge: 600, includeSubDomains: false, preload: false });
  assert.equal(parseSts('includeSubDomains').ok, false);
  assert.equal(parseSts('max-age=abc').ok, false);
  assert.equal(parseSts('max-age=1; max-age=2').ok, false);
  assert.equal(parseSts('max-age="1').ok, false);
  assert.equal(parseSts('max-age=1, includeSubDomains').ok, false);
});

const S = site({ hosts: ['example.test'] });
const withHeader = (value: string | null) => ({
  ...healthyHost('example.test'),
  https: chain(answer('https://example.test/', 200, value === null ? [] : [['strict-transport-security', value]])),
});

test('a good header passes; missing, short and malformed are findings', () => {
  const run = (v: string | null) => hsts.run(S, { transport: transport(withHeader(v)), pages: pages() }).findings;
  assert.deepEqual(run('max-age=31536000; includeSubDomains'), []);
  assert.deepEqual(
    run(null).map((f) => f.severity),
    ['high'],
  );
  assert.deepEqual(
    run('max-age=86400').map((f) => f.severity),
    ['medium'],
  );
  assert.match(run('max-age=0')[0]!.message, /forget HSTS/);
  assert.match(run('max-age=x')[0]!.message, /malformed/);
});

test('policy changes the minimum', () => {
  const out = hsts.run(site({ hosts: ['example.test'], policy: { ...S.policy, minHstsMaxAge: 86400 } }), {
    transport: transport(withHeader('max-age=86400')),
    pages: pages(),
  });
  assert.deepEqual(out.findings, []);
});

test('browser document responses of own hosts are judged, others not', () => {
  const v = visit('https://example.test/a', {
    responses: [
      response('https://example.test/a', { headers: [] }),
      response('https://cdn.other.test/x.js', { isNavigation: false, headers: [] }),
      response('https://other.test/frame', { mainFrame: false, headers: [] }),
    ],
  });
  const out = hsts.run(S, { transport: transport(healthyHost('example.test')), pages: pages(v) });
  assert.deepEqual(
    out.findings.map((f) => f.target),
    ['https://example.test/a'],
  );
});

test('an unreachable host is could-not-measure, not a failure', () => {
  const out = hsts.run(S, {
    transport: transport({
      host: 'example.test',
      https: chain(failed('https://example.test/', { kind: 'refused' })),
      http: chain(failed('http://example.test/', { kind: 'refused' })),
    }),
    pages: pages(),
  });
  assert.deepEqual(out.findings, []);
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    ['example.test'],
  );
});

test('a header over a connection with a certificate error protects nothing: from Node, and from the browser past the error', () => {
  const header: [string, string] = ['strict-transport-security', 'max-age=31536000'];
  const refused = {
    ...healthyHost('example.test'),
    https: chain({
      ...answer('https://example.test/', 200, [header]),
      tls: {
        protocol: 'TLSv1.3',
        cipher: 'TLS_AES_128_GCM_SHA256',
        authorized: false,
        authorizationError: 'CERT_HAS_EXPIRED',
      },
    }),
  };
  const fromNode = hsts.run(S, { transport: transport(refused), pages: pages() });
  assert.deepEqual(
    fromNode.findings.map((f) => [f.code, f.severity, f.target]),
    [['ignored-certificate-error', 'high', 'https://example.test/']],
  );
  assert.match(fromNode.findings[0]!.message, /browsers ignore it \(RFC 6797 section 8\.1\)/);

  // The browser refused the page and it was seen past the error: the same finding, said once, and a note.
  const seenPast = visit('https://example.test/', {
    responses: [response('https://example.test/', { headers: [header] })],
    certificateBypassed: 'ERR_CERT_DATE_INVALID',
  });
  const both = hsts.run(S, { transport: transport(refused), pages: pages(seenPast) });
  assert.equal(both.findings.length, 1);
  assert.match(both.notes.join('\n'), /refused by the browser \(ERR_CERT_DATE_INVALID\)/);
  const fromBrowser = hsts.run(S, { transport: transport(withHeader('max-age=31536000')), pages: pages(seenPast) });
  assert.deepEqual(
    fromBrowser.findings.map((f) => f.code),
    ['ignored-certificate-error'],
  );
  // Without the header it is simply missing.
  const bare = visit('https://example.test/', {
    responses: [response('https://example.test/', { headers: [] })],
    certificateBypassed: 'ERR_CERT_DATE_INVALID',
  });
  assert.deepEqual(
    hsts
      .run(S, { transport: transport(withHeader('max-age=31536000')), pages: pages(bare) })
      .findings.map((f) => f.code),
    ['missing'],
  );
});
