// Browser evidence for a site: its listed pages, in lanes side by side, and its flows meanwhile,
// one after another, and which of its hosts the browser has preloaded for HSTS (hsts-preload.ts).
// Visits are listed in the order of `pages`, then the flows'.
import type { Browser } from '@playwright/test';
import type { Timeouts } from '../model/defaults.ts';
import type { PagesEvidence } from '../model/evidence.ts';
import type { Site } from '../model/site.ts';
import { flowsBoundMs, runFlows } from './flows.ts';
import { type BrowserCollectOptions, type Lane, lanesFor, visitBudgetMs, visitLane } from './lanes.ts';
import { hstsPreload, hstsPreloadBoundMs } from './hsts-preload.ts';

export async function collectPages(
  browser: Browser,
  site: Site,
  options: BrowserCollectOptions,
): Promise<PagesEvidence> {
  const count = lanesFor(site.pages.length);
  const lanes: Lane[] = Array.from({ length: Math.min(count, site.pages.length) }, (_, lane) => ({
    pages: site.pages
      .map((p, index) => ({ path: p, index, origin: { kind: 'page' as const, path: p } }))
      .filter(({ index }) => index % count === lane),
    screenshots: `lane-${lane + 1}`,
  }));
  const [visited, flows, preload] = await Promise.all([
    Promise.all(lanes.map((lane) => visitLane(browser, site, lane, options))),
    runFlows(browser, site, options),
    hstsPreload(browser, site.hosts, options.timeouts),
  ]);
  const visits = visited
    .flat()
    .sort(([a], [b]) => a - b)
    .map(([, visit]) => visit);
  return {
    browserVersion: browser.version(),
    visits: [...visits, ...flows.visits],
    flows: flows.runs,
    hstsPreload: preload,
  };
}

/** The most a site's browser work can take: its lanes of listed pages, and its flows and preload probe meanwhile. */
export const pagesBoundMs = (site: Site, t: Timeouts): number =>
  Math.max(
    Math.ceil(site.pages.length / lanesFor(site.pages.length)) * visitBudgetMs(t),
    flowsBoundMs(site, t),
    hstsPreloadBoundMs(site.hosts.length, t),
  );
