// A test worker takes the run's config from the collection process instead of reading the
// sites file itself (src/evidence/run-config.ts): it must get exactly what the process resolved
// (secrets included, which the worker redacts) and each site's collection bound, and only with
// the run's token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fetchRunConfig, startService } from '../../src/evidence/service-client.ts';
import { scanConfig } from '../../src/evidence/scan-config.ts';
import { collectionBoundMs } from '../../src/evidence/collect.ts';

const status = (url: string): Promise<number> =>
  new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });

const SECRET = 'not-a-real-password-4f2';

test('the collection process gives the workers the resolved sites file and each site bound, behind its token', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'run-config-'));
  const sitesFile = path.join(dir, 'sites.json');
  writeFileSync(
    sitesFile,
    JSON.stringify({
      timeouts: { pageMs: 7000 },
      sites: [
        { name: 'shop', url: 'https://shop.example.test/', pages: ['/', '/a', '/b', '/c', '/d', '/e'] },
        {
          name: 'blog',
          url: 'https://blog.example.test/',
          flows: [{ name: 'login', steps: [{ goto: '/login' }, { fill: '#password', value: '${RUN_CONFIG_SECRET}' }] }],
        },
      ],
    }),
  );
  process.env.RUN_CONFIG_SECRET = SECRET;
  const service = await startService({ workDir: dir, sitesAtOnce: 1, env: { ...process.env, SITES_FILE: sitesFile } });
  try {
    const expected = scanConfig(sitesFile);
    const run = await fetchRunConfig(service.address);
    // As JSON carries it: fields left undefined are absent.
    assert.deepEqual(run.config, JSON.parse(JSON.stringify(expected)));
    assert.deepEqual(run.config.secrets, [SECRET]);
    assert.deepEqual(run.collectionBoundMs, {
      shop: collectionBoundMs(expected.sites[0]!, expected.timeouts),
      blog: collectionBoundMs(expected.sites[1]!, expected.timeouts),
    });
    const wrongToken = service.address.replace(/\/[0-9a-f]+$/, '/0000');
    assert.equal(await status(`${wrongToken}/config`), 403);
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('each request to the collection process has a connection of its own: a kept-alive socket the server closes is never reused', async () => {
  // The server drops any connection that carries a second request, as a server closing an idle
  // kept-alive socket does when a request arrives on it at that moment.
  let connections = 0;
  const server = http.createServer((req, res) => {
    const socket = req.socket as typeof req.socket & { requests?: number };
    socket.requests = (socket.requests ?? 0) + 1;
    if (socket.requests > 1) return socket.destroy();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ config: { sites: [] }, collectionBoundMs: {} }));
  });
  server.on('connection', () => connections++);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    for (let i = 0; i < 3; i++) await fetchRunConfig(`http://127.0.0.1:${port}/token`);
    assert.equal(connections, 3);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
