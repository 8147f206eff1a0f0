// A site's evidence with discovery on. Names come from what the scan collects anyway (the
// certificates of the listed hosts, what the browser saw on listed and flow pages) and from
// sources read for discovery (the certificate served without SNI, robots.txt and sitemaps, CT),
// then from the pages the crawl visits; the in-scope hosts found are probed like listed ones.
// Those dependencies are why all kinds of such a site are collected here together, once per
// site and attempt: the checks stay pure and only see an `origin` on what was discovered.
import type { Browser } from '@playwright/test';
import type { EvidenceKind } from '../model/evidence.ts';
import type { Timeouts } from '../model/defaults.ts';
import type {
  DiscoveredHost,
  DiscoveryEvidence,
  DiscoverySource,
  HostTls,
  HostTransport,
  SiteEvidence,
} from '../model/evidence.ts';
import type { CrawlBounds, DiscoverSettings, Site } from '../model/site.ts';
import type { NetContext } from '../net/net-context.ts';
import { collectTransport, transportBoundMs } from '../probes/transport.ts';
import { collectTls, tlsBoundMs } from '../probes/tls.ts';
import { certificateWithoutSni } from '../probes/no-sni.ts';
import { crawl, type CrawlResult } from '../driving/crawl.ts';
import type { BrowserCollectOptions } from '../driving/lanes.ts';
import { visitBudgetMs } from '../driving/lanes.ts';
import { scopeOf } from '../discovery/scope.ts';
import { addCertificate, addVisit, FoundNames } from '../discovery/names.ts';
import { documentsBoundMs, readSiteDocuments } from '../discovery/documents.ts';
import { readCt } from '../discovery/ct-source.ts';
import { fetchBoundMs } from '../discovery/fetch.ts';

export const DISCOVERY_OFF: DiscoveryEvidence = {
  enabled: false,
  sources: [],
  hosts: [],
  pages: [],
  wildcards: [],
  thirdParties: [],
  bounds: [],
};

/** Third parties and wildcards kept in the evidence at most; the rest are counted. */
const MAX_LISTED_NAMES = 500;

export interface DiscoverDeps {
  net: NetContext;
  browser: () => Promise<Browser>;
  browserOptions: BrowserCollectOptions;
  secrets: readonly string[];
  /** The site's evidence of one kind as the scan collects it for the listed hosts and pages (collect.ts). */
  listed: <K extends Exclude<EvidenceKind, 'discovery'>>(kind: K) => Promise<SiteEvidence[K]>;
}

export async function collectWithDiscovery(deps: DiscoverDeps, site: Site): Promise<SiteEvidence> {
  const settings = site.discover!;
  const scope = scopeOf(site.url);
  const found = new FoundNames(scope);
  const listed = new Set(site.hosts);
  // What the scan collects anyway, and what discovery reads from Node, side by side.
  const [pages, tls, transport, apis, documents, ct, defaults] = await Promise.all([
    deps.listed('pages'),
    deps.listed('tls'),
    deps.listed('transport'),
    deps.listed('apis'),
    readSiteDocuments(deps.net, site.hosts, scope, found),
    settings.ct ? readCt(deps.net, settings.ct.url, scope, found) : undefined,
    Promise.all(site.hosts.map((host) => certificateWithoutSni(deps.net, host))),
  ]);

  const fromCertificates = tls.hosts.flatMap((h) =>
    addCertificate(found, h.chain[0], `SAN of the certificate of ${h.host}`),
  );
  const asked = new Set<string>();
  for (const d of defaults) {
    if (asked.has(d.connectedTo)) continue;
    asked.add(d.connectedTo);
    fromCertificates.push(
      ...addCertificate(found, d.leaf, `SAN of the certificate ${d.connectedTo} serves without SNI`),
    );
  }
  const certificates: DiscoverySource = {
    kind: 'certificates',
    target: 'the certificates of the listed hosts, with and without SNI',
    status: 'ok',
    hosts: new Set(fromCertificates).size,
    pages: 0,
  };

  const crawled = settings.pages
    ? await crawlSite(deps, site, settings.pages, pages.visits, documents.pages)
    : undefined;
  const visits = [...pages.visits, ...(crawled?.visits ?? [])];
  const pageSource: DiscoverySource = {
    kind: 'pages',
    target: `${visits.length} page visit(s): listed, flow${crawled ? ' and crawled' : ''} pages`,
    status: 'ok',
    hosts: new Set(visits.flatMap((visit) => addVisit(found, visit))).size,
    pages: crawled?.pages.length ?? 0,
  };

  const hosts = await probeFound(deps, site, settings, found, listed);
  const discovery: DiscoveryEvidence = {
    enabled: true,
    domain: scope.domain,
    sources: [certificates, pageSource, ...documents.sources, ...(ct ? [ct] : [])],
    hosts: hosts.found,
    pages: crawled?.pages ?? [],
    wildcards: named(found.wildcards),
    thirdParties: named(found.thirdParties).map(({ name, origin }) => ({ host: name, origin })),
    bounds: [...(crawled?.bounds ?? []), ...hosts.bounds, ...(crawled?.notes ?? [])],
  };
  return {
    transport: { hosts: [...transport.hosts, ...hosts.transport] },
    tls: { ...tls, hosts: [...tls.hosts, ...hosts.tls] },
    pages: { ...pages, visits },
    apis,
    discovery,
  };
}

