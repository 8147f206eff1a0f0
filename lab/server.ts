// Starts every lab site on loopback: one plain-HTTP port for all hosts (virtual hosts by
// Host header) and one port per HTTPS host, each with certificates made at start-up.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import { issue, days } from './pki.ts';
import { redirect } from './respond.ts';
import type { Credentials, Handler, LabHost, LabPki, LabSite } from './types.ts';
import { LAB_SITES } from './sites/index.ts';
import { labPorts } from './ports.ts';

export interface RunningLab {
  caFile: string;
  close(): Promise<void>;
}

export async function createLabPki(): Promise<LabPki> {
  const root = await issue({ commonName: 'Site Security Lab Root CA', sans: null, isCa: true, notAfter: days(365) });
  const intermediate = await issue(
    { commonName: 'Site Security Lab Issuing CA', sans: null, isCa: true, notAfter: days(180), url: 'http://pki.lab.test/issuing-ca.crt' },
    root,
  );
  const untrustedRoot = await issue({ commonName: 'Untrusted Interception Root', sans: null, isCa: true, notAfter: days(365) });
  return { root, intermediate, untrustedRoot };
}

export async function defaultCredentials(pki: LabPki, host: string): Promise<Credentials> {
  const leaf = await issue({ commonName: host, sans: [host] }, pki.intermediate);
  return { key: leaf.keyPem, cert: leaf.certPem + pki.intermediate.certPem };
}

const toHttps: Handler = (req, res) => redirect(res, 301, `https://${req.headers.host?.replace(/:\d+$/, '')}${req.url}`, { hsts: null });

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

  const allHosts: LabHost[] = sites.flatMap((s) => [...s.hosts, ...(s.unlisted ?? [])]);
  const byName = new Map(allHosts.map((h) => [h.host, h]));
  const plain = track(
    http.createServer((req, res) => {
      const host = byName.get((req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase());
      if (req.url === '/__lab/ready') return void res.end('ready');
      if (!host || host.http === 'refuse') return void res.writeHead(404).end();
      (host.http ?? toHttps)(req, res);
    }),
  );
  await listen(plain, ports.http);

  await Promise.all(
    allHosts.map(async (host) => {
      const port = ports.https.get(host.host)!;
      const b = host.https;
      if (b.kind === 'serve') {
        const creds = await (b.credentials ?? defaultCredentials)(pki, host.host);
        await listen(track(https.createServer({ ...creds, ...b.tls }, b.handler)), port);
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
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
