// What the discovery crawl visits next, as a pure function of what it has seen: a breadth-first
// frontier of GET links on one host, normalised (fragment, default port and tracking parameters
// dropped, by normalize-url) and taken level by level in URL order, so that the same site gives
// the same crawl. It keeps the crawl's bounds: maxPages, maxDepth, exclude patterns and links that
// look like they sign out or delete something, and says what each bound left out.
import normalizeUrl from 'normalize-url';
import type { DiscoveredPage } from '../model/evidence.ts';
import type { CrawlBounds } from '../model/site.ts';

/** Query parameters that only track a click: the same page with or without them. */
export const TRACKING_PARAMETERS: (string | RegExp)[] = [
  /^utm_\w+/i,
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
];

/** Links that look like they end the session or destroy something: never followed. */
export const DESTRUCTIVE = /log-?out|log-?off|sign-?out|sign-?off|delete|remove|destroy|unsubscribe|deactivate/i;

/** The URL the crawl counts, or undefined for anything but an http(s) URL. */
export function normalisePageUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    // Through URL once more: normalize-url drops the root's "/" once it has removed a fragment or a parameter.
    return new URL(
      normalizeUrl(url, {
        stripHash: true,
        stripWWW: false,
        removeTrailingSlash: false,
        removeSingleSlash: false,
        sortQueryParameters: false,
        removeQueryParameters: TRACKING_PARAMETERS,
      }),
    ).href;
  } catch {
    return undefined;
  }
}

export interface CrawlTarget {
  url: string;
  /** Where the URL was found: "linked from https://...", "in the sitemap https://...". */
  from: string;
  depth: number;
}

/** Pages listed as not visited in the evidence at most; the rest are counted in the bound's line. */
const MAX_LISTED_UNVISITED = 100;
/** URLs remembered at most: a site of generated links must not grow the crawl's memory without end. */
const MAX_KNOWN = 20_000;

export class CrawlFrontier {
  private readonly known = new Set<string>();
  private readonly pending: CrawlTarget[] = [];
  private readonly excluded: CrawlTarget[] = [];
  private readonly destructive: CrawlTarget[] = [];
  private readonly exclude: RegExp[];
  private forgotten = 0;
  private visited = 0;

  /** `listed`: URLs already visited as listed pages, never crawled again. */
  constructor(
    private readonly host: string,
    private readonly bounds: CrawlBounds,
    listed: string[],
  ) {
    this.exclude = bounds.exclude.map((source) => new RegExp(source, 'i'));
    for (const url of listed) {
      const normal = normalisePageUrl(url);
      if (normal) this.known.add(normal);
    }
  }

  /** A URL seen at `depth` (1 for links of listed pages and sitemap entries). */
  offer(url: string, from: string, depth: number): void {
    const normal = normalisePageUrl(url);
    if (!normal || this.known.has(normal)) return;
    const parsed = new URL(normal);
    if (parsed.protocol !== 'https:' || parsed.hostname !== this.host) return;
    if (this.known.size >= MAX_KNOWN) {
      this.forgotten++;
      return;
    }
    this.known.add(normal);
    const target = { url: normal, from, depth };
    const pathAndQuery = `${parsed.pathname}${parsed.search}`;
    if (this.exclude.some((re) => re.test(pathAndQuery))) this.excluded.push(target);
    else if (DESTRUCTIVE.test(pathAndQuery)) this.destructive.push(target);
    else this.pending.push(target);
  }

  /** The next level to visit: the shallowest pending URLs in URL order, up to what maxPages leaves. */
  nextLevel(): CrawlTarget[] {
    const room = this.bounds.maxPages - this.visited;
    const depth = Math.min(...this.pending.map((t) => t.depth));
    if (room <= 0 || !Number.isFinite(depth) || depth > this.bounds.maxDepth) return [];
    const level = this.pending
      .filter((t) => t.depth === depth)
      .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
      .slice(0, room);
    const taken = new Set(level);
    this.pending.splice(0, this.pending.length, ...this.pending.filter((t) => !taken.has(t)));
    return level;
  }

  /** Pages of a level that were not visited after all (the time budget ran out) go back, to be counted. */
  putBack(targets: CrawlTarget[]): void {
    this.pending.push(...targets);
  }

  markVisited(count: number): void {
    this.visited += count;
  }

  /** What the bounds and exclusions left out: one line per bound, and the pages themselves (some of them). */
  leftOut(budgetSpent: { budgetMs: number } | undefined): {
    bounds: string[];
    notes: string[];
    pages: DiscoveredPage[];
  } {
    const { maxPages, maxDepth } = this.bounds;
    const deeper = this.pending.filter((t) => t.depth > maxDepth);
    const unvisited = this.pending.filter((t) => t.depth <= maxDepth);
    const bounds: string[] = [];
    const more = (n: number) => `${n} more link${n === 1 ? '' : 's'} not visited`;
    if (budgetSpent && unvisited.length > 0)
      bounds.push(`stopped at budgetMs ${budgetSpent.budgetMs}: ${more(unvisited.length)}`);
    else if (unvisited.length > 0) bounds.push(`stopped at maxPages ${maxPages}: ${more(unvisited.length)}`);
    if (deeper.length > 0)
      bounds.push(`stopped at maxDepth ${maxDepth}: ${deeper.length} link(s) deeper than ${maxDepth} not visited`);
    if (this.forgotten > 0)
      bounds.push(`${this.forgotten} more link(s) past ${MAX_KNOWN} known URLs not even recorded`);
    const notes = [
      ...(this.excluded.length > 0
        ? [`${this.excluded.length} link(s) not followed (exclude): ${listed(this.excluded)}`]
        : []),
      ...(this.destructive.length > 0
        ? [
            `${this.destructive.length} link(s) not followed (they look like sign-out or delete links): ${listed(this.destructive)}`,
          ]
        : []),
    ];
    const why = (t: CrawlTarget) =>
      t.depth > maxDepth
        ? `deeper than maxDepth ${maxDepth}`
        : budgetSpent
          ? 'time budget spent'
          : `past maxPages ${maxPages}`;
    const pages = [
      ...unvisited.map((t) => ({ t, why: why(t) })),
      ...deeper.map((t) => ({ t, why: why(t) })),
      ...this.excluded.map((t) => ({ t, why: 'excluded by discover.pages.exclude' })),
      ...this.destructive.map((t) => ({ t, why: 'looks like a sign-out or delete link' })),
    ]
      .slice(0, MAX_LISTED_UNVISITED)
      .map(
        ({ t, why: reason }): DiscoveredPage => ({ url: t.url, origin: t.from, status: 'not-visited', why: reason }),
      );
    return { bounds, notes, pages };
  }
}

const listed = (targets: CrawlTarget[]): string =>
  `${targets
    .slice(0, 5)
    .map((t) => t.url)
    .join(', ')}${targets.length > 5 ? ` and ${targets.length - 5} more` : ''}`;
