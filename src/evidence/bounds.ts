// How long collecting a site can take at most, from the bounds every collector keeps. A test
// waiting for its site's evidence is given this much time on top of its own timeout, so that a
// large site is never cut off by Playwright while a hung collection still cannot hold a run.
import type { Site } from '../model/site.ts';
import type { Timeouts } from '../model/defaults.ts';
import { lanesFor, visitBudgetMs } from '../driving/pages.ts';
import { snapshotBudgetMs } from '../recording/recorder.ts';
import { scriptBudgetMs } from '../driving/flow-script.ts';
import { MAX_FOLLOW } from '../net/redirect-chain.ts';

function flowsBound(site: Site, t: Timeouts): number {
  return site.flows.reduce((sum, flow) => {
    const steps = flow.script
      ? scriptBudgetMs(t)
      : (flow.steps ?? []).length * (Math.max(t.stepMs, t.pageMs) + snapshotBudgetMs(t));
    return sum + steps + flow.visit.length * visitBudgetMs(t);
  }, 0);
}

/** The most the browser work of a site can take: its lanes of listed pages, then its flows. */
export const browserBoundMs = (site: Site, t: Timeouts): number =>
  Math.ceil(site.pages.length / lanesFor(site.pages.length)) * visitBudgetMs(t) + flowsBound(site, t);

export function collectionBoundMs(site: Site, t: Timeouts): number {
  const pages = browserBoundMs(site, t);
  // A redirect chain of MAX_FOLLOW hops, each a connection (retried once) and a request.
  const network = (MAX_FOLLOW + 1) * (2 * t.connectMs + t.requestMs);
  // Waiting for a slot behind one other site, then collecting this one.
  return 2 * Math.max(pages, network) + 30_000;
}
