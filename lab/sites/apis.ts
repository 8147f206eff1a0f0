// Planted flaws for api-transport: APIs asked as a client that is not a browser asks them. Four
// top-level APIs (each reported as a group of its own) and one API of a site. Their bearer token
// is ${LAB_API_TOKEN}: the https answers check it, and no http:// twin may ever receive it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_GROUP, NO_COOKIES, NO_SENSITIVE_FORMS, type LabSite } from '../types.ts';
import { HSTS_GOOD, page, routes } from '../respond.ts';
import { labCredential } from '../credentials.ts';

const TOKEN = '${LAB_API_TOKEN}';
const AUTH = { Authorization: `Bearer ${TOKEN}` };

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
}

/** An https API route: 401 without the lab's bearer token, else `answer`. */
const authorized =
  (answer: (res: ServerResponse, url: URL, req: IncomingMessage) => void) =>
  (res: ServerResponse, url: URL, req: IncomingMessage) => {
    if (req.headers.authorization !== `Bearer ${labCredential('LAB_API_TOKEN')}`)
      return sendJson(res, 401, { error: 'a bearer token is required' }, { 'strict-transport-security': HSTS_GOOD });
    answer(res, url, req);
  };

const secureJson =
  (value: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    sendJson(res, 200, value, { 'strict-transport-security': HSTS_GOOD, ...headers });

const ORDERS = { orders: [{ id: 1, href: 'https://twin.api.lab.test/v1/orders/1' }] };

export const apiHttpTwin: LabSite = {
  name: 'api-http-twin',
  purpose: 'api-transport: the http:// twin of an API serves its data, to anyone, in clear text',
  pages: [],
  topLevelApi: { endpoints: [{ url: 'https://twin.api.lab.test/v1/orders' }], headers: AUTH },
  expect: {
    ...API_GROUP,
    'api-transport': {
      status: 'failed',
      findings: [
        [
          'high',
          'api-transport.http-twin-answers',
          'http://twin.api.lab.test/v1/orders',
          /answered HTTP 200 with \d+ bytes of JSON over plain http/,
        ],
      ],
    },
  },
  hosts: [
    {
      host: 'twin.api.lab.test',
      https: { kind: 'serve', handler: routes({ '/v1/orders': authorized(secureJson(ORDERS)) }) },
      // The same data over plain http, token or not.
      http: (_req, res) => sendJson(res, 200, ORDERS),
    },
  ],
};

export const apiPostRedirect: LabSite = {
  name: 'api-post-redirect',
  purpose:
    'api-transport: the http:// twin redirects a POST with 301 (the token first went in clear, and the POST turns into a GET), and a GET with 308',
  pages: [],
  topLevelApi: {
    endpoints: [
      { url: 'https://post.api.lab.test/v1/orders', method: 'POST', body: '{"item":1}' },
      { url: 'https://post.api.lab.test/v1/status' },
    ],
    headers: AUTH,
  },
  expect: {
    ...API_GROUP,
    'api-transport': {
      status: 'failed',
      findings: [
        ['high', 'api-transport.http-twin-redirects', 'http://post.api.lab.test/v1/orders', /POST .* HTTP 301/],
        ['medium', 'api-transport.http-twin-redirects-keeping-method', 'http://post.api.lab.test/v1/status'],
      ],
    },
  },
  hosts: [
    {
      host: 'post.api.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/v1/orders': authorized(
            (res, _url, req) =>
              void sendJson(
                res,
                req.method === 'POST' ? 201 : 405,
                { id: 2 },
                { 'strict-transport-security': HSTS_GOOD },
              ),
          ),
          '/v1/status': authorized(secureJson({ status: 'up' })),
        }),
      },
      http: (req, res) =>
        res.writeHead(req.url === '/v1/status' ? 308 : 301, { location: `https://post.api.lab.test${req.url}` }).end(),
    },
  ],
};

