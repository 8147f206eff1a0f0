// OpenAPI documents: which operations are asked (GET and HEAD, every required parameter with an
// example), which servers are judged, and documents that cannot be used, by JSON path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiDocumentProblems, planOf, readOpenApi } from '../../src/config/openapi.ts';
import { parse } from './config-helpers.ts';

const ok = { responses: { '200': { description: 'ok' } } };

test('GET and HEAD operations without required parameters are asked on the first https server; others are listed as not asked', () => {
  const plan = planOf({
    openapi: '3.0.3',
    servers: [
      { url: 'http://api.test/v1' },
      { url: 'https://{env}.api.test/v1/', variables: { env: { default: 'prod' } } },
    ],
    paths: {
      '/a': { get: ok, head: ok, post: ok, delete: ok },
      '/b': { get: { ...ok, parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }] } },
    },
  });
  assert.deepEqual(plan.servers, [
    { url: 'http://api.test/v1', where: 'servers[0]' },
    { url: 'https://prod.api.test/v1/', where: 'servers[1]' },
  ]);
  assert.equal(plan.operations, 5);
  assert.deepEqual(
    plan.calls.map((c) => [c.source, c.method, c.url]),
    [
      ['openapi GET /a', 'GET', 'https://prod.api.test/v1/a'],
      ['openapi HEAD /a', 'HEAD', 'https://prod.api.test/v1/a'],
      ['openapi GET /b', 'GET', 'https://prod.api.test/v1/b'],
    ],
  );
  assert.deepEqual(plan.notCalled, [
    'POST /a: only GET and HEAD operations are asked (list it in "endpoints" with its body)',
    'DELETE /a: only GET and HEAD operations are asked (list it in "endpoints" with its body)',
  ]);
});

test('required parameters are filled with their documented examples, in path, query, header and cookie', () => {
  const plan = planOf({
    openapi: '3.1.0',
    servers: [{ url: 'https://api.test' }],
    paths: {
      '/items/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'a b' }],
        get: {
          ...ok,
          parameters: [
            { name: 'limit', in: 'query', required: true, examples: { ten: { value: 10 } } },
            { name: 'tags', in: 'query', required: true, schema: { example: ['x', 'y'] } },
            { name: 'X-Tenant', in: 'header', required: true, schema: { examples: ['t1'] } },
            { name: 'region', in: 'cookie', required: true, example: 'eu' },
          ],
        },
      },
      '/search': {
        get: { ...ok, parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }] },
      },
      '/filter': { get: { ...ok, parameters: [{ name: 'f', in: 'query', required: true, example: { a: 1 } }] } },
    },
  });
  assert.deepEqual(plan.calls, [
    {
      source: 'openapi GET /items/{id}',
      method: 'GET',
      url: 'https://api.test/items/a%20b?limit=10&tags=x%2Cy',
      headers: { 'X-Tenant': 't1', cookie: 'region=eu' },
    },
  ]);
  assert.deepEqual(plan.notCalled, [
    'GET /search: parameter q (query) is required and has no example',
    'GET /filter: parameter f (query) is required and has no example',
  ]);
});

test("an operation uses its own servers, then its path item's; a relative or missing server is not asked; an http-only API is asked over https", () => {
  const plan = planOf({
    openapi: '3.0.3',
    servers: [{ url: '/v1' }],
    paths: {
      '/own': { get: { ...ok, servers: [{ url: 'https://ops.api.test' }] } },
      '/path': { servers: [{ url: 'http://legacy.api.test/v0' }], get: ok },
      '/relative': { get: ok },
    },
  });
  assert.deepEqual(
    plan.calls.map((c) => c.url),
    ['https://ops.api.test/own', 'https://legacy.api.test/v0/path'],
  );
  assert.deepEqual(plan.notCalled, [
    'GET /relative: no absolute server URL ("/v1" is relative to where the document is served)',
  ]);
  assert.deepEqual(
    plan.servers.map((s) => [s.url, s.where]),
    [
      ['/v1', 'servers[0]'],
      ['https://ops.api.test', 'paths["/own"].get.servers[0]'],
      ['http://legacy.api.test/v0', 'paths["/path"].servers[0]'],
    ],
  );
});