const named = (names: Map<string, string>) =>
  [...names]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(0, MAX_LISTED_NAMES)
    .map(([name, origin]) => ({ name, origin }));

/** The crawl starts from the links of the listed pages and the sitemaps' pages. */
function crawlSite(
  deps: DiscoverDeps,
  site: Site,
  bounds: CrawlBounds,
  listedVisits: SiteEvidence['pages']['visits'],
  sitemapPages: { url: string; from: string }[],
): Promise<CrawlResult> {
  const fromListed = listedVisits.filter((v) => v.origin.kind === 'page');
  const seeds = [
    ...fromListed.flatMap((v) => v.links.map((l) => ({ url: l.href, from: `linked from ${l.pageUrl}` }))),
    ...sitemapPages,
  ];
  const listedUrls = [
    ...site.pages.map((p) => new URL(p, site.url).href),
    ...fromListed.flatMap((v) => v.finalUrl ?? []),
  ];
  return deps.browser().then((browser) => crawl(browser, site, bounds, seeds, listedUrls, deps.browserOptions));
}

interface ProbedHosts {
  found: DiscoveredHost[];
  transport: HostTransport[];
  tls: HostTls[];
  bounds: string[];
}

/**
 * The in-scope hosts found, best-ranked source first (certificates, pages, robots.txt and
 * sitemaps, CT), then by name; up to maxHosts are probed like listed hosts. One that answers
 * neither on 443 nor on 80 may be a mail or internal name: it is set aside, not judged.
 */
async function probeFound(
  deps: DiscoverDeps,
  site: Site,
  settings: DiscoverSettings,
  found: FoundNames,
  listed: Set<string>,
): Promise<ProbedHosts> {
  const candidates = [...found.hosts]
    .filter(([host]) => !listed.has(host))
    .sort(([a, x], [b, y]) => x.rank - y.rank || (a < b ? -1 : 1));
  if (!settings.hosts)
    return {
      found: candidates.map(([host, { origin }]) => ({ host, origin, status: 'not-probed' })),
      transport: [],
      tls: [],
      bounds: [],
    };
  const chosen = candidates.slice(0, settings.maxHosts);
  const probeSite = { ...site, hosts: chosen.map(([host]) => host) };
  const [transport, tls] = await Promise.all([
    collectTransport(deps.net, probeSite, deps.secrets),
    collectTls(deps.net, probeSite),
  ]);
  const out: ProbedHosts = { found: [], transport: [], tls: [], bounds: [] };
  chosen.forEach(([host, { origin }], i) => {
    const t = transport.hosts[i]!;
    const https = t.https.hops[0]?.error;
    const http = t.http.hops[0]?.error;
    if (https?.phase === 'connect' && http) {
      out.found.push({ host, origin, status: 'no-answer', reason: `443: ${https.message}; 80: ${http.message}` });
      return;
    }
    out.found.push({ host, origin, status: 'probed' });
    out.transport.push({ ...t, origin });
    out.tls.push({ ...tls.hosts[i]!, origin });
  });
  const over = candidates.slice(settings.maxHosts);
  out.found.push(...over.map(([host, { origin }]): DiscoveredHost => ({ host, origin, status: 'over-limit' })));
  if (over.length > 0)
    out.bounds.push(`stopped at maxHosts ${settings.maxHosts}: ${over.length} more host(s) not probed`);
  return out;
}

/**
 * The most collecting a discovery site can take: what the scan collects anyway (`listedMs`, its
 * slowest kind) and the sources (side by side), the crawl (its budget, and the visit under way
 * when it ran out), then the probes of the hosts found.
 */
export function discoveryBoundMs(site: Site, t: Timeouts, listedMs: number): number {
  const settings = site.discover;
  if (!settings) return 0;
  const probes = Math.max(transportBoundMs(t), tlsBoundMs(t));
  const first = Math.max(listedMs, documentsBoundMs(t), settings.ct ? fetchBoundMs(t) : 0);
  const crawling = settings.pages ? settings.pages.budgetMs + visitBudgetMs(t) : 0;
  return first + crawling + (settings.hosts ? probes : 0);
}
