// Planted flaws for http-redirect and no-downgrade.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { HSTS_GOOD, page, redirect, routes } from '../respond.ts';

const ok = (title: string) => routes({ '/': (res) => page(res, title, '<p>ok</p>') });
const to = (location: string) => (_req: unknown, res: Parameters<typeof redirect>[0]) =>
  redirect(res, 301, location, { hsts: null });
const sameUrl =
  (status: number) => (req: { url?: string; headers: { host?: string } }, res: Parameters<typeof redirect>[0]) =>
    redirect(res, status, `https://${req.headers.host}${req.url}`, { hsts: null });

export const redirects: LabSite = {
  name: 'redirect-flaws',
  purpose:
    'http-redirect: temporary, off-host, missing, path-dropping, looping and too-long redirects; redirects to javascript:, data:, file: and to a Location that is no URL',
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    'http-redirect': {
      status: 'failed',
      findings: [
        ['medium', 'http-redirect.temporary', 'http://temporary.redirect.lab.test/?https-scan=1'],
        ['high', 'http-redirect.other-host', 'http://offhost.redirect.lab.test/?https-scan=1'],
        ['high', 'http-redirect.no-redirect', 'http://nohttps.redirect.lab.test/?https-scan=1'],
        ['medium', 'http-redirect.changes-path', 'http://droppath.redirect.lab.test/?https-scan=1'],
        ['high', 'http-redirect.loop', 'http://loop.redirect.lab.test/?https-scan=1'],
        ['medium', 'http-redirect.too-many-hops', 'http://long.redirect.lab.test/?https-scan=1'],
        [
          'high',
          'http-redirect.unsafe-redirect',
          'http://javascript.redirect.lab.test/?https-scan=1',
          / to javascript:alert\(document\.domain\): /,
        ],
        [
          'high',
          'http-redirect.unsafe-redirect',
          'http://data.redirect.lab.test/?https-scan=1',
          / to data:text\/html,hello: /,
        ],
        [
          'high',
          'http-redirect.unsafe-redirect',
          'http://file.redirect.lab.test/?https-scan=1',
          / to file:\/\/\/etc\/passwd: /,
        ],
        ['high', 'http-redirect.invalid-location', 'http://badlocation.redirect.lab.test/?https-scan=1'],
      ],
    },
  },
  hosts: [
    { host: 'redirect.lab.test', https: { kind: 'serve', handler: ok('Redirects') } },
    { host: 'temporary.redirect.lab.test', https: { kind: 'serve', handler: ok('302') }, http: sameUrl(302) },
    {
      host: 'offhost.redirect.lab.test',
      https: { kind: 'serve', handler: ok('Off host') },
      http: (_req, res) => redirect(res, 301, 'https://good.lab.test/', { hsts: null }),
    },
    {
      host: 'nohttps.redirect.lab.test',
      https: { kind: 'serve', handler: ok('No redirect') },
      http: (_req, res) => page(res, 'Plain http', '<p>served over http</p>', { hsts: null }),
    },
    {
      host: 'droppath.redirect.lab.test',
      https: { kind: 'serve', handler: ok('Drops path') },
      http: (req, res) => redirect(res, 301, `https://${req.headers.host}/`, { hsts: null }),
    },
    // Schemes a browser never follows: the probe must not follow them either (a file: or
    // javascript: URL has no host, and Node would dial 127.0.0.1:80).
    {
      host: 'javascript.redirect.lab.test',
      https: { kind: 'serve', handler: ok('javascript:') },
      http: to('javascript:alert(document.domain)'),
    },
    {
      host: 'data.redirect.lab.test',
      https: { kind: 'serve', handler: ok('data:') },
      http: to('data:text/html,hello'),
    },
    { host: 'file.redirect.lab.test', https: { kind: 'serve', handler: ok('file:') }, http: to('file:///etc/passwd') },
    {
      host: 'badlocation.redirect.lab.test',
      https: { kind: 'serve', handler: ok('Bad Location') },
      http: to('http://[bad'),
    },
    {
      host: 'loop.redirect.lab.test',
      https: {
        kind: 'serve',
        handler: (req, res) => redirect(res, 301, new URL(req.url ?? '/', 'https://x').pathname === '/a' ? '/b' : '/a'),
      },
    },
    {
      host: 'long.redirect.lab.test',
      https: {
        kind: 'serve',
        handler: (req, res) => {
          const step = Number(new URL(req.url ?? '/', 'https://x').searchParams.get('step') ?? '0');
          if (step < 4) redirect(res, 301, `/?step=${step + 1}`);
          else page(res, 'Finally', '<p>four hops later</p>');
        },
      },
    },
  ],
};

