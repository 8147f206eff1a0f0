import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiTransport } from '../../src/checks/api-transport.ts';
import { CHECKS } from '../../src/checks/index.ts';
import { cookieSecure } from '../../src/checks/cookie-secure.ts';
import { statusOf } from '../../src/model/findings.ts';
import type { ApisEvidence } from '../../src/model/evidence.ts';
import type { Site } from '../../src/model/site.ts';
import { NO_APIS } from '../../src/model/apis.ts';
import { DISCOVERY_OFF } from '../../src/evidence/discover.ts';
import { pages, site, tlsEvidence, tlsHost, transport } from './evidence-builders.ts';
import {
  api,
  apiCall,
  apiSite,
  apisEvidence,
  httpsAnswer,
  json,
  record,
  twinAnswer,
  twinRefused,
} from './api-builders.ts';

const URL_A = 'https://api.example.test/v1/orders';

const run = (s: Site, apis: ApisEvidence) => apiTransport.run(s, { apis });
const lines = (s: Site, apis: ApisEvidence) =>
  run(s, apis).findings.map((f): [string, string, string] => [f.severity, f.code, f.target]);

/** One API with one endpoint, asked as `call` says. */
const one = (call = apiCall(URL_A), url = URL_A) =>
  [apiSite([api('orders', [url])]), apisEvidence(record('orders', [call]))] as const;

test('a clean API passes: https on 443, its http:// twin refused, https links only; HSTS only noted', () => {
  const out = run(...one());
  assert.deepEqual(out.findings, []);
  assert.deepEqual(out.unmeasured, []);
  assert.equal(statusOf(out), 'passed');
  assert.ok(out.checked.includes(URL_A));
  assert.ok(out.notes.some((n) => /api\.example\.test.*max-age=31536000.*noted only/.test(n)));
});

test('no HSTS on an API is a note, never a finding', () => {
  const call = apiCall(URL_A, { https: httpsAnswer(URL_A, { headers: [['content-type', 'application/json']] }) });
  const out = run(...one(call));
  assert.deepEqual(out.findings, []);
  assert.ok(out.notes.some((n) => /no Strict-Transport-Security; noted only/.test(n)));
});

test('a site without APIs: not applicable, not passed', () => {
  const out = run(site(), NO_APIS);
  assert.equal(statusOf(out), 'skipped');
  assert.equal(out.notApplicable, 'the site lists no API');
});

test('http-endpoint: an endpoint listed as http:// is high', () => {
  const http = 'http://api.example.test/v1/orders';
  assert.deepEqual(lines(...one(apiCall(URL_A), http)), [['high', 'http-endpoint', http]]);
});

test('not-port-443: an https endpoint on another port is medium', () => {
  const odd = 'https://api.example.test:8443/v1/orders';
  assert.deepEqual(lines(...one(apiCall(odd), odd)), [['medium', 'not-port-443', odd]]);
});

test('http-server: an http:// server of the OpenAPI document is a finding by itself; a relative one is noted', () => {
  const s = apiSite([api('docs', [], { openapi: '/x/openapi.yaml' })]);
  const evidence = apisEvidence(
    record('docs', [apiCall(URL_A, { source: 'openapi GET /orders' })], {
      openapi: {
        file: '/x/openapi.yaml',
        servers: [
          { url: 'https://api.example.test/v1', where: 'servers[0]' },
          { url: 'http://api.example.test/v1', where: 'servers[1]' },
          { url: '/v1', where: 'servers[2]' },
        ],
        operations: 1,
        notCalled: [],
      },
    }),
  );
  assert.deepEqual(lines(s, evidence), [['high', 'http-server', 'http://api.example.test/v1']]);
  assert.ok(run(s, evidence).notes.some((n) => /servers\[2\].*"\/v1" is not an absolute URL/.test(n)));
});