function documents(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

test('YAML and JSON documents are read, validated and dereferenced ($ref to a component parameter)', async () => {
  const dir = documents({
    'a.yaml': `openapi: 3.0.3
info: { title: t, version: '1' }
servers: [{ url: 'https://api.test' }]
paths:
  /items/{id}:
    get:
      parameters: [{ $ref: '#/components/parameters/Id' }]
      responses: { '200': { description: ok } }
components:
  parameters:
    Id: { name: id, in: path, required: true, schema: { type: integer }, example: 7 }
`,
    'b.json': JSON.stringify({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://api.test' }],
      paths: { '/s': { get: ok } },
    }),
  });
  const a = await readOpenApi(path.join(dir, 'a.yaml'));
  assert.ok('plan' in a, JSON.stringify(a));
  assert.deepEqual(
    a.plan.calls.map((c) => c.url),
    ['https://api.test/items/7'],
  );
  const b = await readOpenApi(path.join(dir, 'b.json'));
  assert.ok('plan' in b && b.plan.calls.length === 1);
});

test('documents that cannot be used say why: Swagger 2.0, not YAML, not valid OpenAPI, no object', async () => {
  const dir = documents({
    'swagger.json': JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {} }),
    'broken.yaml': 'openapi: 3.0.3\npaths: [unclosed\n',
    'invalid.yaml': 'openapi: 3.0.3\ninfo: { title: t }\npaths: { /a: { get: {} } }\n',
    'list.yaml': '- a\n- b\n',
  });
  const error = async (name: string) => {
    const read = await readOpenApi(path.join(dir, name));
    return 'error' in read ? read.error : '';
  };
  assert.match(await error('swagger.json'), /is not an OpenAPI 3\.x document \(Swagger 2\.0 is not read/);
  assert.match(await error('broken.yaml'), /is neither JSON nor YAML: /);
  assert.match(await error('invalid.yaml'), /is not a valid OpenAPI document: .*required property 'version'/);
  assert.match(await error('list.yaml'), /is not an OpenAPI document \(no object at its top\)/);
});

test('a $ref to another file or a URL is not followed: nothing is fetched or read', async () => {
  const dir = documents({
    'secret.json': JSON.stringify({ name: 'id', in: 'path', required: true, example: 'leaked' }),
    'ext.yaml': `openapi: 3.0.3
info: { title: t, version: '1' }
servers: [{ url: 'https://api.test' }]
paths:
  /a/{id}:
    get:
      parameters: [{ $ref: 'secret.json' }, { $ref: 'https://example.invalid/p.json' }]
      responses: { '200': { description: ok } }
`,
  });
  const read = await readOpenApi(path.join(dir, 'ext.yaml'));
  const text = JSON.stringify(read);
  assert.ok(!text.includes('leaked'), text);
});

test('the global setup names each unusable document by its JSON path', async () => {
  const dir = documents({ 'bad.yaml': 'swagger: "2.0"\n' });
  const config = parse({
    sites: [
      {
        name: 'shop',
        url: 'https://shop.test/',
        apis: [{ name: 'orders', openapi: path.join(dir, 'bad.yaml') }],
      },
    ],
    apis: [{ name: 'status', openapi: path.join(dir, 'bad.yaml') }],
  });
  const list = await apiDocumentProblems(config);
  assert.equal(list.length, 2);
  assert.match(list[0]!, /^\$\.sites\[0\]\.apis\[0\]\.openapi: .*bad\.yaml is not an OpenAPI 3\.x document/);
  assert.match(list[1]!, /^\$\.apis\[0\]\.openapi: /);
});