export const downgrade: LabSite = {
  name: 'downgrade-flaws',
  purpose:
    'no-downgrade: https->http redirect, proxy Location header, https->javascript: redirect, script navigation, http links to own hosts, and a favicon that redirects to http',
  pages: ['/', '/old', '/script', '/icon'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    // Its http:// chain reaches https and then the javascript: redirect, which ends it.
    'http-redirect': {
      status: 'failed',
      findings: [['high', 'http-redirect.unsafe-redirect', 'http://scheme.downgrade.lab.test/?https-scan=1']],
    },
    // The favicon redirected to http is blocked as mixed content, too.
    'mixed-content': {
      status: 'failed',
      findings: [
        [
          'medium',
          'mixed-content.passive',
          'http://downgrade.lab.test/favicon.ico',
          /^favicon over http on https:\/\/downgrade\.lab\.test\/icon: blocked/,
        ],
      ],
    },
    'no-downgrade': {
      status: 'failed',
      findings: [
        ['high', 'no-downgrade.redirect-to-http', 'https://downgrade.lab.test/old'],
        ['high', 'no-downgrade.redirect-to-http', 'https://proxy.downgrade.lab.test/'],
        ['medium', 'no-downgrade.redirect-to-other-scheme', 'https://scheme.downgrade.lab.test/'],
        ['high', 'no-downgrade.navigation-to-http', 'https://downgrade.lab.test/script'],
        ['medium', 'no-downgrade.link-to-http', 'https://downgrade.lab.test/'],
        // Seen only in Chromium's own record of the page's responses: no response event reports it.
        ['high', 'no-downgrade.redirect-to-http', 'https://downgrade.lab.test/favicon'],
      ],
    },
  },
  hosts: [
    {
      host: 'downgrade.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) =>
            page(
              res,
              'Downgrade',
              '<a href="http://downgrade.lab.test/plain">own host over http</a> <a href="http://example.org/">other site</a> <a href="//downgrade.lab.test/rel">relative</a>',
            ),
          '/old': (res) => redirect(res, 301, 'http://downgrade.lab.test/new'),
          '/new': (res) => page(res, 'New', '<p>new</p>'),
          '/plain': (res) => page(res, 'Plain', '<p>plain</p>'),
          '/script': (res) =>
            page(
              res,
              'Script',
              '<script>setTimeout(() => { location.href = "http://downgrade.lab.test/landing"; }, 50)</script>',
            ),
          '/landing': (res) => page(res, 'Landing', '<p>landing</p>'),
          '/icon': (res) =>
            page(res, 'Icon', '<p>an icon that redirects to http</p>', { head: '<link rel="icon" href="/favicon">' }),
          '/favicon': (res) => redirect(res, 301, 'http://downgrade.lab.test/favicon.ico'),
        }),
      },
    },
    {
      host: 'proxy.downgrade.lab.test',
      https: {
        kind: 'serve',
        // A TLS-terminating proxy that rebuilds redirects with the backend's scheme.
        handler: routes({
          '/': (res) => redirect(res, 301, 'http://proxy.downgrade.lab.test/home'),
          '/home': (res) => page(res, 'Home', '<p>home</p>'),
        }),
      },
    },
    {
      host: 'scheme.downgrade.lab.test',
      https: { kind: 'serve', handler: (_req, res) => redirect(res, 302, 'javascript:alert(document.domain)') },
    },
  ],
};

export const hsts: LabSite = {
  name: 'hsts-flaws',
  purpose:
    "hsts: missing header, short max-age, malformed header, one page without it, two header lines (the first one counts), and a host on the browsers' preload list that sends none",
  pages: ['/', '/nohsts', '/twice'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    hsts: {
      status: 'failed',
      findings: [
        ['high', 'hsts.missing', 'https://none.hsts.lab.test/'],
        ['medium', 'hsts.short-max-age', 'https://short.hsts.lab.test/'],
        ['high', 'hsts.malformed', 'https://malformed.hsts.lab.test/'],
        ['high', 'hsts.missing', 'https://hsts.lab.test/nohsts'],
        // Browsers honour the first line only: a year. The second (max-age=0) is not judged.
        ['low', 'hsts.duplicate', 'https://hsts.lab.test/twice'],
        // Every name under .dev is on Chromium's built-in preload list.
        ['low', 'hsts.missing-preloaded', 'https://preloaded.hsts.lab.dev/', /on the browser's HSTS preload list/],
      ],
    },
  },
  hosts: [
    {
      host: 'hsts.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'HSTS', '<p>ok</p>'),
          '/nohsts': (res) => page(res, 'No HSTS', '<p>forgot it here</p>', { hsts: null }),
          // Two lines spelt differently: Playwright's own list would put the second one first.
          '/twice': (res) =>
            res
              .writeHead(200, [
                'content-type',
                'text/html; charset=utf-8',
                'strict-transport-security',
                HSTS_GOOD,
                'Strict-Transport-Security',
                'max-age=0',
              ])
              .end(
                '<!doctype html><html><head><link rel="icon" href="data:,"><title>Twice</title></head><body>twice</body></html>',
              ),
        }),
      },
    },
    {
      host: 'none.hsts.lab.test',
      https: { kind: 'serve', handler: (_q, res) => page(res, 'None', '', { hsts: null }) },
    },
    {
      host: 'preloaded.hsts.lab.dev',
      https: { kind: 'serve', handler: (_q, res) => page(res, 'Preloaded', '', { hsts: null }) },
    },
    {
      host: 'short.hsts.lab.test',
      https: { kind: 'serve', handler: (_q, res) => page(res, 'Short', '', { hsts: 'max-age=86400' }) },
    },
    {
      host: 'malformed.hsts.lab.test',
      https: {
        kind: 'serve',
        handler: (_q, res) => page(res, 'Malformed', '', { hsts: 'max-age="abc"; includeSubDomains' }),
      },
    },
  ],
};
