// The discovery crawl: same-host, breadth-first, in the real browser with the lanes and the
// recorder of listed pages, so a crawled page is visited and judged exactly as a listed one. It
// only follows GET links (it never submits a form), starts signed out (a fresh context per lane),
// and keeps maxPages, maxDepth, the time budget and the exclusions (crawl-frontier.ts).
import type { Browser } from '@playwright/test';
import type { DiscoveredPage, PageVisit } from '../model/evidence.ts';
import type { CrawlBounds, Site } from '../model/site.ts';
import { CrawlFrontier, type CrawlTarget } from './crawl-frontier.ts';
import { type BrowserCollectOptions, type Lane, lanesFor, visitLane } from './lanes.ts';

export interface CrawlResult {
  visits: PageVisit[];
  pages: DiscoveredPage[];
  /** What a bound cut off, one line each. */
  bounds: string[];
  /** Links deliberately not followed (exclusions, sign-out and delete links). */
  notes: string[];
}

/** `seeds`: links of the listed pages and sitemap entries (depth 1); `listed`: the listed pages' URLs. */
export async function crawl(
  browser: Browser,
  site: Site,
  bounds: CrawlBounds,
  seeds: Omit<CrawlTarget, 'depth'>[],
  listed: string[],
  options: BrowserCollectOptions,
): Promise<CrawlResult> {
  const host = new URL(site.url).hostname;
  const frontier = new CrawlFrontier(host, bounds, listed);
  for (const seed of seeds) frontier.offer(seed.url, seed.from, 1);
  const endsAt = Date.now() + bounds.budgetMs;
  const spent = () => Date.now() >= endsAt;
  const visits: PageVisit[] = [];
  const pages: DiscoveredPage[] = [];
  let level = 0;
  for (let targets = frontier.nextLevel(); targets.length > 0 && !spent(); targets = frontier.nextLevel()) {
    level++;
    const visited = await visitLevel(browser, site, targets, level, spent, options);
    frontier.markVisited(visited.length);
    frontier.putBack(targets.filter((_, i) => !visited.some(([index]) => index === i)));
    for (const [index, visit] of visited) {
      const target = targets[index]!;
      visits.push(visit);
      pages.push({ url: target.url, origin: target.from, status: 'visited' });
      // Only a page that stayed on the host is the host's page: links of one that went elsewhere are not followed.
      const landed = visit.finalUrl ?? visit.url;
      if (new URL(landed).hostname !== host) continue;
      for (const link of visit.links) frontier.offer(link.href, `linked from ${landed}`, target.depth + 1);
    }
  }
  const left = frontier.leftOut(spent() ? { budgetMs: bounds.budgetMs } : undefined);
  return { visits, pages: [...pages, ...left.pages], bounds: left.bounds, notes: left.notes };
}

/** One level of the crawl, in lanes side by side as listed pages go; returns [index in level, visit] in level order. */
async function visitLevel(
  browser: Browser,
  site: Site,
  targets: CrawlTarget[],
  level: number,
  stop: () => boolean,
  options: BrowserCollectOptions,
): Promise<[number, PageVisit][]> {
  const count = lanesFor(targets.length);
  const lanes: Lane[] = Array.from({ length: Math.min(count, targets.length) }, (_, lane) => ({
    pages: targets
      .map((t, index) => ({ path: t.url, index, origin: { kind: 'crawl' as const, from: t.from, depth: t.depth } }))
      .filter(({ index }) => index % count === lane),
    screenshots: `crawl-${level}-lane-${lane + 1}`,
    stop,
  }));
  const visited = await Promise.all(lanes.map((lane) => visitLane(browser, site, lane, options)));
  return visited.flat().sort(([a], [b]) => a - b);
}
