// The documents a site publishes about itself, read from Node: robots.txt of each listed host
// (its "Sitemap:" lines), and the sitemaps it names plus /sitemap.xml (sitemap indexes followed
// one level deep). Only the site's own hosts are fetched: a sitemap on another domain names a
// third party and is not read. Every fetch is its own source, with its status.
import type { DiscoverySource } from '../model/evidence.ts';
import type { NetContext } from '../net/net-context.ts';
import { hostOf } from '../model/url.ts';
import type { Timeouts } from '../model/defaults.ts';
import { fetchDocument, fetchBoundMs, type Fetched } from './fetch.ts';
import type { FoundNames } from './names.ts';
import type { Scope } from './scope.ts';
import { sitemapsOf } from './robots.ts';
import { parseSitemap } from './sitemap.ts';

const ROBOTS_MAX_BYTES = 512 * 1024;
const SITEMAP_MAX_BYTES = 10 * 1024 * 1024;
/** Sitemap files read per site at most, indexes included. */
export const MAX_SITEMAPS = 20;
/** Levels of sitemaps: those named by robots.txt (and /sitemap.xml), then those their indexes name. */
const SITEMAP_LEVELS = 2;

export interface SiteDocuments {
  sources: DiscoverySource[];
  /** Page URLs the sitemaps list, with the sitemap that listed them. */
  pages: { url: string; from: string }[];
}

/** An answer as a source's status: 404 and 410 mean the site publishes nothing there. */
function statusOf(fetched: Fetched): Pick<DiscoverySource, 'status' | 'detail'> {
  if (!fetched.ok) return { status: 'failed', detail: fetched.reason };
  if (fetched.status === 404 || fetched.status === 410) return { status: 'none', detail: `HTTP ${fetched.status}` };
  if (fetched.status < 200 || fetched.status > 299) return { status: 'failed', detail: `HTTP ${fetched.status}` };
  if (fetched.incomplete) return { status: 'failed', detail: `${fetched.incomplete}: not read` };
  return { status: 'ok' };
}

export async function readSiteDocuments(
  ctx: NetContext,
  hosts: string[],
  scope: Scope,
  found: FoundNames,
): Promise<SiteDocuments> {
  const sources: DiscoverySource[] = [];
  const pages: SiteDocuments['pages'] = [];
  const robots = await Promise.all(
    hosts.map(async (host) => {
      const url = `https://${host}/robots.txt`;
      const fetched = await fetchDocument(ctx, url, ROBOTS_MAX_BYTES, scope.inScope);
      const status = statusOf(fetched);
      const named = status.status === 'ok' && fetched.ok ? sitemapsOf(fetched.url, fetched.body) : [];
      sources.push({ kind: 'robots', target: url, ...status, hosts: 0, pages: 0 });
      return [
        ...named.map((s) => ({ url: s, from: `the Sitemap line of ${url}` })),
        { url: `https://${host}/sitemap.xml`, from: 'the default location' },
      ];
    }),
  );
  const read = new Set<string>();
  let level = robots.flat();
  for (let depth = 0; depth < SITEMAP_LEVELS && level.length > 0; depth++) {
    const next: typeof level = [];
    const toRead = level.filter(({ url, from }) => {
      if (read.has(url) || read.size >= MAX_SITEMAPS) return false;
      // A sitemap on another domain is a third party's: named, never fetched.
      if (!scope.inScope(hostOf(url))) {
        found.addUrl(url, `a sitemap named by ${from}`, 'robots');
        return false;
      }
      read.add(url);
      return true;
    });
    await Promise.all(
      toRead.map(async ({ url }) => {
        const fetched = await fetchDocument(ctx, url, SITEMAP_MAX_BYTES, scope.inScope);
        const status = statusOf(fetched);
        const source: DiscoverySource = { kind: 'sitemap', target: url, ...status, hosts: 0, pages: 0 };
        sources.push(source);
        if (status.status !== 'ok' || !fetched.ok) return;
        const sitemap = parseSitemap(fetched.body);
        if (sitemap.kind === 'invalid') {
          Object.assign(source, { status: 'failed', detail: sitemap.reason });
        } else if (sitemap.kind === 'index') {
          next.push(...sitemap.sitemaps.map((s) => ({ url: s, from: `the sitemap index ${url}` })));
          source.detail = `an index of ${sitemap.sitemaps.length} sitemap(s)`;
        } else {
          const hosts = sitemap.urls.flatMap((page) => found.addUrl(page, `in the sitemap ${url}`, 'sitemap') ?? []);
          pages.push(...sitemap.urls.map((page) => ({ url: page, from: `in the sitemap ${url}` })));
          Object.assign(source, { hosts: new Set(hosts).size, pages: sitemap.urls.length });
        }
      }),
    );
    level = next;
  }
  const unread = level.length;
  if (unread > 0 || read.size >= MAX_SITEMAPS)
    sources.push({
      kind: 'sitemap',
      target: 'further sitemaps',
      status: 'ok',
      detail: `not read: at most ${MAX_SITEMAPS} sitemap files and ${SITEMAP_LEVELS} levels per site`,
      hosts: 0,
      pages: 0,
    });
  // Sources in a stable order, whatever order the answers came in.
  sources.sort((a, b) => (a.kind === b.kind ? (a.target < b.target ? -1 : 1) : a.kind === 'robots' ? -1 : 1));
  return { sources, pages };
}

/** The most reading a site's documents can take: robots.txt, then each level of sitemaps, side by side. */
export const documentsBoundMs = (t: Timeouts): number => (1 + SITEMAP_LEVELS) * fetchBoundMs(t);
