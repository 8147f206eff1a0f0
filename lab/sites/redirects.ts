// Planted flaws for http-redirect and no-downgrade.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { page, redirect, routes } from '../respond.ts';

const ok = (title: string) => routes({ '/': (res) => page(res, title, '<p>ok</p>') });
const sameUrl = (status: number) => (req: { url?: string; headers: { host?: string } }, res: Parameters<typeof redirect>[0]) =>
  redirect(res, status, `https://${req.headers.host}${req.url}`, { hsts: null });

export const redirects: LabSite = {
  name: 'redirect-flaws',
  purpose: 'http-redirect: temporary, off-host, missing, path-dropping, looping and too-long redirects',
  pages: ['/'],
  expect: {
    ...NO_COOKIES, ...NO_SENSITIVE_FORMS,
    'http-redirect': {
      status: 'failed',
      findings: [
        ['medium', 'http://temporary.redirect.lab.test/?https-scan=1', /temporary \(HTTP 302\)/],
        ['high', 'http://offhost.redirect.lab.test/?https-scan=1', /another host, https:\/\/good\.lab\.test\//],
        ['high', 'http://nohttps.redirect.lab.test/?https-scan=1', /answered HTTP 200 over plain http/],
        ['medium', 'http://droppath.redirect.lab.test/?https-scan=1', /drops or changes the path or query/],
        ['high', 'http://loop.redirect.lab.test/?https-scan=1', /redirect loop/],
        ['medium', 'http://long.redirect.lab.test/?https-scan=1', /5 redirects before the final page \(policy allows 3\)/],
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
    {
      host: 'loop.redirect.lab.test',
      https: {
        kind: 'serve',
        handler: (req, res) =>
          redirect(res, 301, new URL(req.url ?? '/', 'https://x').pathname === '/a' ? '/b' : '/a'),
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
  purpose: 'no-downgrade: https->http redirect, proxy Location header, script navigation and http links to own hosts',
  pages: ['/', '/old', '/script'],
  expect: {
    ...NO_COOKIES, ...NO_SENSITIVE_FORMS,
    'no-downgrade': {
      status: 'failed',
      findings: [
        ['high', 'https://downgrade.lab.test/old', /HTTP 301, Location: http:\/\/downgrade\.lab\.test\/new/],
        ['high', 'https://proxy.downgrade.lab.test/', /HTTP 301, Location: http:\/\/proxy\.downgrade\.lab\.test\/home/],
        ['high', 'https://downgrade.lab.test/script', /navigates from https to plain http: http:\/\/downgrade\.lab\.test\/landing/],
        ['medium', 'https://downgrade.lab.test/', /own host over plain http: http:\/\/downgrade\.lab\.test\/plain/],
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
            page(res, 'Script', '<script>setTimeout(() => { location.href = "http://downgrade.lab.test/landing"; }, 50)</script>'),
          '/landing': (res) => page(res, 'Landing', '<p>landing</p>'),
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
  ],
};

export const hsts: LabSite = {
  name: 'hsts-flaws',
  purpose: 'hsts: missing header, short max-age, malformed header, and one page without it',
  pages: ['/', '/nohsts'],
  expect: {
    ...NO_COOKIES, ...NO_SENSITIVE_FORMS,
    hsts: {
      status: 'failed',
      findings: [
        ['high', 'https://none.hsts.lab.test/', /no Strict-Transport-Security header/],
        ['medium', 'https://short.hsts.lab.test/', /max-age=86400 .* below the policy minimum of 31536000/],
        ['high', 'https://malformed.hsts.lab.test/', /malformed Strict-Transport-Security/],
        ['high', 'https://hsts.lab.test/nohsts', /no Strict-Transport-Security header/],
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
        }),
      },
    },
    { host: 'none.hsts.lab.test', https: { kind: 'serve', handler: (_q, res) => page(res, 'None', '', { hsts: null }) } },
    { host: 'short.hsts.lab.test', https: { kind: 'serve', handler: (_q, res) => page(res, 'Short', '', { hsts: 'max-age=86400' }) } },
    {
      host: 'malformed.hsts.lab.test',
      https: { kind: 'serve', handler: (_q, res) => page(res, 'Malformed', '', { hsts: 'max-age="abc"; includeSubDomains' }) },
    },
  ],
};
