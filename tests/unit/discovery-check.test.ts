// The discovery check on hand-made evidence, the origin every check adds to a discovered host's
// findings, and the discovery history kept between runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS } from '../../src/checks/index.ts';
import type { DiscoveryEvidence, SiteEvidence } from '../../src/model/evidence.ts';
import type { Site } from '../../src/model/site.ts';
import { DISCOVERY_OFF } from '../../src/evidence/discover.ts';
import { updateHistory, changeLine } from '../../src/report/discovery-history.ts';
import { answer, chain, healthyHost, site, transport } from './evidence-builders.ts';

/** A check as the scan runs it (from CHECKS, so with the origins of discovered hosts), on the kinds it needs. */
const run = (id: string, s: Site, evidence: Partial<SiteEvidence>) =>
  CHECKS.find((c) => c.id === id)!.run(s, evidence as SiteEvidence);

const EVIDENCE: DiscoveryEvidence = {
  enabled: true,
  domain: 'example.test',
  sources: [
    { kind: 'certificates', target: 'the certificates', status: 'ok', hosts: 2, pages: 0 },
    {
      kind: 'robots',
      target: 'https://example.test/robots.txt',
      status: 'none',
      detail: 'HTTP 404',
      hosts: 0,
      pages: 0,
    },
    { kind: 'ct', target: 'https://ct.test/?q=example.test', status: 'failed', detail: 'HTTP 502', hosts: 0, pages: 0 },
  ],
  hosts: [
    { host: 'admin.example.test', origin: 'SAN of the certificate of example.test', status: 'probed' },
    {
      host: 'mail.example.test',
      origin: 'SAN of the certificate of example.test',
      status: 'no-answer',
      reason: 'refused',
    },
    { host: 'z.example.test', origin: 'linked from https://example.test/', status: 'over-limit' },
  ],
  pages: [
    { url: 'https://example.test/about', origin: 'linked from https://example.test/', status: 'visited' },
    { url: 'https://example.test/gen/9', origin: 'linked from x', status: 'not-visited', why: 'past maxPages 1' },
  ],
  wildcards: [{ name: '*.cdn.example.test', origin: 'SAN of the certificate of example.test' }],
  thirdParties: [{ host: 'cdn.other.test', origin: 'loaded by https://example.test/' }],
  bounds: [
    'stopped at maxPages 1: 1 more link not visited',
    'stopped at maxHosts 1: 1 more host(s) not probed',
    '1 link(s) not followed (they look like sign-out or delete links): https://example.test/logout',
  ],
};

test('discovery off: not applicable, nothing else', () => {
  const outcome = run('discovery', site(), { discovery: DISCOVERY_OFF });
  assert.match(outcome.notApplicable ?? '', /discovery is off/);
  assert.deepEqual([outcome.findings, outcome.unmeasured], [[], []]);
});

test('unlisted hosts and pages are low, a host answering nowhere is info, bounds are said, a failed source is could-not-measure', () => {
  const outcome = run('discovery', site(), { discovery: EVIDENCE });
  assert.deepEqual(
    outcome.findings.map((f) => [f.severity, f.code, f.target]),
    [
      ['low', 'unlisted-host', 'admin.example.test'],
      ['info', 'no-answer', 'mail.example.test'],
      ['low', 'unlisted-host', 'z.example.test'],
      ['low', 'unlisted-page', 'https://example.test/about'],
      ['low', 'pages-bounded', 'example'],
      ['low', 'hosts-bounded', 'example'],
    ],
  );
  assert.match(outcome.findings[2]!.message, /not probed: past maxHosts/);
  assert.deepEqual(outcome.unmeasured, [{ target: 'CT https://ct.test/?q=example.test', reason: 'failed: HTTP 502' }]);
  const notes = outcome.notes.join('\n');
  assert.match(
    notes,
    /robots\.txt https:\/\/example\.test\/robots\.txt: none, 0 host name\(s\), 0 page\(s\) \(HTTP 404\)/,
  );
  assert.match(notes, /third parties .*cdn\.other\.test \(loaded by https:\/\/example\.test\/\)/);
  assert.match(notes, /wildcard names .*\*\.cdn\.example\.test/);
  assert.match(notes, /look like sign-out or delete links/);
});

test("every check's findings on a discovered host say where its name came from; listed hosts' do not", () => {
  const discovered = {
    host: 'legacy.example.test',
    https: chain(answer('https://legacy.example.test/', 200, [])),
    http: chain(answer('http://legacy.example.test/?https-scan=1', 200)),
    origin: 'SAN of the certificate of example.test',
  };
  const listed = { ...healthyHost('example.test'), https: chain(answer('https://example.test/', 200, [])) };
  const outcome = run('hsts', site({ hosts: ['example.test'] }), {
    transport: transport(listed, discovered),
    pages: { browserVersion: 'x', visits: [], flows: [] },
  });
  assert.deepEqual(
    outcome.findings.map((f) => f.message),
    [
      'no Strict-Transport-Security header',
      'no Strict-Transport-Security header (discovered: SAN of the certificate of example.test)',
    ],
  );
  const redirect = run('http-redirect', site({ hosts: ['example.test'] }), {
    transport: transport(discovered),
  });
  assert.match(redirect.findings[0]!.message, /\(discovered: SAN of the certificate of example\.test\)$/);
});

test('history: first run records, later runs say new and gone, a failed source keeps what it may only have missed', () => {
  const run = (hosts: string[], failed = false): DiscoveryEvidence => ({
    ...EVIDENCE,
    sources: failed ? EVIDENCE.sources : EVIDENCE.sources.filter((s) => s.status !== 'failed'),
    hosts: hosts.map((host) => ({ host, origin: `SAN of ${host}`, status: 'probed' as const })),
  });
  const first = updateHistory(undefined, [{ site: 'shop', evidence: run(['a.example.test', 'b.example.test']) }], 'D1');
  assert.deepEqual(first.changes, []);
  assert.equal(first.history.hosts.length, 2);
  const second = updateHistory(
    first.history,
    [{ site: 'shop', evidence: run(['b.example.test', 'c.example.test']) }],
    'D2',
  );
  assert.deepEqual(second.changes.map(changeLine), [
    'new host: c.example.test (shop), from SAN of c.example.test',
    'gone: a.example.test (shop), no longer found (first found: SAN of a.example.test; last seen D1)',
  ]);
  const third = updateHistory(second.history, [{ site: 'shop', evidence: run([], true) }], 'D3');
  assert.deepEqual(third.changes, []);
  assert.deepEqual(
    third.history.hosts.map((h) => [h.host, h.firstSeen, h.lastSeen]),
    [
      ['b.example.test', 'D1', 'D2'],
      ['c.example.test', 'D2', 'D2'],
    ],
  );
  // A site not in this run keeps its hosts.
  const other = updateHistory(third.history, [{ site: 'blog', evidence: run(['x.example.test']) }], 'D4');
  assert.equal(other.history.hosts.filter((h) => h.site === 'shop').length, 2);
});
