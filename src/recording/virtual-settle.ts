// Late content of a listed page, deterministically: after `load` and a scroll to the bottom, every
// renderer of the page (its own, and one per out-of-process iframe, those inserted meanwhile too)
// runs `settleMs` of virtual time. What the page does by itself within settleMs of its own time is
// then seen whatever the machine's speed; what it does later is not waited for. Chromium only.
//
// Afterwards the page's renderer stays paused (virtual time cannot be switched off: timers never
// fire again, Date.now() stands still, and clicks can hang). It can still be read (DOM, screenshot,
// jar), but not driven: release() the sessions, then give the tab a fresh renderer (lanes.ts moves
// it to a data: URL) before its next page. Flows and a team's own tests keep the wall clock.
import type { CDPSession, Frame, Page } from '@playwright/test';
import { type BudgetOutcome, pageOutcome, runBudget, sleep, type VirtualOutcome } from './virtual-budget.ts';

/** How many times a cross-site iframe inserted during the budgets is waited for (each up to 500 ms). */
const LATE_FRAME_ROUNDS = 4;
const LATE_FRAME_WAIT_MS = 500;

export interface VirtualSettle {
  outcome: VirtualOutcome;
  /** Renderers given a budget: the page's and each out-of-process iframe's. */
  renderers: number;
  wallMs: number;
  /** Detaches the virtual-time sessions (bounded): one left attached would pause the tab's next renderer too. */
  release(): Promise<void>;
}

/** The most wall time a page's virtual settle may take: a grace of settleMs for its network, then the rest. */
export const virtualCapMs = (settleMs: number): number => 2 * settleMs + 1_000;

/**
 * Scrolls to the bottom and lets what the scroll triggers (lazy frames, IntersectionObserver
 * callbacks) schedule its work first: a budget can be spent before the next frame runs. False
 * when the page does not answer (a script that never ends).
 */
async function scrolled(page: Page, answerMs: number): Promise<boolean> {
  const done = page
    .evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
      );
    })
    .then(
      () => true,
      () => true, // a page that navigated meanwhile answered; its new document gets the budget
    );
  return Promise.race([done, sleep(answerMs).then(() => false)]);
}

/** `answerMs`: how long a renderer may take to answer before it is taken as busy (recorder.ts, readMs). */
export async function settleVirtually(page: Page, settleMs: number, answerMs: number): Promise<VirtualSettle> {
  const started = Date.now();
  const until = started + virtualCapMs(settleMs);
  const graceUntil = started + settleMs;
  const sessions: CDPSession[] = [];
  const release = async () => {
    await Promise.race([Promise.all(sessions.map((s) => s.detach().catch(() => {}))), sleep(1_000)]);
  };
  const ended = (outcome: VirtualOutcome, budgets: BudgetOutcome[] = []): VirtualSettle => ({
    outcome,
    renderers: budgets.length,
    wallMs: Date.now() - started,
    release,
  });
  if (!(await scrolled(page, answerMs))) return ended('busy');

  const context = page.context();
  const covered = new Set<Frame>();
  const runs: Promise<BudgetOutcome>[] = [];
  const begin = (session: CDPSession, isFrame: boolean) => {
    sessions.push(session);
    // A frame inserted late still gets at least half a second to spend its budget with its network.
    const run = runBudget(session, settleMs, Math.max(graceUntil, Date.now() + 500), until, answerMs);
    // A frame that stops answering costs that frame (its DOM read says so), not the page.
    runs.push(isFrame ? run.then((o) => (o === 'busy' ? 'gone' : o)) : run);
  };
  // newCDPSession(frame) succeeds only for an out-of-process frame; a same-process frame shares the
  // page's renderer and budget. One that fails now is tried again when it navigates.
  const tryFrame = async (frame: Frame) => {
    if (frame === page.mainFrame() || covered.has(frame) || frame.isDetached() || Date.now() >= until) return;
    covered.add(frame);
    const session = await Promise.race([
      context.newCDPSession(frame).catch(() => undefined),
      sleep(until - Date.now()).then(() => undefined),
    ]);
    if (session) begin(session, true);
    else covered.delete(frame);
  };
  const onNavigated = (frame: Frame) => void tryFrame(frame);
  page.on('framenavigated', onNavigated);
  try {
    const own = await Promise.race([
      context.newCDPSession(page).catch(() => undefined),
      sleep(until - Date.now()).then(() => undefined),
    ]);
    if (!own) return ended('capped');
    begin(own, false);
    for (const frame of page.frames()) await tryFrame(frame);
    let waited = 0;
    const allRuns = async () => {
      while (waited < runs.length) {
        const count = runs.length;
        await Promise.all(runs.slice(waited, count));
        waited = count;
      }
    };
    await allRuns();
    // A cross-site iframe inserted during the budget may not have committed yet (Playwright learns
    // of it a moment later): while the DOM holds more loadable iframes than committed frames, wait.
    const pageBusy = (await runs[0]) === 'busy';
    for (let round = 0; round < LATE_FRAME_ROUNDS && !pageBusy && Date.now() < until; round++) {
      if (!(await framesPending(page, answerMs))) break;
      await nextNavigation(page, Math.min(LATE_FRAME_WAIT_MS, until - Date.now()));
      for (const frame of page.frames()) await tryFrame(frame);
      await allRuns();
    }
  } finally {
    page.off('framenavigated', onNavigated);
  }
  const [first, ...frames] = await Promise.all(runs);
  return ended(pageOutcome(first!, frames), [first!, ...frames]);
}

/** Resolves at the page's next frame navigation, or after `ms`. */
function nextNavigation(page: Page, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      page.off('framenavigated', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    page.on('framenavigated', done);
  });
}

/** True while the main document holds more loadable iframes than Playwright knows as committed frames. */
async function framesPending(page: Page, answerMs: number): Promise<boolean> {
  const main = page.mainFrame();
  const inDom = await Promise.race([
    main
      .evaluate(() => {
        const secure = location.protocol === 'https:';
        return [...document.querySelectorAll('iframe[src], frame[src]')].filter((el) => {
          const src = (el as HTMLIFrameElement).src;
          // about: and javascript: load nothing; http on an https page is blocked (no document).
          return /^https?:/.test(src) && !(secure && src.startsWith('http:'));
        }).length;
      })
      .catch(() => 0),
    sleep(answerMs).then(() => 0),
  ]);
  const known = main.childFrames().filter((f) => /^https?:/.test(f.url())).length;
  return inDom > known;
}
