// The API collector against real local servers (real TLS, certificates made here, connectTo):
// where the credentials go and where they never go, and hostile answers that must neither hang
// nor blow up the run. Counted and compared, never timed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { issue, served } from '../../lab/pki.ts';
import { collectApis, MAX_BODY_BYTES, MAX_CALLS_PER_API } from '../../src/probes/apis.ts';
import { request } from '../../src/net/http-exchange.ts';
import type { NetContext } from '../../src/net/net-context.ts';
import type { Api } from '../../src/model/site.ts';

interface Seen {
  scheme: 'http' | 'https';
  host: string;
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

const TOKEN = 'tok-3kq9-secret';
const seen: Seen[] = [];
const servers: http.Server[] = [];
let ctx: NetContext;

/** Routes shared by both schemes; the http:// side answers data too, so every twin is really asked. */
function handler(scheme: Seen['scheme']): http.RequestListener {
  return (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = req.url ?? '/';
      seen.push({
        scheme,
        host: (req.headers.host ?? '').replace(/:\d+$/, ''),
        method: req.method ?? '',
        url,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        body,
      });
      if (url === '/endless') {
        // Data as fast as the socket takes it, never an end.
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (res.write(chunk)) if (res.destroyed) return;
          res.once('drain', pump);
        };
        res.write('[');
        pump();
        return;
      }
      if (url === '/trickle') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"a":');
        return; // and nothing more, ever
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ next: `http://${req.headers.host}/page/2`, self: `https://api.test${url}` }));
    });
  };
}

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

before(async () => {
  const root = await issue({ commonName: 'Test Root', sans: null, isCa: true });
  const leaf = await issue({ commonName: 'api.test', sans: ['api.test'] }, root);
  const stranger = await issue({ commonName: 'bad.test', sans: ['bad.test'] }); // self-signed: not trusted
  const good = await listen(https.createServer(served(leaf, root), handler('https')));
  const bad = await listen(https.createServer(served(stranger), handler('https')));
  const plain = await listen(http.createServer(handler('http')));
  ctx = {
    connectTo: {
      'api.test:443': `127.0.0.1:${good}`,
      'api.test:80': `127.0.0.1:${plain}`,
      'bad.test:443': `127.0.0.1:${bad}`,
      'bad.test:80': `127.0.0.1:${plain}`,
    },
    ca: [root.certPem],
    timeouts: { connectMs: 10_000, requestMs: 1_000, pageMs: 1_000, settleMs: 0, stepMs: 1_000 },
  };
});
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const api = (endpoints: Api['endpoints'], headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) => ({
  api: { name: 'test', endpoints, headers },
});
const get = (url: string) => ({ url, method: 'GET', headers: {} });

test('credentials go over https to the API host only; the http:// twin is asked the same request without them', async () => {
  seen.length = 0;
  const evidence = await collectApis(
    ctx,
    [
      api([
        get('https://api.test/v1/a'),
        { url: 'https://api.test/v1/b', method: 'POST', body: '{"x":1}', headers: {} },
      ]),
    ],
    [TOKEN],
  );
  const [a, b] = evidence.apis[0]!.calls;
  assert.equal(a!.https.status, 200);
  assert.equal(a!.https.credentials, true);
  assert.equal(a!.twin!.url, 'http://api.test/v1/a');
  assert.equal(a!.twin!.credentials, false);
  assert.deepEqual(a!.https.body?.insecureUrls, [{ path: '$.next', url: 'http://api.test/page/2' }]);
  const withToken = seen.filter((s) => s.authorization?.includes(TOKEN));
  assert.deepEqual(withToken.map((s) => `${s.scheme}://${s.host}${s.url}`).sort(), [
    'https://api.test/v1/a',
    'https://api.test/v1/b',
  ]);
  // The twin of the POST is a POST with the same (secret-free) body, over http, without the token.
  assert.deepEqual(
    seen
      .filter((s) => s.scheme === 'http')
      .map((s) => [s.method, s.url, s.body, s.authorization])
      .sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    [
      ['GET', '/v1/a', '', undefined],
      ['POST', '/v1/b', '{"x":1}', undefined],
    ],
  );
  assert.equal(b!.https.status, 200);
});