test('http-twin-answers: an http:// twin that answers with data (or any success) is high', () => {
  const twin = 'http://api.example.test/v1/orders';
  for (const answer of [twinAnswer(URL_A, 200, { body: json() }), twinAnswer(URL_A, 204)]) {
    assert.deepEqual(lines(...one(apiCall(URL_A, { twin: answer }))), [['high', 'http-twin-answers', twin]]);
  }
  const [finding] = run(...one(apiCall(URL_A, { twin: twinAnswer(URL_A, 200, { body: json() }) }))).findings;
  assert.match(finding!.message, /answered HTTP 200 with 42 bytes of JSON over plain http/);
});

test('an http:// twin refusing the connection, or answering an error, passes (noted)', () => {
  for (const twin of [twinRefused(URL_A), twinAnswer(URL_A, 403, { body: json([], 20) }), twinAnswer(URL_A, 426)]) {
    const out = run(...one(apiCall(URL_A, { twin })));
    assert.deepEqual(out.findings, [], JSON.stringify(twin));
    assert.equal(statusOf(out), 'passed');
    assert.ok(out.notes.some((n) => n.includes('which passes')));
  }
});

test('http-twin-redirects: 301, 302 and 303 are high (the token went first, and a POST turns into a GET)', () => {
  for (const status of [301, 302, 303]) {
    const twin = twinAnswer(URL_A, status, { location: URL_A, method: 'POST' });
    const out = run(...one(apiCall(URL_A, { method: 'POST', twin })));
    assert.deepEqual(
      out.findings.map((f) => [f.severity, f.code]),
      [['high', 'http-twin-redirects']],
    );
    assert.match(out.findings[0]!.message, /turns a POST \(or PUT\) into a GET/);
  }
});

test('http-twin-redirects-keeping-method: 307 and 308 are findings too, lower than 301', () => {
  for (const status of [307, 308]) {
    const out = run(...one(apiCall(URL_A, { twin: twinAnswer(URL_A, status, { location: URL_A }) })));
    assert.deepEqual(
      out.findings.map((f) => [f.severity, f.code]),
      [['medium', 'http-twin-redirects-keeping-method']],
    );
  }
});

test('a twin not asked (its URL would carry a secret) is could not measure, never passed', () => {
  const out = run(...one(apiCall(URL_A, { twin: undefined, twinSkipped: 'its path holds a secret' })));
  assert.deepEqual(out.unmeasured, [
    { target: `http:// twin of ${URL_A}`, reason: 'not asked: its path holds a secret' },
  ]);
  assert.equal(statusOf(out), 'error');
});

test('redirect-to-http: an https answer redirecting to http:// is high', () => {
  const https = httpsAnswer(URL_A, {
    status: 302,
    location: 'http://api.example.test/v1/orders/',
    headers: [['location', 'http://api.example.test/v1/orders/']],
    body: undefined,
  });
  assert.deepEqual(lines(...one(apiCall(URL_A, { https }))), [['high', 'redirect-to-http', URL_A]]);
});

test('http-link: http:// URLs of the own hosts in JSON (by JSON path) and in link headers are medium', () => {
  const https = httpsAnswer(URL_A, {
    headers: [
      ['content-type', 'application/json'],
      [
        'link',
        '<http://api.example.test/v1/orders?page=2>; rel="next", <https://api.example.test/v1/orders?page=1>; rel="first"',
      ],
      ['content-location', 'http://api.example.test/v1/orders/all'],
    ],
    body: json([{ path: '$.links.next', url: 'http://api.example.test/v1/orders?page=2' }]),
  });
  assert.deepEqual(lines(...one(apiCall(URL_A, { https }))), [
    ['medium', 'http-link', `${URL_A} › Link header`],
    ['medium', 'http-link', `${URL_A} › Content-Location header`],
    ['medium', 'http-link', `${URL_A} › $.links.next`],
  ]);
});

test("http-link-other-host: an http:// URL of another host is low; the site's own hosts count as own", () => {
  const https = httpsAnswer(URL_A, {
    body: json([
      { path: '$.items[0].image', url: 'http://cdn.other.test/a.png' },
      { path: '$.home', url: 'http://example.test/' },
      { path: '$.socket', url: 'ws://api.example.test/live' },
    ]),
  });
  assert.deepEqual(lines(...one(apiCall(URL_A, { https }))), [
    ['low', 'http-link-other-host', `${URL_A} › $.items[0].image`],
    ['medium', 'http-link', `${URL_A} › $.home`],
    ['medium', 'http-link', `${URL_A} › $.socket`],
  ]);
});

