// Drives a flow's declarative steps and decides, step by step: when the page is read (after
// anything that navigates or acts on it, after a wait that brought a new document, and at the
// end), when responses answer a login (the click or key press after a password was typed, until
// the page it led to is read), and what a failed or refused step means for the flow. The
// browser is behind StepDriver, so these decisions are tested on fakes.
import type { FlowStep } from '../model/site.ts';
import type { DriveResult, FlowSession } from './flow-session.ts';
import { snapshotStep } from './flow-session.ts';
import { changesPage, describeStep, runStep, type StepResult, stepLabels } from './flow-steps.ts';

/** What the step driver needs from the browser and the recorder. */
export interface StepDriver {
  run(step: FlowStep): Promise<StepResult>;
  /** Reads the page as step `step` (1-based) left it; `error`: the page did not load. */
  snapshot(step: number, action: string, error?: string): Promise<void>;
  /** Main-frame documents since the last snapshot. */
  newDocuments(): Promise<number>;
  markLogin(on: boolean): void;
}

/** `labels`: "step 1 goto /login"...; `actions`: "goto /login"..., one per step. */
export async function driveSteps(
  steps: readonly FlowStep[],
  labels: readonly string[],
  actions: readonly string[],
  driver: StepDriver,
): Promise<DriveResult> {
  let loginPending = false;
  for (const [i, step] of steps.entries()) {
    const submits = step.kind === 'click' || step.kind === 'press';
    if (loginPending && submits) driver.markLogin(true);
    const result = await driver.run(step);
    const action = actions[i]!;
    if (!result.ok) {
      // The page where it stopped is still judged (and its screenshot shows why); a failed navigation left nothing to read.
      await driver.snapshot(i + 1, action, 'error' in result && step.kind === 'goto' ? result.error : undefined);
      driver.markLogin(false);
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
    // A wait on the same document shows nothing new.
    const readIt =
      changesPage(step) || (step.kind === 'waitFor' && (await driver.newDocuments()) > 0) || i === steps.length - 1;
    if (readIt) {
      await driver.snapshot(i + 1, action);
      if (submits) {
        driver.markLogin(false);
        loginPending = false;
      }
    }
  }
  return { completed: true, notReached: [] };
}

/** The step driver on a flow's real page. */
export function driveFlowSteps(s: FlowSession): Promise<DriveResult> {
  const steps = s.flow.steps ?? [];
  const { timeouts } = s.options;
  return driveSteps(
    steps,
    stepLabels(s.flow, s.site.url),
    steps.map((step) => describeStep(step, s.site.url)),
    {
      run: (step) =>
        runStep(step, {
          page: s.page,
          recorder: s.recorder,
          allowedHosts: s.allowedHosts,
          timeoutMs: timeouts.stepMs,
          pageMs: timeouts.pageMs,
        }),
      snapshot: (step, action, error) => snapshotStep(s, step, action, error),
      newDocuments: () => s.recorder.newDocuments(s.page),
      markLogin: (on) => s.recorder.markLogin(on),
    },
  );
}
