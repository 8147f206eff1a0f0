// Where each lab host listens, from a base port: base is plain HTTP for every host,
// then one port per host for 443 in the order the sites list them.
import type { LabSite } from './types.ts';

export const DEFAULT_PORT_BASE = 18400;

export interface LabPorts {
  http: number;
  https: Map<string, number>;
  /** A port nothing listens on: connection refused. */
  closed: number;
}

export function labPorts(base: number, sites: LabSite[]): LabPorts {
  const https = new Map<string, number>();
  const hosts = sites.flatMap((s) => [...s.hosts, ...(s.unlisted ?? [])]);
  hosts.forEach((h, i) => https.set(h.host, base + 1 + i));
  return { http: base, https, closed: base + 1 + hosts.length };
}
