// Where a site sends users to https:// on one of its own hosts but on a port other than 443:
// a redirect (from Node or in the browser), a page, frame or resource the browser loaded, a
// navigation, a link. HSTS and cookies bind to the host name whatever the port (RFC 6797
// section 8.3), so this is the same host, not another one; but a network that lets only ports
// 80 and 443 out cannot reach it. Each such origin is reported once, where it was first seen.
import type { PagesEvidence, TransportEvidence } from '../model/evidence.ts';
import { pageUrl, where } from './where.ts';

export interface OtherPort {
  /** "https://shop.example.com:8443" */
  origin: string;
  port: string;
  /** Where it was first seen, in words: "the redirect chain from http://shop.example.com/ goes to https://shop.example.com:8443/". */
  seen: string;
}

/** The https origin of `url` when it is on one of `hosts` but not on port 443. */
function otherPortOrigin(url: string | undefined, hosts: ReadonlySet<string>): URL | undefined {
  if (!url?.startsWith('https://')) return undefined;
  try {
    const u = new URL(url);
    return u.port !== '' && hosts.has(u.hostname) ? u : undefined;
  } catch {
    return undefined;
  }
}

export function otherPorts(hosts: readonly string[], transport: TransportEvidence, pages: PagesEvidence): OtherPort[] {
  const own = new Set(hosts);
  const found = new Map<string, OtherPort>();
  const sighting = (url: string | undefined, seen: (url: string) => string) => {
    const u = otherPortOrigin(url, own);
    if (u && !found.has(u.origin)) found.set(u.origin, { origin: u.origin, port: u.port, seen: seen(u.href) });
  };
  for (const { http, https } of transport.hosts) {
    for (const chain of [http, https]) {
      for (const hop of chain.hops) {
        const goesTo = (url: string) => `the redirect chain from ${chain.startUrl} goes to ${url}`;
        sighting(hop.url, goesTo);
        sighting(hop.location, goesTo);
      }
    }
  }
  for (const visit of pages.visits) {
    const page = where(visit);
    for (const r of visit.responses) {
      sighting(r.url, (url) => (url === pageUrl(visit) ? `the browser visited ${page}` : `${page} loaded ${url}`));
      sighting(r.location, (url) => `${r.url} redirects the browser to ${url}`);
    }
    for (const n of visit.navigations) sighting(n.url, (url) => `${page} navigated to ${url}`);
    for (const link of visit.links) sighting(link.href, (url) => `a link on ${page} goes to ${url}`);
  }
  return [...found.values()];
}
