// What counts as read of a page, decided by the recorder's pure log-to-visit function on
// hand-made readings: no browser, so each rule is pinned exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JarCookie } from '../../src/model/evidence.ts';
import type { JarSnapshot } from '../../src/recording/cookie-jar.ts';
import type { PageRead } from '../../src/recording/page-read.ts';
import { type PageReading, visitOf } from '../../src/recording/visit.ts';
import { browserErrorWords, netErrorOf } from '../../src/model/browser-errors.ts';
import { response } from './evidence-builders.ts';

const URL_ = 'https://shop.test/cart';

const jar = (...cookies: [JarCookie, string][]): JarSnapshot =>
  new Map(
    cookies.map(([cookie, value]) => [
      `${cookie.name}\t${cookie.domain}\t${cookie.path}`,
      { cookie, fingerprint: JSON.stringify([value, cookie]) },
    ]),
  );
const cookie = (name: string): JarCookie => ({
  name,
  domain: 'shop.test',
  path: '/',
  secure: true,
  httpOnly: true,
  session: true,
});
const dom = (unread: PageRead['unread'] = []): PageRead => ({
  links: [],
  insecureReferences: [],
  forms: [],
  upgradingFrames: [],
  unread,
});

function reading(overrides: Partial<PageReading> = {}): PageReading {
  return {
    origin: { kind: 'page', path: '/cart' },
    url: URL_,
    finalUrl: URL_,
    crashed: false,
    closed: false,
    hasCdp: true,
    dom: dom(),
    jarBefore: jar(),
    jarAfter: jar(),
    events: { responses: [], missedResponses: 0, navigations: [], mixedContent: [] },
    readMs: 5000,
    elapsedMs: 10,
    ...overrides,
  };
}

test('a page that loaded and was read is not unread and has no notes', () => {
  const visit = visitOf(reading());
  assert.deepEqual(visit.unread, []);
  assert.deepEqual(visit.notes, []);
  assert.equal(visit.finalUrl, URL_);
});

test('documents asking to upgrade insecure requests, by their CSP header or their <meta>, are named', () => {
  const frame = 'https://w.test/frame';
  const v = visitOf(
    reading({
      dom: { ...dom(), upgradingFrames: [frame] },
      events: {
        responses: [
          response(URL_, { headers: [['content-security-policy', "default-src 'self'; upgrade-insecure-requests"]] }),
          response('https://shop.test/other', {
            headers: [['content-security-policy-report-only', 'upgrade-insecure-requests']],
          }),
          response('https://shop.test/img.png', {
            isNavigation: false,
            headers: [['content-security-policy', 'upgrade-insecure-requests']],
          }),
        ],
        missedResponses: 0,
        navigations: [],
        mixedContent: [],
      },
    }),
  );
  assert.deepEqual(v.upgradingDocuments, [URL_, frame]);
  assert.equal(visitOf(reading()).upgradingDocuments, undefined);
});

test("a failed navigation makes the page unread, typed with the browser's network error", () => {
  const error = 'page.goto: net::ERR_NAME_NOT_RESOLVED at https://shop.test/cart';
  const visit = visitOf(reading({ error, dom: undefined, jarAfter: undefined }));
  assert.deepEqual(visit.unread, [
    {
      target: URL_,
      kind: 'not-loaded',
      netError: 'ERR_NAME_NOT_RESOLVED',
      reason: 'the page did not load: the host name does not resolve (net::ERR_NAME_NOT_RESOLVED)',
    },
  ]);
  // The raw error stays in the evidence.
  assert.equal(visit.error, error);
});

test('what a page that did not load could not give is said once, by its own reason', () => {
  const visit = visitOf(
    reading({
      error: 'page.goto: Timeout 20000ms exceeded.',
      jarAfter: undefined,
      events: { responses: [], missedResponses: 3, navigations: [], mixedContent: [] },
    }),
  );
  assert.deepEqual(
    visit.unread.map((u) => u.kind),
    ['not-loaded'],
  );
  assert.equal(visit.unread[0]!.netError, undefined);
});

test('a crashed renderer is the reason, whatever else failed', () => {
  const visit = visitOf(reading({ crashed: true, error: 'page.goto: net::ERR_ABORTED', dom: undefined }));
  assert.deepEqual(visit.unread, [{ target: URL_, kind: 'crashed', reason: "the page's renderer crashed" }]);
  assert.deepEqual(visit.notes, [], 'a crashed page is not "closed before it was read"');
});

test("a page left on the browser's error page names the navigation's failure", () => {
  const visit = visitOf(
    reading({
      finalUrl: 'chrome-error://chromewebdata/',
      navigationFailure: 'net::ERR_CERT_DATE_INVALID',
      dom: undefined,
    }),
  );
  assert.deepEqual(visit.unread, [
    {
      target: URL_,
      kind: 'error-page',
      netError: 'ERR_CERT_DATE_INVALID',
      reason:
        'the browser showed its error page instead: the browser refused the certificate: it has expired or is not valid yet (net::ERR_CERT_DATE_INVALID)',
    },
  ]);
});

