// Discovery: the hosts and pages sites.json forgot, found and checked. `discovery-forgotten`
// lists only its main host and its home page; a subdomain that only its certificate's SAN names
// serves an expired certificate, one only linked from a crawled page serves http:// without
// redirecting, a page only its sitemap lists loads an image over http, a CT fixture names a host
// nothing else mentions (and one that does not exist), a sign-out link must never be followed,
// generated pages go on for ever (the bounds must hold), and a third party with a self-signed
// certificate must never be probed nor judged. `discovery-healthy` finds only healthy hosts.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type Credentials, type LabPki, type LabSite } from '../types.ts';
import { days, issue, served } from '../pki.ts';
import { notFound, page, routes } from '../respond.ts';

const MAIN = 'shop.disc.lab.test';
const THIRD_PARTY = 'cdn.thirdparty.test';
export const CT_FIXTURE = 'ct.disc-fixture.test';

/** A leaf from the lab intermediate naming the host and more. */
const namedLeaf =
  (sans: string[], dates: { notBefore?: Date; notAfter?: Date } = {}) =>
  async (pki: LabPki, host: string): Promise<Credentials> =>
    served(await issue({ commonName: host, sans: [host, ...sans], ...dates }, pki.intermediate), pki.intermediate);

const home = `<nav><a href="/about">About</a> <a href="/gen/1">Archive</a> <a href="/gen/1?utm_source=nav#top">Archive again</a>
<a href="/logout">Sign out</a> <a href="/private/report">Report</a></nav>
<img src="https://${THIRD_PARTY}/pixel.png" alt="">`;

/** Endless generated pages: each links to two more, so only the bounds end the crawl. */
const generated = (n: number) =>
  `<p>Archive page ${n}.</p><a href="/gen/${2 * n}">older</a> <a href="/gen/${2 * n + 1}">oldest</a>`;

const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://${MAIN}/hidden-offer</loc></url></urlset>`;

const ROBOTS = `User-agent: *\nDisallow: /\nSitemap: https://${MAIN}/sitemap-pages.xml\n`;

/** What the CT fixture logged: a host nothing else names, the listed host as a wildcard, one that no longer resolves, and noise. */
const CT_ENTRIES = [
  { common_name: 'ct-only.disc.lab.test', name_value: 'ct-only.disc.lab.test' },
  { common_name: `*.${MAIN}`, name_value: `*.${MAIN}\n${MAIN}` },
  { common_name: 'gone.disc.lab.test', name_value: 'gone.disc.lab.test' },
  { common_name: 'hostmaster@disc.lab.test', name_value: 'hostmaster@disc.lab.test\n10.0.0.1' },
  { common_name: 'www.other-company.test', name_value: 'www.other-company.test' },
];

const ok = (title: string) => routes({ '/': (res) => page(res, title, '<p>ok</p>') });

