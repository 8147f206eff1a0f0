import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpRedirect } from '../../src/checks/http-redirect.ts';
import { statusOf } from '../../src/model/findings.ts';
import { unfollowable } from '../../src/model/redirects.ts';
import type { HttpExchange } from '../../src/model/evidence.ts';
import { answer, chain, failed, healthyHost, redirectHop, site, transport } from './evidence-builders.ts';

const S = site({ hosts: ['example.test'] });
const start = 'http://example.test/?https-scan=1';
const run = (...hops: Parameters<typeof chain>) =>
  httpRedirect.run(S, { transport: transport({ ...healthyHost('example.test'), http: chain(...hops) }) });

test('a permanent same-host redirect keeping path and query passes', () => {
  const out = run(
    redirectHop(start, 'https://example.test/?https-scan=1', 308),
    answer('https://example.test/?https-scan=1'),
  );
  assert.deepEqual(out.findings, []);
  assert.equal(statusOf(out), 'passed');
});

test('a temporary redirect is a medium finding', () => {
  const out = run(
    redirectHop(start, 'https://example.test/?https-scan=1', 302),
    answer('https://example.test/?https-scan=1'),
  );
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target]),
    [['medium', start]],
  );
  assert.match(out.findings[0]!.message, /temporary \(HTTP 302\)/);
});

test('no redirect at all is high', () => {
  const out = run(answer(start, 200));
  assert.deepEqual(
    out.findings.map((f) => f.severity),
    ['high'],
  );
  assert.match(out.findings[0]!.message, /answered HTTP 200 over plain http/);
});

test('a first redirect to another host or to http is high', () => {
  assert.match(
    run(redirectHop(start, 'https://www.example.test/'), answer('https://www.example.test/')).findings[0]!.message,
    /another host/,
  );
  assert.match(
    run(redirectHop(start, 'http://www.example.test/'), answer('http://www.example.test/')).findings[0]!.message,
    /not to https/,
  );
});

test('https on another port of the same host is not another host (https-port-443 reports the port)', () => {
  const out = run(
    redirectHop(start, 'https://example.test:8443/?https-scan=1'),
    answer('https://example.test:8443/?https-scan=1'),
  );
  assert.deepEqual(out.findings, []);
});

test('dropping the path or query is medium', () => {
  const out = run(redirectHop(start, 'https://example.test/'), answer('https://example.test/'));
  assert.deepEqual(
    out.findings.map((f) => f.severity),
    ['medium'],
  );
  assert.match(out.findings[0]!.message, /drops or changes the path or query/);
});

test('loops and chains longer than the policy are findings', () => {
  const a = 'https://example.test/?https-scan=1';
  const loop = run(
    redirectHop(start, a),
    redirectHop(a, 'https://example.test/b'),
    redirectHop('https://example.test/b', a),
  );
  assert.match(loop.findings[0]!.message, /redirect loop/);
  const hops = [
    redirectHop(start, a),
    redirectHop(a, 'https://example.test/1'),
    redirectHop('https://example.test/1', 'https://example.test/2'),
    redirectHop('https://example.test/2', 'https://example.test/3'),
    answer('https://example.test/3'),
  ];
  const long = run(...hops);
  assert.match(long.findings[0]!.message, /4 redirects before the final page \(policy allows 3\)/);
  const relaxed = httpRedirect.run(site({ hosts: ['example.test'], policy: { ...S.policy, maxRedirectHops: 4 } }), {
    transport: transport({ ...healthyHost('example.test'), http: chain(...hops) }),
  });
  assert.deepEqual(relaxed.findings, []);
});

test('port 80 closed on a host that answers https is fine; both down is could-not-measure', () => {
  const closed = run(failed('http://example.test/', { kind: 'refused' }));
  assert.deepEqual(closed.findings, []);
  assert.equal(closed.notes.length, 1);
  const down = httpRedirect.run(S, {
    transport: transport({
      host: 'example.test',
      https: chain(failed('https://example.test/', { kind: 'dns' })),
      http: chain(failed('http://example.test/', { kind: 'dns' })),
    }),
  });
  assert.deepEqual(
    down.unmeasured.map((u) => u.target),
    ['example.test'],
  );
  assert.equal(statusOf(down), 'error');
});

test('only http(s) Locations are followed: another scheme is unsafe, a Location that is no URL is bad', () => {
  assert.equal(unfollowable('https://example.test/'), undefined);
  assert.equal(unfollowable('http://example.test/'), undefined);
  for (const location of [
    'javascript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'ftp://example.test/',
    'ws://example.test/',
  ]) {
    assert.equal(unfollowable(location), 'unsafe-scheme', location);
  }
  assert.equal(unfollowable('http://[bad'), 'bad-location');
});

test('a redirect browsers never follow ends the chain with one high finding, at the first hop or later', () => {
  const endsWith = (...hops: HttpExchange[]) =>
    httpRedirect.run(S, {
      transport: transport({ ...healthyHost('example.test'), http: { ...chain(...hops), outcome: 'unsafe-scheme' } }),
    }).findings;
  for (const location of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd']) {
    const first = endsWith(redirectHop(start, location));
    assert.deepEqual(
      first.map((f) => [f.severity, f.code, f.target]),
      [['high', 'unsafe-redirect', start]],
    );
    assert.equal(
      first[0]!.message,
      `${start} redirects (HTTP 301) to ${location}: browsers follow redirects only to http(s) URLs, so the chain never reaches an https page`,
    );
  }
  const a = 'https://example.test/?https-scan=1';
  assert.deepEqual(
    endsWith(redirectHop(start, a), redirectHop(a, 'javascript:x')).map((f) => [f.code, f.message.split(':')[0]]),
    [['unsafe-redirect', 'https']],
  );
});

test('a Location that is not a URL is a high finding, and no exception', () => {
  const bad: HttpExchange = { ...answer(start, 301), location: 'http://[bad' };
  const out = httpRedirect.run(S, {
    transport: transport({ ...healthyHost('example.test'), http: { ...chain(bad), outcome: 'bad-location' } }),
  });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.code]),
    [['high', 'invalid-location']],
  );
  assert.match(out.findings[0]!.message, /to "http:\/\/\[bad", which is not a URL/);
});
