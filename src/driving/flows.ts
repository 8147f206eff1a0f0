// Runs a site's flows (login, checkout...) in real browser contexts, recording every page they
// reach with the same recorder as listed pages. A flow that starts `after` another starts from
// that flow's final browser state (cookies and storage), so a login runs once per site and run.
// A step that cannot be done, or a secret the guard refuses, stops the flow: what it saw is
// kept and judged, what it did not reach is recorded for "could not measure". Never throws.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import pLimit from 'p-limit';
import type { Flow, Site } from '../model/site.ts';
import type { FlowRun, PageVisit, RefusedSecret } from '../model/evidence.ts';
import { Recorder, snapshotBudgetMs } from '../recording/recorder.ts';
import { firstLine } from '../model/text.ts';
import { Deadline, bounded } from '../recording/bounded.ts';
import { changesPage, describeStep, runStep, stepLabels } from './flow-steps.ts';
import { runScript } from './flow-script.ts';
import { visitLane, visitPage, type BrowserCollectOptions } from './pages.ts';

/** A flow's visit pages open at once. */
const VISITS_AT_ONCE = 4;

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** What a flow's driver (steps or script) reports back. */
export interface DriveResult {
  completed: boolean;
  stoppedAt?: string;
  reason?: string;
  refusedSecret?: RefusedSecret;
  /** Steps the flow did not get to. */
  notReached: string[];
}

/** What the recorder needs to take a snapshot of a flow's page. */
export interface FlowSession {
  browser: Browser;
  site: Site;
  flow: Flow;
  page: Page;
  recorder: Recorder;
  options: BrowserCollectOptions;
  allowedHosts: ReadonlySet<string>;
  visits: PageVisit[];
}

export async function snapshotStep(s: FlowSession, step: number, action: string, error?: string): Promise<void> {
  const deadline = new Deadline(snapshotBudgetMs(s.options.timeouts));
  s.visits.push(
    await s.recorder.snapshot(
      s.page,
      { kind: 'flow-step', flow: s.flow.name, step, action },
      { url: s.page.url(), ...(error ? { error } : {}), settle: 'step', deadline, startedAt: Date.now() },
    ),
  );
}

async function driveSteps(s: FlowSession): Promise<DriveResult> {
  const steps = s.flow.steps ?? [];
  const labels = stepLabels(s.flow, s.site.url);
  const { timeouts } = s.options;
  let loginPending = false;
  for (const [i, step] of steps.entries()) {
    const submits = step.kind === 'click' || step.kind === 'press';
    if (loginPending && submits) s.recorder.markLogin(true);
    const result = await runStep(step, {
      page: s.page,
      recorder: s.recorder,
      allowedHosts: s.allowedHosts,
      timeoutMs: timeouts.stepMs,
      pageMs: timeouts.pageMs,
    });
    const action = describeStep(step, s.site.url);
    if (!result.ok) {
      // The page where it stopped is still judged (and its screenshot shows why); a failed navigation left nothing to read.
      await snapshotStep(s, i + 1, action, 'error' in result && step.kind === 'goto' ? result.error : undefined);
      s.recorder.markLogin(false);
      const notReached = labels.slice(i + 1);
      if ('refused' in result) {
        const refused = { step: labels[i]!, ...result.refused };
        return {
          completed: false,
          stoppedAt: labels[i],
          reason: `refused to type the ${refused.field} into ${refused.pageUrl}: ${refused.why}`,
          refusedSecret: refused,
          notReached,
        };
      }
      return { completed: false, stoppedAt: labels[i], reason: result.error, notReached };
    }
    if (result.typedPassword) loginPending = true;
    // Read the page a step left: after anything that navigates or acts on it, after a wait that
    // brought a new document, and at the end. A wait on the same document shows nothing new.
    const readIt =
      changesPage(step) ||
      (step.kind === 'waitFor' && (await s.recorder.newDocuments(s.page)) > 0) ||
      i === steps.length - 1;
    if (readIt) {
      await snapshotStep(s, i + 1, action);
      if (submits) {
        s.recorder.markLogin(false);
        loginPending = false;
      }
    }
  }
  return { completed: true, notReached: [] };
}

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
    const driven = flow.script ? await runScript(session) : await driveSteps(session);
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
