// Runs a site's flows (login, checkout...) in real browser contexts, recording every page they
// reach with the same recorder as listed pages. A flow that starts `after` another starts from
// that flow's final browser state (cookies and storage), so a login runs once per site and run.
// A step that cannot be done, or a secret the guard refuses, stops the flow: what it saw is
// kept and judged, what it did not reach is recorded for "could not measure". Never throws.
import path from 'node:path';
import type { Browser } from '@playwright/test';
import pLimit from 'p-limit';
import type { FlowRun, PageVisit } from '../model/evidence.ts';
import type { Flow, Site } from '../model/site.ts';
import { firstLine } from '../model/text.ts';
import { bounded } from '../recording/bounded.ts';
import { driveFlowSteps } from './drive-steps.ts';
import type { FlowSession, StorageState } from './flow-session.ts';
import { stepLabels } from './flow-steps.ts';
import type { Timeouts } from '../model/defaults.ts';
import { Recorder, snapshotBudgetMs } from '../recording/recorder.ts';
import { runScript, scriptBudgetMs } from './flow-script.ts';
import { type BrowserCollectOptions, visitBudgetMs, visitLane, visitPage } from './lanes.ts';

/** A flow's visit pages open at once (the first in the flow's own tab, beside them). */
export const VISITS_AT_ONCE = 4;

/**
 * The pages checked while signed in, side by side: the first in the flow's own tab (its
 * renderer is already running), the others each in a context of its own started from the
 * flow's state (so which page set which cookie stays exact). One that does not load is unread
 * (could not measure), not the end of the flow.
 */
async function visitPages(s: FlowSession, state: StorageState, index: number): Promise<PageVisit[]> {
  const [first, ...others] = s.flow.visit;
  const inOwnTab = async (): Promise<[number, PageVisit][]> =>
    first === undefined
      ? []
      : [
          [
            0,
            await visitPage(
              s.page,
              s.recorder,
              s.site,
              first,
              { kind: 'flow-visit', flow: s.flow.name, path: first },
              s.options,
            ),
          ],
        ];
  const lanes = others.map((visitPath, i) => ({
    pages: [
      { path: visitPath, index: i + 1, origin: { kind: 'flow-visit' as const, flow: s.flow.name, path: visitPath } },
    ],
    screenshots: `flow-${index + 1}-visit-${i + 2}`,
    contextOptions: { storageState: state },
  }));
  const limit = pLimit(VISITS_AT_ONCE);
  const visited = await Promise.all([
    inOwnTab(),
    ...lanes.map((lane) => limit(() => visitLane(s.browser, s.site, lane, s.options))),
  ]);
  return visited
    .flat()
    .sort(([a], [b]) => a - b)
    .map(([, visit]) => visit);
}

const visitLabels = (flow: Flow): string[] => flow.visit.map((p) => `visit ${p}`);

/** Everything a flow would have done, for one that never started. */
const everything = (flow: Flow, siteUrl: string): string[] => [
  ...stepLabels(flow, siteUrl),
  ...(flow.script ? ['its script'] : []),
  ...visitLabels(flow),
];

async function runFlow(
  browser: Browser,
  site: Site,
  flow: Flow,
  options: BrowserCollectOptions,
  startState: StorageState | undefined,
  index: number,
) {
  const context = await browser.newContext({
    ...options.contextOptions,
    ...(startState ? { storageState: startState } : {}),
  });
  context.setDefaultTimeout(options.timeouts.stepMs);
  context.setDefaultNavigationTimeout(options.timeouts.pageMs);
  const recorder = Recorder.attach(context, {
    timeouts: options.timeouts,
    secrets: options.secrets,
    ...(site.screenshots ? { screenshotDir: path.join(options.screenshotDir, `flow-${index + 1}`) } : {}),
  });
  const session: FlowSession = {
    browser,
    site,
    flow,
    recorder,
    options,
    page: await context.newPage(),
    allowedHosts: new Set([...site.hosts, ...flow.allowHosts]),
    visits: [],
  };
  try {
    await recorder.track(session.page);
    const driven = flow.script ? await runScript(session) : await driveFlowSteps(session);
    if (!driven.completed)
      return {
        driven: { ...driven, notReached: [...driven.notReached, ...visitLabels(flow)] },
        visits: session.visits,
      };
    const state = await bounded(context.storageState(), options.timeouts.stepMs, undefined);
    if (!state)
      return {
        driven: {
          completed: false,
          stoppedAt: 'its end',
          reason: 'the browser state could not be read',
          notReached: visitLabels(flow),
        },
        visits: session.visits,
      };
    const visits = await visitPages(session, state, index);
    // A flow that starts after this one starts from the state its steps left.
    return { driven, visits: [...session.visits, ...visits], state };
  } finally {
    await recorder.detach();
    await bounded(context.close(), options.timeouts.stepMs, undefined);
  }
}

export async function runFlows(
  browser: Browser,
  site: Site,
  options: BrowserCollectOptions,
): Promise<{ visits: PageVisit[]; runs: FlowRun[] }> {
  const visits: PageVisit[] = [];
  const runs: FlowRun[] = [];
  const finalStates = new Map<string, StorageState>();
  for (const [index, flow] of site.flows.entries()) {
    const started = Date.now();
    if (flow.after && !finalStates.has(flow.after)) {
      runs.push({
        name: flow.name,
        status: 'not-run',
        reason: `it starts after "${flow.after}", which did not complete`,
        notReached: everything(flow, site.url),
        elapsedMs: 0,
      });
      continue;
    }
    try {
      const result = await runFlow(
        browser,
        site,
        flow,
        options,
        flow.after ? finalStates.get(flow.after) : undefined,
        index,
      );
      visits.push(...result.visits);
      const { driven } = result;
      if (driven.completed && 'state' in result && result.state) finalStates.set(flow.name, result.state);
      runs.push({
        name: flow.name,
        status: driven.completed ? 'completed' : 'stopped',
        ...(driven.stoppedAt ? { stoppedAt: driven.stoppedAt } : {}),
        ...(driven.reason ? { reason: driven.reason } : {}),
        ...(driven.refusedSecret ? { refusedSecret: driven.refusedSecret } : {}),
        notReached: driven.notReached,
        elapsedMs: Date.now() - started,
      });
    } catch (err) {
      // The browser or context itself failed: nothing of this flow was seen.
      runs.push({
        name: flow.name,
        status: 'stopped',
        stoppedAt: 'start',
        reason: `the browser failed: ${firstLine(err)}`,
        notReached: everything(flow, site.url),
        elapsedMs: Date.now() - started,
      });
    }
  }
  return { visits, runs };
}

/**
 * The most a site's flows can take: one after another, each its steps (or its script) and then
 * its visit pages, which go VISITS_AT_ONCE side by side, the first in the flow's own tab.
 */
export function flowsBoundMs(site: Site, t: Timeouts): number {
  return site.flows.reduce((sum, flow) => {
    const steps = flow.script
      ? scriptBudgetMs(t)
      : (flow.steps ?? []).length * (Math.max(t.stepMs, t.pageMs) + snapshotBudgetMs(t));
    const visitRounds = flow.visit.length === 0 ? 0 : Math.max(1, Math.ceil((flow.visit.length - 1) / VISITS_AT_ONCE));
    return sum + steps + visitRounds * visitBudgetMs(t);
  }, 0);
}
