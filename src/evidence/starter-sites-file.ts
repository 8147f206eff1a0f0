// `npm run discover -- <url>`: from what discovery found on a URL to a sites.json ready to scan:
// the site, the subdomains that answered, the pages the crawl could visit, `$schema`, and the
// `ca`, `connectTo` and `timeouts` of a sites file given as a base (as written, ${VAR}s kept). What
// was left out is said beside it, one line each: JSON has no comments.
import { DEFAULT_SESSION_COOKIE_NAMES, DEFAULT_POLICY, DEFAULT_DISCOVERY, type Timeouts } from '../model/defaults.ts';
import type { DiscoverSettings, Site } from '../model/site.ts';
import type { SiteEvidence } from '../model/evidence.ts';
import type { SitesFileInput } from '../config/schema.ts';
import { hostOf } from '../model/url.ts';

/** The site discovery starts from: its URL's host, the home page, discovery with the defaults (CT when asked for). */
export function starterSite(url: string, settings: { maxPages?: number; maxHosts?: number; ct?: string } = {}): Site {
  const host = new URL(url).hostname;
  const discover: DiscoverSettings = {
    hosts: true,
    maxHosts: settings.maxHosts ?? DEFAULT_DISCOVERY.maxHosts,
    pages: {
      maxPages: settings.maxPages ?? DEFAULT_DISCOVERY.maxPages,
      maxDepth: DEFAULT_DISCOVERY.maxDepth,
      exclude: [],
      budgetMs: DEFAULT_DISCOVERY.budgetMs,
    },
    ...(settings.ct ? { ct: { url: settings.ct } } : {}),
  };
  return {
    name: host,
    url: new URL('/', url).href,
    hosts: [host],
    pages: ['/'],
    policy: { ...DEFAULT_POLICY },
    cookies: { sessionNames: [...DEFAULT_SESSION_COOKIE_NAMES], ignore: [] },
    // Nothing is typed and nothing is kept: no screenshot is needed to write a sites file.
    screenshots: false,
    flows: [],
    discover,
  };
}

/** Fields copied as written from a base sites file (placeholders kept, never their values). */
export interface BaseFields {
  ca?: string;
  connectTo?: Record<string, string>;
  timeouts?: Partial<Timeouts>;
}

export function starterSitesFile(
  site: Site,
  evidence: SiteEvidence,
  base: BaseFields = {},
): { file: SitesFileInput; notes: string[] } {
  const d = evidence.discovery;
  const main = hostOf(site.url);
  const subdomains = d.hosts
    .filter((h) => h.status === 'probed')
    .map((h) => h.host)
    .sort();
  const pages = [
    '/',
    ...evidence.pages.visits
      .filter((v) => v.origin.kind === 'crawl' && !v.error && v.unread.every((u) => u.kind !== 'not-loaded'))
      .map((v) => new URL(v.url))
      .filter((u) => u.hostname === main)
      .map((u) => `${u.pathname}${u.search}`),
  ];
  const notes = [
    ...d.hosts
      .filter((h) => h.status !== 'probed')
      .map((h) =>
        h.status === 'no-answer'
          ? `left out ${h.host} (${h.origin}): answers on neither 443 nor 80 (${h.reason})`
          : `left out ${h.host} (${h.origin}): not probed, past maxHosts ${site.discover?.maxHosts}`,
      ),
    ...d.pages.filter((p) => p.status === 'not-visited').map((p) => `left out ${p.url} (${p.origin}): ${p.why}`),
    ...d.bounds,
    ...d.sources.filter((s) => s.status === 'failed').map((s) => `could not read ${s.target}: ${s.detail ?? 'failed'}`),
    ...d.thirdParties.map(
      (t) => `not the site's (another registrable domain than ${d.domain}): ${t.host} (${t.origin})`,
    ),
    ...d.wildcards.map((w) => `a wildcard name, not a host: ${w.name} (${w.origin})`),
  ];
  return {
    file: {
      $schema: './sites.schema.json',
      ...base,
      discover: true,
      sites: [{ name: site.name, url: site.url, subdomains, pages: [...new Set(pages)] }],
    },
    notes,
  };
}
