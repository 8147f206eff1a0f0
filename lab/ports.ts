import net from 'node:net';
// Where each lab host listens, from a base port: base is plain HTTP for every host,
// then one port per host for 443 in the order the sites list them.
import type { LabSite } from './types.ts';

export const DEFAULT_PORT_BASE = 18400;

export interface LabPorts {
  http: number;
  https: Map<string, number>;
  /** "host:port" -> where the host's https server also listens, for the ports a host lists in `alsoOn`. */
  also: Map<string, number>;
  /** A port nothing listens on: connection refused. */
  closed: number;
}

export function labPorts(base: number, sites: LabSite[]): LabPorts {
  const https = new Map<string, number>();
  const also = new Map<string, number>();
  const hosts = sites.flatMap((s) => [...s.hosts, ...(s.unlisted ?? [])]);
  for (const [i, h] of hosts.entries()) https.set(h.host, base + 1 + i);
  // After every host's own port, so that adding one does not move the others.
  let next = base + 1 + hosts.length;
  for (const h of hosts) for (const port of h.alsoOn ?? []) also.set(`${h.host}:${port}`, next++);
  return { http: base, https, also, closed: next };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A random base port whose whole lab range is free, so test runs never collide. */
export async function freePortBase(sites: LabSite[]): Promise<number> {
  const span = labPorts(0, sites).closed + 1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 400) * 100;
    const ports = Array.from({ length: span }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free port range for the lab');
}
