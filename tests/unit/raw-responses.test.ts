// Chromium's own record of a page's responses, merged with Playwright's: the wire's header
// order where Playwright reorders it, and the responses only Chromium records (a favicon's redirect).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ExtraInfo, headerLines, RawResponses, withRawResponses } from '../../src/recording/raw-responses.ts';
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

test("a redirect's record belongs to the hop it left, whether it comes before or after the request moves on", () => {
  const favicon = { requestId: '7', type: 'Other' };
  const redirect = {
    url: 'https://a.test/favicon',
    status: 301,
    headers: { location: 'http://a.test/favicon.ico' },
  };
  const info = (statusCode: number, location?: string): ExtraInfo => ({
    requestId: '7',
    statusCode,
    headers: location ? { location } : {},
  });
  // Chromium 156 announces the favicon's redirect without its redirectResponse: the record is
  // then matched by its Location (here with a fragment, which the request URL drops).
  for (const recordFirst of [true, false])
    for (const withResponse of [true, false]) {
      const raw = new RawResponses();
      raw.willBeSent({ ...favicon, request: { url: 'https://a.test/favicon' } });
      if (recordFirst) raw.extraInfo(info(301, 'http://a.test/favicon.ico'));
      raw.willBeSent({
        ...favicon,
        request: { url: 'http://a.test/favicon.ico' },
        ...(withResponse ? { redirectResponse: redirect } : {}),
      });
      if (!recordFirst)
        raw.extraInfo(info(301, withResponse ? 'http://a.test/favicon.ico' : 'http://a.test/favicon.ico#top'));
      raw.extraInfo(info(200));
      assert.deepEqual(
        raw.take().map((r) => `${r.status} ${r.url}`),
        ['301 https://a.test/favicon', '200 http://a.test/favicon.ico'],
        `${recordFirst ? 'record first' : 'record after the redirect'}, ${withResponse ? 'with' : 'without'} redirectResponse`,
      );
    }
  // The browser's own HSTS upgrade has no record: the next answer is the upgraded URL's.
  const raw = new RawResponses();
  raw.willBeSent({ ...favicon, request: { url: 'http://a.test/x' } });
  raw.willBeSent({
    ...favicon,
    request: { url: 'https://a.test/x' },
    redirectResponse: { url: 'http://a.test/x', status: 307, headers: { 'Non-Authoritative-Reason': 'HSTS' } },
  });
  raw.extraInfo(info(307, 'https://a.test/y'));
  // Nor when the browser announces it without a redirectResponse: the next URL's own redirect
  // goes elsewhere, so it is not the hop's.
  raw.willBeSent({ ...favicon, requestId: '8', request: { url: 'http://a.test/icon' } });
  raw.willBeSent({ ...favicon, requestId: '8', request: { url: 'https://a.test/icon' } });
  raw.extraInfo({ ...info(301, 'http://a.test/icon.png'), requestId: '8' });
  assert.deepEqual(
    raw.take().map((r) => `${r.status} ${r.url}`),
    ['307 https://a.test/x', '301 https://a.test/icon'],
  );
});
