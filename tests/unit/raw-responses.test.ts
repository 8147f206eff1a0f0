// Chromium's own record of a page's responses, merged with Playwright's: the wire's header
// order where Playwright reorders it, and the responses only Chromium records (a favicon's redirect).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerLines, withRawResponses } from '../../src/recording/raw-responses.ts';
import { maskCookieValue } from '../../src/recording/page-log.ts';
import { response } from './evidence-builders.ts';

const mask = (headers: [string, string][]): [string, string][] =>
  headers.map(([n, v]) => [n, n === 'set-cookie' ? maskCookieValue(v) : v]);

test('header lines come in wire order from the raw block, spelling aside', () => {
  assert.deepEqual(
    headerLines({
      headers: { 'Strict-Transport-Security': 'max-age=0', 'strict-transport-security': 'max-age=31536000' },
      headersText:
        'HTTP/1.1 200 OK\r\nstrict-transport-security: max-age=31536000\r\nStrict-Transport-Security: max-age=0\r\nContent-Type: text/html\r\n\r\n',
    }),
    [
      ['strict-transport-security', 'max-age=31536000'],
      ['strict-transport-security', 'max-age=0'],
      ['content-type', 'text/html'],
    ],
  );
  // HTTP/2 has no raw block: repeats are joined by "\n" in order.
  assert.deepEqual(headerLines({ headers: { 'set-cookie': 'a=1\nb=2', location: '/x' } }), [
    ['set-cookie', 'a=1'],
    ['set-cookie', 'b=2'],
    ['location', '/x'],
  ]);
});

test("a response Playwright reported takes the wire's lines; one it did not becomes a response of its own", () => {
  const page = response('https://a.test/', {
    headers: [
      ['strict-transport-security', 'max-age=0'],
      ['strict-transport-security', 'max-age=31536000'],
    ],
  });
  const merged = withRawResponses(
    [page],
    [
      {
        url: 'https://a.test/',
        status: 200,
        resourceType: 'document',
        headers: [
          ['strict-transport-security', 'max-age=31536000'],
          ['strict-transport-security', 'max-age=0'],
          ['set-cookie', 'sid=secret; Secure'],
        ],
      },
      {
        url: 'https://a.test/favicon',
        status: 301,
        resourceType: 'other',
        headers: [['location', 'http://a.test/favicon.ico']],
      },
    ],
    mask,
  );
  assert.deepEqual(merged[0]!.headers, [
    ['strict-transport-security', 'max-age=31536000'],
    ['strict-transport-security', 'max-age=0'],
    ['set-cookie', 'sid=(value not recorded); Secure'],
  ]);
  assert.equal(merged[0]!.isNavigation, true);
  assert.deepEqual(merged[1], {
    url: 'https://a.test/favicon',
    status: 301,
    resourceType: 'other',
    isNavigation: false,
    mainFrame: false,
    headers: [['location', 'http://a.test/favicon.ico']],
    location: 'http://a.test/favicon.ico',
  });
  assert.equal(merged.length, 2);
});
