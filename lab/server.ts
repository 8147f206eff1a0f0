// Starts every lab site on loopback: one plain-HTTP port for all hosts (virtual hosts by
// Host header) and one port per HTTPS host, each with certificates made at start-up.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { issue, days, served } from './pki.ts';
import { redirect } from './respond.ts';
import type { Credentials, Handler, LabHost, LabPki, LabSite } from './types.ts';
import { LAB_SITES } from './sites/index.ts';
import { labPorts } from './ports.ts';

/** One request a lab server received: tests check where secrets were (and were not) sent. */
export interface LabRequest {
  scheme: 'http' | 'https';
  host: string;
  url: string;
  method: string;
  /** Request headers as received (the tests check where a bearer token went). */
  headers: Record<string, string | string[] | undefined>;
  /** The first 64 KB of the body. */
  body: string;
}

export interface RunningLab {
  caFile: string;
  /** Every request the lab received, in order. */
  requests: LabRequest[];
  close(): Promise<void>;
}

const MAX_LOGGED_BODY = 65_536;

export async function createLabPki(): Promise<LabPki> {
  const root = await issue({ commonName: 'Site Security Lab Root CA', sans: null, isCa: true, notAfter: days(365) });
  const intermediate = await issue(
    {
      commonName: 'Site Security Lab Issuing CA',
      sans: null,
      isCa: true,
      notAfter: days(180),
      url: 'http://pki.lab.test/issuing-ca.crt',
    },
    root,
  );
  const untrustedRoot = await issue({
    commonName: 'Untrusted Interception Root',
    sans: null,
    isCa: true,
    notAfter: days(365),
  });
  return { root, intermediate, untrustedRoot };
}

export async function defaultCredentials(pki: LabPki, host: string): Promise<Credentials> {
  return served(await issue({ commonName: host, sans: [host] }, pki.intermediate), pki.intermediate);
}

const toHttps: Handler = (req, res) =>
  redirect(res, 301, `https://${req.headers.host?.replace(/:\d+$/, '')}${req.url}`, { hsts: null });

export async function startLab(portBase: number, outDir: string, sites: LabSite[] = LAB_SITES): Promise<RunningLab> {
  const pki = await createLabPki();
  mkdirSync(outDir, { recursive: true });
  const caFile = path.join(outDir, 'ca.pem');
  writeFileSync(caFile, pki.root.certPem);

  const ports = labPorts(portBase, sites);
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const track = (server: net.Server): net.Server => {
    server.on('connection', (s: net.Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    servers.push(server);
    return server;
  };
  const listen = (server: net.Server, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });

  const requests: LabRequest[] = [];
  /** Logs the request (a second 'data' listener sees the same chunks as the handler's), then serves it. */
  const logged =
    (scheme: LabRequest['scheme'], handler: Handler): Handler =>
    (req, res) => {
      const entry: LabRequest = {
        scheme,
        host: (req.headers.host ?? '').replace(/:\d+$/, ''),
        url: req.url ?? '',
        method: req.method ?? '',
        headers: req.headers,
        body: '',
      };
      requests.push(entry);
      req.on('data', (chunk: Buffer) => {
        if (entry.body.length < MAX_LOGGED_BODY) entry.body += chunk.toString('utf8');
      });
      handler(req, res);
    };

  const allHosts: LabHost[] = sites.flatMap((s) => [...s.hosts, ...(s.unlisted ?? [])]);
  const byName = new Map(allHosts.map((h) => [h.host, h]));
  const plain = track(
    http.createServer(
      logged('http', (req, res) => {
        const host = byName.get((req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase());
        if (req.url === '/__lab/ready') return void res.end('ready');
        if (!host || host.http === 'refuse') return void res.writeHead(404).end();
        (host.http ?? toHttps)(req, res);
      }),
    ),
  );
  await listen(plain, ports.http);

  await Promise.all(
    allHosts.map(async (host) => {
      const port = ports.https.get(host.host)!;
      const b = host.https;
      if (b.kind === 'serve') {
        const creds = await (b.credentials ?? defaultCredentials)(pki, host.host);
        await listen(track(https.createServer({ ...creds, ...b.tls }, logged('https', b.handler))), port);
        for (const other of host.alsoOn ?? [])
          await listen(
            track(https.createServer({ ...creds, ...b.tls }, logged('https', b.handler))),
            ports.also.get(`${host.host}:${other}`)!,
          );
      } else if (b.kind === 'mute') {
        await listen(track(tls.createServer(await defaultCredentials(pki, host.host), () => {})), port);
      } else if (b.kind === 'silent') {
        await listen(track(net.createServer(() => {})), port);
      } else if (b.kind === 'plain-http') {
        await listen(track(http.createServer((_q, res) => res.end('plain http on the TLS port'))), port);
      }
    }),
  );

  return {
    caFile,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