test('what was not asked or not read is could not measure: withheld credentials, no answer, a body cut short', () => {
  const withheld = httpsAnswer(URL_A, {
    status: undefined,
    headers: [],
    body: undefined,
    credentials: false,
    withheld: 'the certificate of api.example.test is not trusted (CERT_HAS_EXPIRED)',
  });
  const refused = httpsAnswer(URL_A, {
    status: undefined,
    headers: [],
    body: undefined,
    error: { kind: 'refused', phase: 'connect', code: 'ECONNREFUSED', message: 'refused' },
  });
  const cut = httpsAnswer(URL_A, {
    body: { ...json(), format: 'invalid-json', incomplete: 'the body is longer than 1048576 bytes' },
  });
  const reasons = [withheld, refused, cut].map((https) => run(...one(apiCall(URL_A, { https }))).unmeasured);
  assert.match(reasons[0]![0]!.reason, /was not sent: the certificate .* not trusted/);
  assert.match(reasons[1]![0]!.reason, /connection refused/);
  assert.deepEqual(reasons[2], [
    {
      target: `${URL_A} › body`,
      reason: `GET ${URL_A}: the body is longer than 1048576 bytes, so its JSON could not be searched`,
    },
  ]);
});

test('an OpenAPI document that could not be read, or an API with nothing to ask, is could not measure', () => {
  const s = apiSite([api('docs', [], { openapi: '/x/openapi.yaml' })]);
  const broken = run(
    s,
    apisEvidence(
      record('docs', [], {
        openapi: { file: '/x/openapi.yaml', servers: [], operations: 0, notCalled: [], error: 'not valid' },
      }),
    ),
  );
  assert.deepEqual(broken.unmeasured, [{ target: '/x/openapi.yaml', reason: 'not valid' }]);
  const nothing = run(
    s,
    apisEvidence(
      record('docs', [], {
        openapi: { file: '/x/openapi.yaml', servers: [], operations: 1, notCalled: ['GET /a: no absolute server URL'] },
      }),
    ),
  );
  assert.equal(statusOf(nothing), 'error');
  assert.match(nothing.unmeasured[0]!.reason, /nothing could be asked/);
  assert.ok(nothing.notes.some((n) => n.includes('GET /a: no absolute server URL')));
});

test("a top-level API's group: the checks of a site's hosts and pages do not apply; the API and TLS checks do", () => {
  const group = apiSite([api('orders', [URL_A])], { group: 'api', hosts: [], pages: [] });
  const evidence = {
    transport: transport(),
    pages: pages(),
    tls: tlsEvidence(tlsHost('api.example.test')),
    apis: apisEvidence(record('orders', [apiCall(URL_A)])),
    discovery: DISCOVERY_OFF,
  };
  const statuses = Object.fromEntries(CHECKS.map((c) => [c.id, statusOf(c.run(group, evidence))]));
  for (const id of ['https-port-443', 'http-redirect', 'no-downgrade', 'hsts', 'mixed-content', 'secure-forms'])
    assert.equal(statuses[id], 'skipped', id);
  for (const id of ['api-transport', 'certificate-trust', 'tls-protocols']) assert.equal(statuses[id], 'passed', id);
  // The same checks on an ordinary site are not held back.
  const https443 = CHECKS.find((c) => c.id === 'https-port-443')!;
  assert.equal(https443.run(site(), evidence).notApplicable, undefined);
});

test('cookies an API sets are judged by the cookie checks, named after the API', () => {
  const https = httpsAnswer(URL_A, {
    headers: [
      ['content-type', 'application/json'],
      ['set-cookie', 'api_pref=1; Path=/'],
    ],
  });
  const apis = apisEvidence(record('orders', [apiCall(URL_A, { https })]));
  const out = cookieSecure.run(apiSite([api('orders', [URL_A])]), { pages: pages(), apis });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target]),
    [['medium', `api_pref (${URL_A})`]],
  );
  assert.match(out.findings[0]!.message, /during API orders/);
});
