// sites.json `apis`, per site and at the top level: the resolved model, a top-level API as a
// group of its own, and each bad input named by its JSON path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseScanConfig } from '../../src/config/load.ts';
import { CHECKS } from '../../src/checks/index.ts';
import { assertProblems, oneSite, parse, problems } from './config-helpers.ts';

const ORDERS = { name: 'orders', endpoints: [{ url: 'https://api.shop.test/v1/orders' }] };

test("a site's APIs are resolved with their defaults; headers keep their ${VAR} values, which are secrets", () => {
  const config = parse(
    oneSite({
      apis: [
        {
          ...ORDERS,
          headers: { Authorization: 'Bearer ${ORDERS_TOKEN}' },
          endpoints: [
            { url: 'https://api.shop.test/v1/orders' },
            { url: 'https://api.shop.test/v1/orders', method: 'POST', body: '{}', headers: { 'X-Trace': '1' } },
          ],
        },
      ],
    }),
    { ORDERS_TOKEN: 'tok-123' },
  );
  const [site] = config.sites;
  assert.deepEqual(site!.apis, [
    {
      name: 'orders',
      endpoints: [
        { url: 'https://api.shop.test/v1/orders', method: 'GET', headers: {} },
        { url: 'https://api.shop.test/v1/orders', method: 'POST', body: '{}', headers: { 'X-Trace': '1' } },
      ],
      headers: { Authorization: 'Bearer tok-123' },
    },
  ]);
  assert.equal(site!.group, undefined);
  assert.ok(config.secrets.includes('tok-123'));
});

test('a top-level API is a group of its own after the sites: no hosts, pages or flows, the file policy', () => {
  const config = parse(oneSite({}, { policy: { failOn: 'high' }, apis: [ORDERS] }));
  assert.deepEqual(
    config.sites.map((s) => s.name),
    ['shop', 'orders'],
  );
  const group = config.sites[1]!;
  assert.equal(group.group, 'api');
  assert.equal(group.url, 'https://api.shop.test/v1/orders');
  assert.deepEqual([group.hosts, group.pages, group.flows], [[], [], []]);
  assert.equal(group.policy.failOn, 'high');
  assert.deepEqual(
    group.apis?.map((a) => a.name),
    ['orders'],
  );
});

test('a file of top-level APIs only is valid; a file of neither sites nor APIs is not', () => {
  const config = parse({ sites: [], apis: [ORDERS] });
  assert.deepEqual(
    config.sites.map((s) => [s.name, s.group]),
    [['orders', 'api']],
  );
  assert.deepEqual(problems({ sites: [] }), ['$.sites: list at least one site (or a top-level API in "apis")']);
});

test('an OpenAPI document is resolved against the sites file and must be a regular file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apis-config-'));
  writeFileSync(path.join(dir, 'orders.yaml'), 'openapi: 3.0.3\n');
  const file = path.join(dir, 'sites.json');
  const text = (openapi: string) => JSON.stringify({ sites: [], apis: [{ name: 'orders', openapi }] });
  const config = parseScanConfig(CHECKS, text('orders.yaml'), file, {});
  assert.equal(config.sites[0]!.apis![0]!.openapi, path.join(dir, 'orders.yaml'));
  assert.equal(config.sites[0]!.url, `file://${path.join(dir, 'orders.yaml')}`);
  const missing = (() => {
    try {
      parseScanConfig(CHECKS, text('missing.json'), file, {});
    } catch (err) {
      return (err as { problems: string[] }).problems;
    }
    return [];
  })();
  assert.deepEqual(missing, [
    `$.apis[0].openapi: cannot use the OpenAPI document ${path.join(dir, 'missing.json')}: ENOENT`,
  ]);
});

