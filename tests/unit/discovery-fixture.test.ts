// Discovery's network sources against a local fixture server (real TLS, certificates made here):
// CT answers that work, fail or lie; robots.txt and sitemaps (an index, a 404, a third party's
// sitemap never fetched); and the certificate a server sends without SNI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { createLabPki, defaultCredentials } from '../../lab/server.ts';
import type { NetContext } from '../../src/net/net-context.ts';
import { DEFAULT_TIMEOUTS } from '../../src/model/defaults.ts';
import { readCt } from '../../src/discovery/ct-source.ts';
import { readSiteDocuments } from '../../src/discovery/documents.ts';
import { FoundNames } from '../../src/discovery/names.ts';
import { scopeOf } from '../../src/discovery/scope.ts';
import { certificateWithoutSni } from '../../src/probes/no-sni.ts';

const ROUTES: Record<string, [status: number, body: string]> = {
  '/ok?q=example.test': [200, JSON.stringify([{ name_value: 'a.example.test\n*.b.example.test\nother.test' }])],
  '/down?q=example.test': [502, '<html>Bad Gateway</html>'],
  '/lies?q=example.test': [200, '{"names":["a.example.test"]}'],
  '/robots.txt': [
    200,
    'User-agent: *\nDisallow: /\nSitemap: https://shop.example.test/index.xml\nSitemap: https://cdn.other.test/map.xml\n',
  ],
  '/index.xml': [
    200,
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://shop.example.test/pages.xml</loc></sitemap></sitemapindex>',
  ],
  '/pages.xml': [
    200,
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://shop.example.test/only-here</loc></url><url><loc>https://news.example.test/</loc></url></urlset>',
  ],
};

let server: https.Server;
let ctx: NetContext;
const asked: string[] = [];

before(async () => {
  const pki = await createLabPki();
  const named = await defaultCredentials(pki, 'shop.example.test');
  const fallback = await defaultCredentials(pki, 'fallback.example.test');
  // Without SNI the server sends its default certificate, naming another host.
  server = https.createServer(
    { ...fallback, SNICallback: (_name, cb) => cb(null, tls.createSecureContext(named)) },
    (req, res) => {
      asked.push(`${req.headers.host}${req.url}`);
      const [status, body] = ROUTES[req.url ?? ''] ?? [404, 'not found'];
      res.writeHead(status).end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const to = `127.0.0.1:${port}`;
  ctx = {
    connectTo: { 'shop.example.test:443': to, 'ct.test:443': to, 'cdn.other.test:443': to },
    ca: [pki.root.certPem],
    timeouts: { ...DEFAULT_TIMEOUTS, connectMs: 2000, requestMs: 2000 },
  };
});
after(() => server.close());

const scope = scopeOf('https://shop.example.test/');

test('CT: names in scope found, others ignored; an HTTP error or an answer that is no array is "failed", never "0 hosts"', async () => {
  const found = new FoundNames(scope);
  const ok = await readCt(ctx, 'https://ct.test/ok?q={domain}', scope, found);
  assert.deepEqual(
    { status: ok.status, hosts: ok.hosts, detail: ok.detail },
    {
      status: 'ok',
      hosts: 2,
      detail: '1 names outside example.test ignored',
    },
  );
  assert.deepEqual([...found.hosts.keys()].sort(), ['a.example.test', 'b.example.test']);
  const down = await readCt(ctx, 'https://ct.test/down?q={domain}', scope, new FoundNames(scope));
  assert.deepEqual([down.status, down.detail], ['failed', 'HTTP 502']);
  const lies = await readCt(ctx, 'https://ct.test/lies?q={domain}', scope, new FoundNames(scope));
  assert.deepEqual([lies.status, lies.detail], ['failed', 'the answer is not a JSON array of log entries']);
  const nowhere = await readCt(ctx, 'https://ct-nowhere.invalid/?q={domain}', scope, new FoundNames(scope));
  assert.equal(nowhere.status, 'failed');
  assert.match(nowhere.detail ?? '', /ENOTFOUND|getaddrinfo/);
});

test("robots.txt and sitemaps: an index followed, a 404 is none, a third party's sitemap never fetched", async () => {
  const found = new FoundNames(scope);
  const docs = await readSiteDocuments(ctx, ['shop.example.test'], scope, found);
  assert.deepEqual(
    docs.sources.map((s) => [s.kind, s.target, s.status, s.hosts, s.pages]),
    [
      ['robots', 'https://shop.example.test/robots.txt', 'ok', 0, 0],
      ['sitemap', 'https://shop.example.test/index.xml', 'ok', 0, 0],
      ['sitemap', 'https://shop.example.test/pages.xml', 'ok', 2, 2],
      ['sitemap', 'https://shop.example.test/sitemap.xml', 'none', 0, 0],
    ],
  );
  assert.deepEqual(docs.pages, [
    { url: 'https://shop.example.test/only-here', from: 'in the sitemap https://shop.example.test/pages.xml' },
    { url: 'https://news.example.test/', from: 'in the sitemap https://shop.example.test/pages.xml' },
  ]);
  assert.ok(found.hosts.has('news.example.test'));
  assert.ok(found.thirdParties.has('cdn.other.test'));
  assert.ok(!asked.some((a) => a.startsWith('cdn.other.test')), asked.join(' '));
});

test('the certificate a server sends without SNI is read, naming what the named one does not', async () => {
  const d = await certificateWithoutSni(ctx, 'shop.example.test');
  assert.deepEqual(d.leaf?.subjectAltNames, ['fallback.example.test']);
});