export const apiOpenApi: LabSite = {
  name: 'api-openapi',
  purpose:
    'api-transport: an OpenAPI document (YAML) lists an http:// server; its operations without parameters, or with examples, are asked',
  pages: [],
  topLevelApi: { openapi: 'lab/openapi/docs-api.yaml', headers: AUTH },
  expect: {
    ...API_GROUP,
    'api-transport': {
      status: 'failed',
      findings: [['high', 'api-transport.http-server', 'http://docs.api.lab.test/v1', /servers\[1\]/]],
    },
  },
  hosts: [
    {
      host: 'docs.api.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/v1/items': authorized(secureJson({ items: [{ id: 7, href: 'https://docs.api.lab.test/v1/items/7' }] })),
          '/v1/items/7': authorized(secureJson({ id: 7, title: 'Seven' })),
        }),
      },
      http: 'refuse',
    },
  ],
};

export const apiClean: LabSite = {
  name: 'api-clean',
  purpose:
    'api-transport: a clean API (OpenAPI JSON with a server variable, a listed POST): https on 443, its http:// twin answers only errors, https links, a Secure cookie',
  pages: [],
  topLevelApi: {
    openapi: 'lab/openapi/clean-api.json',
    endpoints: [{ url: 'https://clean.api.lab.test/v1/orders', method: 'POST', body: '{"item":3}' }],
    headers: AUTH,
  },
  expect: {
    ...API_GROUP,
    // Its answers set a cookie with every attribute right: judged, and clean.
    'cookie-secure': { status: 'passed' },
    'cookie-httponly': { status: 'passed' },
    'cookie-samesite': { status: 'passed' },
  },
  hosts: [
    {
      host: 'clean.api.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/v1/status': secureJson({ status: 'up', docs: 'https://clean.api.lab.test/v1/docs' }),
          // It echoes the credential it received, as some debugging proxies do: the scan records
          // answers' headers, so only redaction keeps the token out of the reports.
          '/v1/me': authorized((res, _url, req) =>
            secureJson(
              { user: 'lab', orders: 'https://clean.api.lab.test/v1/orders?limit=10' },
              {
                'x-seen-authorization': req.headers.authorization ?? '',
                'set-cookie': '__Host-api=1; Path=/; Secure; HttpOnly; SameSite=Strict',
              },
            )(res),
          ),
          '/v1/orders': authorized(secureJson({ orders: [], next: null })),
        }),
      },
      // An error without data for every http:// request: passes.
      http: (_req, res) => sendJson(res, 403, { error: 'use https' }),
    },
  ],
};

export const apiLinks: LabSite = {
  name: 'api-links',
  purpose:
    "api-transport on a site's own API: http:// links in its JSON and Link header (by JSON path); its cookie without Secure goes through cookie-secure; its host gets the TLS checks",
  pages: ['/'],
  apis: [{ name: 'catalog', endpoints: [{ url: 'https://catalog.api.lab.test/v1/items' }] }],
  expect: {
    ...NO_SENSITIVE_FORMS,
    ...NO_COOKIES,
    'api-transport': {
      status: 'failed',
      findings: [
        ['medium', 'api-transport.http-link', 'https://catalog.api.lab.test/v1/items › Link header'],
        ['medium', 'api-transport.http-link', 'https://catalog.api.lab.test/v1/items › $.links.next'],
        ['low', 'api-transport.http-link-other-host', 'https://catalog.api.lab.test/v1/items › $.items[0].image'],
      ],
    },
    'cookie-secure': {
      status: 'failed',
      findings: [['medium', 'cookie-secure.missing-secure', 'catalog_pref (https://catalog.api.lab.test/v1/items)']],
    },
    'cookie-httponly': { status: 'passed' },
    'cookie-samesite': { status: 'passed' },
  },
  hosts: [
    {
      host: 'apilinks.lab.test',
      https: {
        kind: 'serve',
        handler: routes({ '/': (res) => page(res, 'API links', '<p>The catalog has an API.</p>') }),
      },
    },
  ],
  unlisted: [
    {
      host: 'catalog.api.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/v1/items': secureJson(
            {
              items: [
                { id: 1, image: 'http://cdn.catalog.lab.test/1.png', self: 'https://catalog.api.lab.test/v1/items/1' },
              ],
              links: { next: 'http://catalog.api.lab.test/v1/items?page=2' },
            },
            {
              link: '<http://catalog.api.lab.test/v1/items?page=2>; rel="next"',
              'set-cookie': 'catalog_pref=grid; Path=/; HttpOnly; SameSite=Lax',
            },
          ),
        }),
      },
      http: 'refuse',
    },
  ],
};