test('frames that could not be read make one entry named after the page', () => {
  const one = visitOf(reading({ dom: dom([{ target: 'https://w.test/f', reason: 'too slow' }]) }));
  assert.deepEqual(one.unread, [
    { target: URL_, kind: 'frames', reason: 'a frame could not be read: https://w.test/f: too slow' },
  ]);
  const three = visitOf(
    reading({
      dom: dom([
        { target: 'https://w.test/a', reason: 'too slow' },
        { target: 'https://w.test/b', reason: 'too large' },
        { target: 'https://w.test/c', reason: 'failed' },
      ]),
    }),
  );
  assert.equal(three.unread[0]!.reason, '3 of its frames could not be read (first: https://w.test/a: too slow)');
});

test('a jar that could not be read, and responses whose headers were missed, make the page unread', () => {
  const visit = visitOf(
    reading({
      jarAfter: undefined,
      events: { responses: [], missedResponses: 2, navigations: [], mixedContent: [] },
    }),
  );
  assert.deepEqual(visit.unread, [
    { target: URL_, kind: 'cookies', reason: 'its cookies could not be read within 5000 ms' },
    { target: URL_, kind: 'responses', reason: '2 of its 2 responses could not be read within 5000 ms' },
  ]);
});

test('a page closed before it was read keeps what it did and says so; its cookies are not owed', () => {
  const visit = visitOf(reading({ closed: true, dom: undefined, jarAfter: undefined, hasCdp: true }));
  assert.deepEqual(visit.unread, []);
  assert.equal(visit.notes.length, 1);
  assert.match(visit.notes[0]!, /was closed before it was read/);
});

test('a browser without CDP is said in the notes', () => {
  const visit = visitOf(reading({ hasCdp: false, jarAfter: undefined }));
  assert.deepEqual(visit.unread, []);
  assert.deepEqual(visit.notes, [
    'the browser has no CDP (Chromium only): its own mixed-content reports and cookies set by scripts were not read',
  ]);
});

test('cookies are those the jar gained or changed since the last snapshot', () => {
  const kept = cookie('kept');
  const changed = cookie('changed');
  const added = cookie('added');
  const visit = visitOf(
    reading({
      jarBefore: jar([kept, '1'], [changed, 'a']),
      jarAfter: jar([kept, '1'], [changed, 'b'], [added, 'x']),
    }),
  );
  assert.deepEqual(
    visit.cookies.map((c) => c.name),
    ['changed', 'added'],
  );
});

test("Playwright's error lines become words: no API name in front, a timeout by what did not happen", () => {
  assert.equal(
    browserErrorWords('page.goto: net::ERR_CERT_DATE_INVALID at https://x/'),
    'the browser refused the certificate: it has expired or is not valid yet (net::ERR_CERT_DATE_INVALID)',
  );
  assert.equal(browserErrorWords('page.goto: Timeout 20000ms exceeded.'), 'still loading after 20000 ms');
  assert.equal(browserErrorWords('locator.click: Timeout 2000ms exceeded.'), 'click did not complete within 2000 ms');
  assert.equal(
    browserErrorWords('net::ERR_SOMETHING_NEW'),
    'the browser reported a network error (net::ERR_SOMETHING_NEW)',
  );
  assert.equal(browserErrorWords('page.goto: Navigation interrupted'), 'Navigation interrupted');
  for (const line of ['page.goto: Timeout 5000ms exceeded.', 'page.goto: net::ERR_ABORTED at https://x/'])
    assert.doesNotMatch(browserErrorWords(line), /page\.goto/);
});

test("the network error is read from Playwright's and Chromium's wording alike", () => {
  assert.equal(netErrorOf('page.goto: net::ERR_CONNECTION_REFUSED at https://x/'), 'ERR_CONNECTION_REFUSED');
  assert.equal(netErrorOf('net::ERR_CERT_AUTHORITY_INVALID'), 'ERR_CERT_AUTHORITY_INVALID');
  assert.equal(netErrorOf('page.goto: Timeout 20000ms exceeded.'), undefined);
  assert.equal(netErrorOf(undefined), undefined);
});

test('a page that stopped answering while its late content ran is unread, in words; one that ran out of wall time says so', () => {
  const busy = visitOf(reading({ dom: undefined, settled: { outcome: 'busy', settleMs: 1500, wallMs: 2100 } }));
  assert.deepEqual(
    busy.unread.map((u) => [u.kind, u.reason]),
    [
      [
        'busy',
        'the page stopped answering while its first 1500 ms after load were run (a script that never ends?): it was not read',
      ],
    ],
  );
  const capped = visitOf(reading({ settled: { outcome: 'capped', settleMs: 1500, wallMs: 4000 } }));
  assert.deepEqual(capped.unread, []);
  assert.deepEqual(capped.notes, [
    'its first 1500 ms after load had not all run after 4000 ms (it kept loading or a frame stopped answering): it was read as it was then',
  ]);
  const expired = visitOf(reading({ settled: { outcome: 'expired', settleMs: 1500, wallMs: 90 } }));
  assert.deepEqual([expired.unread, expired.notes], [[], []]);
});
