// The collection process of a run (started by scan/global-setup.ts through
// service-client.ts). Serves evidence to the test workers over HTTP on loopback, behind a
// random token, and stops with its parent.
import http from 'node:http';
import { scanConfig } from './scan-config.ts';
import { createCollectDeps } from './collect.ts';
import { CollectionService } from './service.ts';
import type { PlanEntry } from './protocol.ts';
import type { EvidenceKind } from '../model/evidence.ts';

const token = process.env.SCAN_SERVICE_TOKEN ?? '';
const workDir = process.env.SCAN_WORK_DIR ?? '';
const config = scanConfig();
const { deps, close } = createCollectDeps(config, workDir);
const service = new CollectionService(config, deps, Number(process.env.SCAN_SITES_AT_ONCE ?? 1));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const [, key, action] = url.pathname.split('/');
  if (key !== token) return void res.writeHead(403).end();
  if (action === 'plan' && req.method === 'POST') {
    void readBody(req).then((body) => {
      service.plan(JSON.parse(body) as PlanEntry[]);
      res.writeHead(204).end();
    });
    return;
  }
  // Behind the same token as the evidence: the config holds the secrets workers redact.
  if (action === 'config' && req.method === 'GET')
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(service.runConfig()));
  if (action === 'evidence') {
    const site = url.searchParams.get('site') ?? '';
    const kind = (url.searchParams.get('kind') ?? '') as EvidenceKind;
    const attempt = Number(url.searchParams.get('attempt') ?? 0);
    service.evidence(site, kind, attempt).then(
      (json) => res.writeHead(200, { 'content-type': 'application/json' }).end(json),
      (err: unknown) =>
        res.writeHead(500, { 'content-type': 'text/plain' }).end(err instanceof Error ? err.message : String(err)),
    );
    return;
  }
  res.writeHead(404).end();
});
// Workers wait as long as their evidence takes; every collection is bounded on its own.
server.requestTimeout = 0;
server.headersTimeout = 0;

async function stop(): Promise<void> {
  server.close();
  await close();
  process.exit(0);
}

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ ready: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (message: { stop?: boolean }) => {
  if (message.stop) void stop();
});
// The runner went away (Ctrl-C, crash): do not outlive it.
process.on('disconnect', () => void stop());