export const discoveryForgotten: LabSite = {
  name: 'discovery-forgotten',
  purpose:
    'discovery: a SAN-only subdomain with an expired certificate, a linked-only one without http redirect, a sitemap-only page with mixed content, a CT-only host, a sign-out link never followed, endless pages within bounds, a third party never probed',
  pages: ['/'],
  discover: {
    maxHosts: 10,
    pages: { maxPages: 6, maxDepth: 3, exclude: ['^/private/'] },
    ct: { url: `https://${CT_FIXTURE}/?q=%25.{domain}&output=json` },
  },
  expect: {
    ...NO_COOKIES,
    // The expired host's HSTS header came over a certificate error: browsers ignore it (RFC 6797 §8.1).
    hsts: {
      status: 'failed',
      findings: [
        [
          'high',
          'hsts.ignored-certificate-error',
          'https://legacy.disc.lab.test/',
          /\(discovered: SAN of the certificate of shop\.disc\.lab\.test\)$/,
        ],
      ],
    },
    ...NO_SENSITIVE_FORMS,
    'http-redirect': {
      status: 'failed',
      findings: [
        [
          'high',
          'http-redirect.no-redirect',
          'http://blog.disc.lab.test/?https-scan=1',
          /answered HTTP 200 over plain http .*\(discovered: linked from https:\/\/shop\.disc\.lab\.test\/about\)$/,
        ],
      ],
    },
    'mixed-content': {
      status: 'failed',
      findings: [
        [
          'medium',
          'mixed-content.passive',
          `http://${MAIN}/offer.png`,
          /crawl \(in the sitemap https:\/\/shop\.disc\.lab\.test\/sitemap-pages\.xml\) › https:\/\/shop\.disc\.lab\.test\/hidden-offer/,
        ],
      ],
    },
    'certificate-validity': {
      status: 'failed',
      findings: [
        [
          'high',
          'certificate-validity.expired',
          'legacy.disc.lab.test',
          /expired on .*\(discovered: SAN of the certificate of shop\.disc\.lab\.test\)$/,
        ],
      ],
    },
    discovery: {
      status: 'warning',
      findings: [
        [
          'low',
          'discovery.unlisted-host',
          'legacy.disc.lab.test',
          /discovered: SAN of the certificate of shop\.disc\.lab\.test; judged/,
        ],
        [
          'low',
          'discovery.unlisted-host',
          'blog.disc.lab.test',
          /discovered: linked from https:\/\/shop\.disc\.lab\.test\/about; judged/,
        ],
        [
          'low',
          'discovery.unlisted-host',
          'ct-only.disc.lab.test',
          /discovered: certificate transparency \(ct\.disc-fixture\.test\); judged/,
        ],
        ['info', 'discovery.no-answer', 'gone.disc.lab.test', /answers on neither 443 nor 80/],
        ['low', 'discovery.unlisted-page', `https://${MAIN}/about`],
        ['low', 'discovery.unlisted-page', `https://${MAIN}/gen/1`],
        ['low', 'discovery.unlisted-page', `https://${MAIN}/hidden-offer`, /found in the sitemap/],
        ['low', 'discovery.unlisted-page', `https://${MAIN}/gen/2`],
        ['low', 'discovery.unlisted-page', `https://${MAIN}/gen/3`],
        ['low', 'discovery.unlisted-page', `https://${MAIN}/gen/4`],
        ['low', 'discovery.pages-bounded', 'discovery-forgotten', /^stopped at maxPages 6: 3 more links not visited$/],
        [
          'low',
          'discovery.pages-bounded',
          'discovery-forgotten',
          /^stopped at maxDepth 3: 2 link\(s\) deeper than 3 not visited$/,
        ],
      ],
    },
  },
  hosts: [
    {
      host: MAIN,
      https: {
        kind: 'serve',
        credentials: namedLeaf(['legacy.disc.lab.test', '*.cdn.disc.lab.test']),
        handler: (req, res) => {
          const url = new URL(req.url ?? '/', `https://${MAIN}`);
          const gen = /^\/gen\/(\d+)$/.exec(url.pathname);
          if (gen) return page(res, `Archive ${gen[1]}`, generated(Number(gen[1])));
          return routes({
            '/': (r) =>
              page(r, 'Shop', home, {
                headers: {
                  'content-security-policy': `img-src 'self' https://${THIRD_PARTY} https://*.cdn.disc.lab.test`,
                },
              }),
            '/about': (r) => page(r, 'About', '<p>Read our <a href="https://blog.disc.lab.test/">blog</a>.</p>'),
            '/hidden-offer': (r) => page(r, 'Offer', `<img src="http://${MAIN}/offer.png" alt="">`),
            '/offer.png': (r) => r.writeHead(200, { 'content-type': 'image/png' }).end(),
            '/robots.txt': (r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(ROBOTS),
            '/sitemap-pages.xml': (r) => r.writeHead(200, { 'content-type': 'application/xml' }).end(SITEMAP),
            '/logout': (r) => page(r, 'Signed out', '<p>You were signed out.</p>'),
          })(req, res);
        },
      },
    },
  ],
  unlisted: [
    {
      host: 'legacy.disc.lab.test',
      https: {
        kind: 'serve',
        handler: ok('Legacy'),
        credentials: namedLeaf([], { notBefore: days(-400), notAfter: days(-10) }),
      },
    },
    {
      host: 'blog.disc.lab.test',
      https: { kind: 'serve', handler: ok('Blog') },
      http: (_req, res) => page(res, 'Blog over http', '<p>no redirect</p>', { hsts: null }),
    },
    { host: 'ct-only.disc.lab.test', https: { kind: 'serve', handler: ok('CT only') } },
    {
      host: CT_FIXTURE,
      https: {
        kind: 'serve',
        handler: (req, res) =>
          req.url?.startsWith('/?q=%25.lab.test')
            ? res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(CT_ENTRIES))
            : notFound(res),
      },
    },
    {
      host: THIRD_PARTY,
      https: {
        kind: 'serve',
        handler: ok('Third party'),
        credentials: async (_pki, host) => served(await issue({ commonName: host, sans: [host] })),
      },
    },
  ],
};

export const discoveryHealthy: LabSite = {
  name: 'discovery-healthy',
  purpose:
    'discovery finds only healthy hosts and pages: nothing but the discovery notes of what sites.json does not list',
  pages: ['/'],
  discover: true,
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    discovery: {
      status: 'warning',
      findings: [
        [
          'low',
          'discovery.unlisted-host',
          'api.healthy-disc.lab.test',
          /SAN of the certificate of healthy-disc\.lab\.test/,
        ],
        [
          'low',
          'discovery.unlisted-host',
          'status.healthy-disc.lab.test',
          /linked from https:\/\/healthy-disc\.lab\.test\//,
        ],
        ['low', 'discovery.unlisted-page', 'https://healthy-disc.lab.test/about'],
      ],
    },
  },
  hosts: [
    {
      host: 'healthy-disc.lab.test',
      https: {
        kind: 'serve',
        credentials: namedLeaf(['api.healthy-disc.lab.test']),
        handler: routes({
          '/': (res) =>
            page(
              res,
              'Healthy',
              '<a href="/about">About</a> <a href="https://status.healthy-disc.lab.test/">Status</a>',
            ),
          '/about': (res) => page(res, 'About', '<a href="/">Home</a>'),
        }),
      },
    },
  ],
  unlisted: [
    { host: 'api.healthy-disc.lab.test', https: { kind: 'serve', handler: ok('API') } },
    { host: 'status.healthy-disc.lab.test', https: { kind: 'serve', handler: ok('Status') } },
  ],
};
