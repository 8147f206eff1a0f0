// Pages that cannot be read, each in its own way: the harness must never pass what it did not
// see. Every one of them is "could not measure" for the page checks, with its reason, and the
// scan stays bounded: nested and numerous frames, a renderer kept busy by document.write, a
// renderer that runs out of memory, a page that reloads itself forever, HTML too large to
// parse, and a redirect to a host that speaks only TLS 1.0 (the browser ends on its own error
// page, chrome-error://, after a response that looked fine).
import type { LabSite } from '../types.ts';
import { page, redirect, routes } from '../respond.ts';

const BASE = 'https://hostile-pages.lab.test';
const PAGE_CHECKS = [
  'no-downgrade',
  'mixed-content',
  'secure-forms',
  'cookie-secure',
  'cookie-httponly',
  'cookie-samesite',
];

/**
 * Each page that cannot be read. Several reasons can hold for one page (a renderer busy with
 * document.write neither finishes loading nor answers, and on a loaded machine a huge page
 * may not finish loading before it is found too large): the report names the first it met,
 * so only the error page's reason is pinned.
 */
const UNREAD: (string | [string, RegExp])[] = [
  `${BASE}/nested`,
  `${BASE}/write-loop`,
  `${BASE}/memory-bomb`,
  `${BASE}/reload-loop`,
  `${BASE}/big-html`,
  [`${BASE}/old-tls`, /ERR_SSL_VERSION_OR_CIPHER_MISMATCH/],
];

const nested = (depth: number): string =>
  depth === 0
    ? '<p>bottom</p>'
    : `<iframe srcdoc="${nested(depth - 1)
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')}"></iframe>`;
const BIG = `<!doctype html><title>Big</title>${'<p>lorem ipsum dolor sit amet</p>'.repeat(250_000)}`;

export const hostilePages: LabSite = {
  name: 'hostile-pages',
  purpose:
    'never pass what was not seen: nested frames, a busy or crashed renderer, a reload loop, huge HTML, an ending on the browser error page',
  pages: UNREAD.map((u) => new URL(typeof u === 'string' ? u : u[0]).pathname),
  expect: Object.fromEntries(PAGE_CHECKS.map((id) => [id, { status: 'error', unmeasured: UNREAD }])),
  hosts: [
    {
      host: 'hostile-pages.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          // A frame tree far deeper and wider than anything worth reading.
          '/nested': (res) => page(res, 'Nested', Array.from({ length: 8 }, () => nested(10)).join('')),
          '/write-loop': (res) => page(res, 'Busy', '<script>for (;;) document.write("<p>x</p>");</script>'),
          '/memory-bomb': (res) =>
            page(
              res,
              'Bomb',
              '<script>const keep = []; for (;;) keep.push(new Array(1e7).fill(keep.length));</script>',
            ),
          '/reload-loop': (res) => page(res, 'Again', '<script>location.reload();</script>'),
          '/big-html': (res) =>
            res
              .writeHead(200, { 'content-type': 'text/html', 'strict-transport-security': 'max-age=31536000' })
              .end(BIG),
          '/old-tls': (res) => redirect(res, 301, 'https://tls10only.hostile.test/'),
        }),
      },
    },
  ],
  unlisted: [
    {
      host: 'tls10only.hostile.test',
      https: {
        kind: 'serve',
        handler: routes({ '/': (res) => page(res, 'Old TLS', '<p>TLS 1.0 only</p>') }),
        tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
      },
    },
  ],
};