test('bad APIs are named by their JSON path, every problem at once', () => {
  const list = problems(
    oneSite(
      {
        apis: [
          { name: 'a', endpoints: [{ url: 'ftp://api.shop.test/' }, { url: 'https://user:pw@api.shop.test/' }] },
          { name: 'A', endpoints: [{ url: 'https://10.0.0.5/v1' }] },
          { name: 'b' },
          { name: 'c', endpoints: [{ url: 'https://api.shop.test/', method: 'POST' }] },
          { name: 'd', endpoints: [{ url: 'https://api.shop.test/', body: '{}' }] },
          { name: 'e', endpoints: [{ url: 'https://api.shop.test/', method: 'FETCH' }] },
          { name: 'f', openapi: 'orders.txt', headers: { Host: 'x', 'Bad Name': 'x', 'X-A': 'a\nb' } },
          { name: 'g', endpoints: [{ url: 'https://api.shop.test/' }], headers: { 'X-A': '1', 'x-a': '2' }, colour: 1 },
        ],
      },
      { apis: [{ name: 'SHOP', endpoints: [{ url: 'https://api.shop.test/' }] }] },
    ),
  );
  assertProblems(list, [
    /^\$\.sites\[0\]\.apis\[0\]\.endpoints\[0\]\.url: expected an https:\/\/ \(or http:\/\/\) URL$/,
    /^\$\.sites\[0\]\.apis\[0\]\.endpoints\[1\]\.url: a URL may not carry a user name or password/,
    /^\$\.sites\[0\]\.apis\[1\]\.name: duplicate API name "A" \(also used by APIs\[0\]\)$/,
    /^\$\.sites\[0\]\.apis\[1\]\.endpoints\[0\]\.url: "10\.0\.0\.5" is an IP address/,
    /^\$\.sites\[0\]\.apis\[2\]: give "openapi", "endpoints" or both/,
    /^\$\.sites\[0\]\.apis\[3\]\.endpoints\[0\]\.body: a POST request is sent only with the body you list/,
    /^\$\.sites\[0\]\.apis\[4\]\.endpoints\[0\]\.body: a GET request carries no body$/,
    /^\$\.sites\[0\]\.apis\[5\]\.endpoints\[0\]\.method: expected one of: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS$/,
    /^\$\.sites\[0\]\.apis\[6\]\.openapi: an OpenAPI document must end in \.json, \.yaml or \.yml$/,
    /^\$\.sites\[0\]\.apis\[6\]\.headers\.Host: "Host" is set by the harness itself/,
    /^\$\.sites\[0\]\.apis\[6\]\.headers\["Bad Name"\]: expected a header name/,
    /^\$\.sites\[0\]\.apis\[6\]\.headers\["X-A"\]: a header value may hold only printable characters/,
    /^\$\.sites\[0\]\.apis\[7\]\.headers: "x-a" and "X-A" are the same header/,
    /^\$\.sites\[0\]\.apis\[7\]: unknown field "colour"$/,
    /^\$\.apis\[0\]\.name: "SHOP" is also a site's name: a top-level API is reported as a group of its own/,
  ]);
});

test('an http:// endpoint and a port are accepted: the check reports them, the file is not wrong', () => {
  const config = parse(
    oneSite({
      apis: [{ name: 'a', endpoints: [{ url: 'http://api.shop.test/v1' }, { url: 'https://api.shop.test:8443/v1' }] }],
    }),
  );
  assert.deepEqual(
    config.sites[0]!.apis![0]!.endpoints.map((e) => e.url),
    ['http://api.shop.test/v1', 'https://api.shop.test:8443/v1'],
  );
});

test('API names cannot come from ${VAR}; a header value from the environment is checked as substituted, and redacted', () => {
  const list = problems(
    oneSite(
      { apis: [{ name: '${NAME}', endpoints: [{ url: 'https://api.shop.test/' }], headers: { 'X-K': '${K}' } }] },
      {
        apis: [{ name: '${NAME}', endpoints: [{ url: 'https://api.shop.test/' }] }],
      },
    ),
    { NAME: 'orders', K: 'line1\nline2-secret' },
  );
  assertProblems(list, [
    /^\$\.sites\[0\]\.apis\[0\]\.name: a name cannot use \$\{VAR\}/,
    /^\$\.apis\[0\]\.name: a name cannot use \$\{VAR\}/,
    /^\$\.sites\[0\]\.apis\[0\]\.headers\["X-K"\]: a header value may hold only printable characters/,
  ]);
  assert.ok(!list.join('\n').includes('line2-secret'));
});

test('accept may name a top-level API as its site', () => {
  const accept = [
    {
      code: 'api-transport.http-twin-redirects',
      site: 'orders',
      reason: 'until the proxy change',
      expires: '2099-01-01',
    },
  ];
  assert.doesNotThrow(() => parse(oneSite({}, { apis: [ORDERS], accept })));
});
