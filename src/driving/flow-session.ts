// What a flow's driver (steps or script) works with and reports back, and how it has the page it
// reached recorded: shared by the step driver and the script runner.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { PageVisit, RefusedSecret } from '../model/evidence.ts';
import type { Flow, Site } from '../model/site.ts';
import { Deadline } from '../recording/bounded.ts';
import { type Recorder, snapshotBudgetMs } from '../recording/recorder.ts';
import type { BrowserCollectOptions } from './lanes.ts';

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

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
      { url: s.page.url(), ...(error ? { error } : {}), settle: 'wall', deadline, startedAt: Date.now() },
    ),
  );
}
