import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noDowngrade } from '../../src/checks/no-downgrade.ts';
import {
  answer,
  chain,
  healthyHost,
  pages,
  redirectHop,
  response,
  site,
  transport,
  visit,
  unloaded,
} from './evidence-builders.ts';

const S = site();
const clean = transport(healthyHost('example.test'), healthyHost('www.example.test'));

test('a clean site passes', () => {
  const out = noDowngrade.run(S, {
    transport: clean,
    pages: pages(
      visit('https://example.test/', { links: [{ href: 'https://example.test/a', pageUrl: 'https://example.test/' }] }),
    ),
  });
  assert.deepEqual(out.findings, []);
});

test('an https redirect to http seen from Node is high', () => {
  const host = {
    ...healthyHost('www.example.test'),
    https: chain(
      redirectHop('https://www.example.test/', 'http://www.example.test/home'),
      answer('http://www.example.test/home'),
    ),
  };
  const out = noDowngrade.run(S, { transport: transport(healthyHost('example.test'), host), pages: pages() });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target]),
    [['high', 'https://www.example.test/']],
  );
});

test('an https redirect to http seen by the browser is high', () => {
  const v = visit('https://example.test/old', {
    responses: [response('https://example.test/old', { status: 301, location: 'http://example.test/new' })],
  });
  const out = noDowngrade.run(S, { transport: clean, pages: pages(v) });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.target]),
    [['high', 'https://example.test/old']],
  );
});

test('a navigation the page starts from https to http is high; one caused by a redirect is not counted twice', () => {
  const v = visit('https://example.test/', {
    navigations: [
      { url: 'https://example.test/', mainFrame: true, redirected: false },
      { url: 'http://example.test/landing', mainFrame: true, from: 'https://example.test/', redirected: false },
      { url: 'http://example.test/x', mainFrame: true, from: 'https://example.test/', redirected: true },
    ],
  });
  const out = noDowngrade.run(S, { transport: clean, pages: pages(v) });
  assert.deepEqual(
    out.findings.map((f) => f.message),
    ['the page navigates from https to plain http: http://example.test/landing'],
  );
});

test('http links to own hosts are medium; to other sites they are not this check', () => {
  const v = visit('https://example.test/', {
    links: [
      { href: 'http://www.example.test/a', pageUrl: 'https://example.test/' },
      { href: 'http://elsewhere.test/', pageUrl: 'https://example.test/' },
    ],
  });
  const out = noDowngrade.run(S, { transport: clean, pages: pages(v) });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.message]),
    [['medium', "links to the site's own host over plain http: http://www.example.test/a"]],
  );
});

test('a page that never loaded is could-not-measure; a host the browser could not connect to is named once', () => {
  const v = unloaded('https://example.test/', 'net::ERR_CONNECTION_REFUSED');
  const out = noDowngrade.run(S, { transport: clean, pages: pages(v) });
  assert.deepEqual(out.unmeasured, [{ target: 'example.test', reason: 'host unreachable (see https-port-443)' }]);
});

test('an https redirect to a scheme that is neither http nor https is medium, from Node and in the browser', () => {
  const host = {
    ...healthyHost('www.example.test'),
    https: {
      ...chain(redirectHop('https://www.example.test/', 'javascript:alert(1)')),
      outcome: 'unsafe-scheme' as const,
    },
  };
  const v = visit('https://example.test/go', {
    responses: [response('https://example.test/go', { status: 302, location: 'data:text/html,hi' })],
  });
  const out = noDowngrade.run(S, { transport: transport(healthyHost('example.test'), host), pages: pages(v) });
  assert.deepEqual(
    out.findings.map((f) => [f.severity, f.code, f.target]),
    [
      ['medium', 'redirect-to-other-scheme', 'https://www.example.test/'],
      ['medium', 'redirect-to-other-scheme', 'https://example.test/go'],
    ],
  );
  assert.match(out.findings[0]!.message, /^redirects from https to javascript:alert\(1\) \(HTTP 301\)/);
});