test('a secret in the body, the query or the path never goes to the http:// twin', async () => {
  seen.length = 0;
  const evidence = await collectApis(
    ctx,
    [
      api(
        [
          { url: 'https://api.test/v1/login', method: 'POST', body: `{"key":"${TOKEN}"}`, headers: {} },
          get(`https://api.test/v1/q?key=${TOKEN}`),
          get(`https://api.test/v1/${TOKEN}/x`),
        ],
        {},
      ),
    ],
    [TOKEN],
  );
  const record = evidence.apis[0]!;
  const [login, query, path] = record.calls;
  assert.equal(login!.https.credentials, true, 'a secret body counts as a credential');
  assert.equal(query!.twin!.url, 'http://api.test/v1/q');
  assert.equal(path!.twin, undefined);
  assert.match(path!.twinSkipped!, /path holds a secret/);
  assert.ok(record.notes.some((n) => /empty body/.test(n)));
  const plain = seen.filter((s) => s.scheme === 'http');
  assert.equal(plain.length, 2);
  for (const s of plain) assert.ok(!`${s.url} ${s.body}`.includes(TOKEN), `${s.method} ${s.url} carried the secret`);
  assert.equal(seen.filter((s) => `${s.url}${s.body}`.includes(TOKEN)).length, 3);
});

test('over a certificate Node does not trust, the credentials are not sent at all; a request without them is', async () => {
  seen.length = 0;
  const withToken = await collectApis(ctx, [api([get('https://bad.test/v1/a')])], [TOKEN]);
  const call = withToken.apis[0]!.calls[0]!;
  assert.equal(call.https.credentials, false);
  assert.match(call.https.withheld!, /certificate of bad\.test is not trusted/);
  assert.equal(call.https.status, undefined);
  assert.deepEqual(
    seen.filter((s) => s.scheme === 'https'),
    [],
  );
  const without = await collectApis(ctx, [api([get('https://bad.test/v1/a')], {})], [TOKEN]);
  assert.equal(without.apis[0]!.calls[0]!.https.status, 200);
  assert.equal(without.apis[0]!.calls[0]!.https.withheld, undefined);
});

test('an endless body stops at the bound, a body that never ends stops at requestMs: recorded, never hung', async () => {
  const evidence = await collectApis(
    ctx,
    [api([get('https://api.test/endless'), get('https://api.test/trickle')])],
    [],
  );
  const [endless, trickle] = evidence.apis[0]!.calls;
  assert.equal(endless!.https.body?.bytes, MAX_BODY_BYTES);
  assert.equal(endless!.https.body?.incomplete, `the body is longer than ${MAX_BODY_BYTES} bytes`);
  assert.match(trickle!.https.body!.incomplete!, /did not end within 1000 ms/);
  assert.equal(trickle!.https.body?.bytes, 5);
});

test('HEAD reads no body; an API lists at most MAX_CALLS_PER_API requests and says what it left out', async () => {
  const head = await request(ctx, 'https://api.test/v1/h', { method: 'HEAD', readBody: MAX_BODY_BYTES });
  assert.equal(head.exchange.status, 200);
  assert.equal(head.body?.bytes.length, 0);
  const many = Array.from({ length: MAX_CALLS_PER_API + 3 }, (_, i) => get(`https://api.test/v1/n${i}`));
  const evidence = await collectApis(ctx, [api(many, {})], []);
  assert.equal(evidence.apis[0]!.calls.length, MAX_CALLS_PER_API);
  assert.match(evidence.apis[0]!.notes[0]!, /^3 of 23 requests were not made \(at most 20 per API\)/);
});

test('a header Node refuses fails that request only, as an HTTP error', async () => {
  const answer = await request(ctx, 'https://api.test/v1/a', { prepare: () => ({ headers: { 'x-bad': 'a\nb' } }) });
  assert.equal(answer.exchange.error?.phase, 'http');
});
