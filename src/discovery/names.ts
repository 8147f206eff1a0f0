// Every host name a site's evidence mentions, with where it was first seen: the DNS names in the
// SAN of certificates, and what pages showed in the browser (links, loaded resources, frames,
// redirects and Location headers, navigations, form actions, CSP host-sources). Sorted into the
// site's own hosts (under its registrable domain), third parties and wildcard patterns.
import type { CertificateFacts, PageVisit } from '../model/evidence.ts';
import { hostOf } from '../model/url.ts';
import { cspNames } from './csp.ts';
import { hostName, type Scope } from './scope.ts';

export type SourceKind = 'certificates' | 'pages' | 'robots' | 'sitemap' | 'ct';

/** Which source's hosts are probed first when maxHosts leaves room for only some of them. */
const RANK: Record<SourceKind, number> = { certificates: 0, pages: 1, robots: 2, sitemap: 2, ct: 3 };

/** Names found so far, each with the first place it was seen and the best-ranked source that named it. */
export class FoundNames {
  /** In-scope host -> where it was first seen and the best-ranked source that named it. */
  readonly hosts = new Map<string, { origin: string; rank: number }>();
  readonly thirdParties = new Map<string, string>();
  readonly wildcards = new Map<string, string>();
  constructor(private readonly scope: Scope) {}

  /** Adds a name; returns it when it is an in-scope host (listed or not), for the source's count. */
  add(raw: string, origin: string, source: SourceKind): string | undefined {
    const rank = RANK[source];
    if (raw.startsWith('*.')) {
      const base = hostName(raw.slice(2));
      if (base && !this.wildcards.has(`*.${base}`)) this.wildcards.set(`*.${base}`, origin);
      return undefined;
    }
    const host = hostName(raw);
    if (!host) return undefined;
    if (!this.scope.inScope(host)) {
      if (!this.thirdParties.has(host)) this.thirdParties.set(host, origin);
      return undefined;
    }
    const seen = this.hosts.get(host);
    if (!seen) this.hosts.set(host, { origin, rank });
    else if (rank < seen.rank) seen.rank = rank;
    return host;
  }

  addUrl(url: string, origin: string, source: SourceKind): string | undefined {
    const host = hostOf(url);
    return host ? this.add(host, origin, source) : undefined;
  }
}

/** The names of a certificate's SAN (IP addresses are not host names and are skipped); returns the in-scope hosts. */
export function addCertificate(found: FoundNames, leaf: CertificateFacts | undefined, origin: string): string[] {
  return (leaf?.subjectAltNames ?? []).flatMap((name) => found.add(name, origin, 'certificates') ?? []);
}

const pageOf = (visit: PageVisit): string =>
  visit.finalUrl && !visit.finalUrl.startsWith('chrome-error:') ? visit.finalUrl : visit.url;

/** Every name a visit saw in the browser; returns the in-scope hosts. */
export function addVisit(found: FoundNames, visit: PageVisit): string[] {
  const page = pageOf(visit);
  const sightings: [url: string, origin: string][] = [
    ...visit.links.map((l): [string, string] => [l.href, `linked from ${l.pageUrl}`]),
    ...visit.navigations.map((n): [string, string] => [n.url, `navigated to from ${n.from ?? page}`]),
    ...visit.forms.flatMap((f) =>
      [f.action, ...f.formActions].flatMap((a): [string, string][] => (a ? [[a, `form action on ${f.frameUrl}`]] : [])),
    ),
    ...visit.responses.flatMap((r): [string, string][] => [
      [r.url, r.isNavigation && !r.mainFrame ? `framed by ${page}` : `loaded by ${page}`],
      ...(r.location ? [[r.location, `redirect (Location) from ${r.url}`] as [string, string]] : []),
    ]),
    ...visit.insecureReferences.map((r): [string, string] => [r.url, `referenced by ${r.frameUrl}`]),
    ...visit.mixedContent.map((m): [string, string] => [m.url, `loaded by ${m.frameUrl}`]),
  ];
  const hosts = sightings.flatMap(([url, origin]) => found.addUrl(url, origin, 'pages') ?? []);
  for (const r of visit.responses) {
    for (const [name, value] of r.headers) {
      if (name !== 'content-security-policy' && name !== 'content-security-policy-report-only') continue;
      const csp = cspNames(value);
      for (const name of [...csp.hosts, ...csp.wildcards])
        hosts.push(...(found.add(name, `CSP of ${r.url}`, 'pages') ?? []));
    }
  }
  return hosts;
}
