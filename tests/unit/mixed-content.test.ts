import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insecureItems, mixedContent } from '../../src/checks/mixed-content.ts';
import { parseMixedContentConsole } from '../../src/recording/mixed-content-watch.ts';
import type { MixedContentReport, ResourceReference } from '../../src/model/evidence.ts';
import { pages, site, visit, unloaded } from './evidence-builders.ts';

const PAGE = 'https://example.test/';
const report = (url: string, over: Partial<MixedContentReport> = {}): MixedContentReport => ({
  url,
  frameUrl: PAGE,
  kind: 'image',
  resolution: 'upgraded',
  source: 'audits',
  ...over,
});
const ref = (url: string, over: Partial<ResourceReference> = {}): ResourceReference => ({
  url,
  frameUrl: PAGE,
  kind: 'image',
  via: 'img[src]',
  ...over,
});
const run = (...visits: ReturnType<typeof visit>[]) => mixedContent.run(site(), { pages: pages(...visits) });

test('a page without insecure content passes', () => {
  const out = run(visit(PAGE));
  assert.deepEqual(out.findings, []);
  assert.deepEqual(out.checked, [PAGE]);
});

test('passive content is medium, active content high; one finding per URL whatever the channels', () => {
  const v = visit(PAGE, {
    mixedContent: [
      report('http://cdn.test/a.png'),
      report('http://cdn.test/a.png', { source: 'console', kind: 'other' }),
      report('http://cdn.test/app.js', { kind: 'script', resolution: 'blocked' }),
      report('http://cdn.test/app.js', { kind: 'script', resolution: 'blocked', source: 'request-failed' }),
    ],
    insecureReferences: [
      ref('http://cdn.test/a.png'),
      ref('http://cdn.test/app.js', { kind: 'script', via: 'script[src]' }),
    ],
  });
  assert.deepEqual(
    run(v).findings.map((f) => [f.severity, f.target, f.message]),
    [
      [
        'medium',
        'http://cdn.test/a.png',
        'image (img[src]) over http on https://example.test/: upgraded to https by the browser (browsers without auto-upgrade load it over http)',
      ],
      [
        'high',
        'http://cdn.test/app.js',
        'script (script[src]) over http on https://example.test/: blocked by the browser (the page is missing it)',
      ],
    ],
  );
});

test('a reference the browser never requested is still mixed content', () => {
  const out = run(visit(PAGE, { insecureReferences: [ref('http://cdn.test/2x.png', { via: 'img[srcset]' })] }));
  assert.match(out.findings[0]!.message, /not requested during the visit/);
  assert.equal(out.findings[0]!.severity, 'medium');
});

test('the worst browser action wins, the most specific kind and frame are named', () => {
  const items = insecureItems({
    mixedContent: [
      report('ws://cdn.test/socket', { kind: 'other', resolution: 'blocked', frameUrl: PAGE }),
      report('ws://cdn.test/socket', { kind: 'websocket', resolution: 'blocked', source: 'console' }),
      report('http://w.test/x.js', { kind: 'script', resolution: 'blocked', frameUrl: PAGE }),
      report('http://w.test/x.js', {
        kind: 'script',
        resolution: 'blocked',
        source: 'request-failed',
        frameUrl: 'https://w.test/widget',
      }),
      report('http://cdn.test/v.mp4', { kind: 'video', resolution: 'upgraded' }),
      report('http://cdn.test/v.mp4', { kind: 'video', resolution: 'loaded', source: 'request' }),
    ],
    insecureReferences: [],
  });
  assert.deepEqual(
    items.map((i) => [i.url, i.kind, i.frameUrl, i.resolution]),
    [
      ['ws://cdn.test/socket', 'websocket', PAGE, 'blocked'],
      ['http://w.test/x.js', 'script', 'https://w.test/widget', 'blocked'],
      ['http://cdn.test/v.mp4', 'video', PAGE, 'loaded'],
    ],
  );
});

test('forms posting to http are high; content in a frame names the frame', () => {
  const v = visit(PAGE, {
    insecureReferences: [
      ref('http://example.test/post', { kind: 'form', via: 'form[action]' }),
      ref('http://w.test/b.png', { frameUrl: 'https://w.test/widget' }),
    ],
  });
  assert.deepEqual(
    run(v).findings.map((f) => [f.severity, f.message.replace(/:.*$/, '')]),
    [
      ['high', 'form (form[action]) over http on https'],
      ['medium', 'image (img[src]) over http on https'],
    ],
  );
  assert.match(run(v).findings[1]!.message, /in frame https:\/\/w\.test\/widget/);
});

test('content of an earlier document of the same visit (the page navigated on before it was read) is named by that document, not as a frame', () => {
  const earlier = 'https://example.test/pay';
  const v = visit(PAGE, {
    navigations: [
      { url: earlier, mainFrame: true, redirected: false },
      { url: PAGE, mainFrame: true, from: earlier, redirected: false },
    ],
    mixedContent: [report('http://cdn.test/pay.js', { frameUrl: earlier, kind: 'script', resolution: 'blocked' })],
  });
  assert.equal(
    run(v).findings[0]!.message,
    `script over http on ${earlier}: blocked by the browser (the page is missing it)`,
  );
});

test('a page that did not load cannot be measured', () => {
  const out = run(unloaded(PAGE, 'net::ERR_TIMED_OUT'));
  assert.deepEqual(
    out.unmeasured.map((u) => u.target),
    [PAGE],
  );
  assert.deepEqual(out.findings, []);
});

test("Chromium's console wording is read, WebSocket and forms included", () => {
  const ws = parseMixedContentConsole(
    "Mixed Content: The page at 'https://a.test/' was loaded over HTTPS, but attempted to connect to the insecure WebSocket endpoint 'ws://a.test/s'. This request has been blocked; this endpoint must be available over WSS.",
  );
  assert.deepEqual(ws, {
    url: 'ws://a.test/s',
    frameUrl: 'https://a.test/',
    kind: 'websocket',
    resolution: 'blocked',
    source: 'console',
  });
  const img = parseMixedContentConsole(
    "Mixed Content: The page at 'https://a.test/' was loaded over HTTPS, but requested an insecure element 'http://a.test/i.png'. This request was automatically upgraded to HTTPS, For more information see https://blog.chromium.org/",
  );
  assert.equal(img?.resolution, 'upgraded');
  assert.equal(parseMixedContentConsole('Uncaught TypeError: x is undefined'), undefined);
});

test('a page seen past a refused certificate is judged, and says so in each finding and a note', () => {
  const out = run(
    visit(PAGE, { mixedContent: [report('http://cdn.test/a.png')], certificateBypassed: 'ERR_CERT_DATE_INVALID' }),
  );
  assert.deepEqual(
    out.findings.map((f) => f.code),
    ['passive'],
  );
  assert.match(out.findings[0]!.message, /\(seen with the certificate error bypassed \(ERR_CERT_DATE_INVALID\)\)$/);
  assert.deepEqual(out.notes, [
    `${PAGE} was refused by the browser (ERR_CERT_DATE_INVALID) and judged as seen with the certificate error bypassed (ERR_CERT_DATE_INVALID): fix the certificate (see the certificate checks)`,
  ]);
  assert.deepEqual(run(visit(PAGE, { mixedContent: [report('http://cdn.test/a.png')] })).notes, []);
});
