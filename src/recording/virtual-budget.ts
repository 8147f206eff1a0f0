// One renderer's share of virtual time (Chromium's CDP `Emulation.setVirtualTimePolicy`): its
// timers, intervals and nested timers run as soon as it is idle, so `settleMs` of the page's own
// time passes in milliseconds, on an idle and on a busy machine alike. Measured on Chromium 156
// (research notes in docs/checks-pages.md): a budget belongs to one renderer process, so the page
// and each out-of-process iframe get their own; every CDP answer is bounded, because a renderer
// that runs into an endless script at once never answers, not even the policy command.
import type { CDPSession } from '@playwright/test';

/** Forces virtual time on after this many tasks without an idle moment (a MessageChannel ping-pong never idles; 100 measured best). */
const STARVATION_COUNT = 100;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * How one renderer's budget ended. `expired`: spent. `fellBack`: spent only after its network
 * grace, with network waits counted (a fetch that never ends: long poll, EventSource). `capped`:
 * the wall cap came first. `busy`: it stopped answering (an endless script). `gone`: the frame or
 * page went away meanwhile.
 */
export type BudgetOutcome = 'expired' | 'fellBack' | 'capped' | 'busy' | 'gone';

/** Resolves true when `session` reports its budget spent, false at `until` (wall clock). */
function expiry(session: CDPSession, until: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const onExpired = () => done(true);
    const timer = setTimeout(() => done(false), Math.max(0, until - Date.now()));
    function done(spent: boolean) {
      clearTimeout(timer);
      session.off('Emulation.virtualTimeBudgetExpired', onExpired);
      resolve(spent);
    }
    session.on('Emulation.virtualTimeBudgetExpired', onExpired);
  });
}

/**
 * The renderer's clock (virtual once virtual time is on), or undefined when it does not answer
 * within `answerMs` (an endless script never does; the recorder's read bound, see recorder.ts).
 */
async function clock(session: CDPSession, answerMs: number): Promise<number | undefined> {
  const answer = session.send('Runtime.evaluate', { expression: 'performance.now()', returnByValue: true }).then(
    (r) => r.result.value as number,
    () => undefined,
  );
  return Promise.race([answer, sleep(answerMs).then(() => undefined)]);
}

/**
 * Gives the renderer behind `session` `settleMs` of virtual time. While it has fetches pending its
 * clock waits for them (`pauseIfNetworkFetchesPending`), until `graceUntil`; a renderer still
 * waiting then (a request that never ends) gets the rest of its budget with network waits counted
 * (`advance` with a budget: never without one, which fast-forwards forever). Ends by `until`.
 */
export async function runBudget(
  session: CDPSession,
  settleMs: number,
  graceUntil: number,
  until: number,
  answerMs: number,
): Promise<BudgetOutcome> {
  const start = await clock(session, answerMs);
  if (start === undefined) return 'busy';
  const first = expiry(session, Math.min(graceUntil, until));
  // Not awaited on its own: a renderer whose first fast-forwarded timer starts an endless loop
  // never answers this command.
  let gone = false;
  session
    .send('Emulation.setVirtualTimePolicy', {
      policy: 'pauseIfNetworkFetchesPending',
      budget: settleMs,
      maxVirtualTimeTaskStarvationCount: STARVATION_COUNT,
    })
    .catch(() => {
      gone = true;
    });
  if (await first) return 'expired';
  if (gone) return 'gone';
  // Still paused on a fetch, or busy with a script? A paused renderer answers.
  const now = await clock(session, answerMs);
  if (now === undefined) return 'busy';
  if (Date.now() >= until) return 'capped';
  const second = expiry(session, until);
  session
    .send('Emulation.setVirtualTimePolicy', {
      policy: 'advance',
      budget: Math.max(1, settleMs - (now - start)),
      maxVirtualTimeTaskStarvationCount: STARVATION_COUNT,
    })
    .catch(() => {});
  return (await second) ? 'fellBack' : 'capped';
}

/** What a page's settle came to, from its own budget's end (first) and its out-of-process frames'. */
export type VirtualOutcome = 'expired' | 'capped' | 'busy';

/**
 * Pure: the page is `busy` only when its own renderer stopped answering (a busy frame costs that
 * frame, whose DOM read then says so); anything that did not spend its budget makes it `capped`.
 */
export function pageOutcome(page: BudgetOutcome, frames: readonly BudgetOutcome[]): VirtualOutcome {
  if (page === 'busy') return 'busy';
  if (page === 'gone' || page === 'capped' || frames.includes('capped')) return 'capped';
  return 'expired';
}
