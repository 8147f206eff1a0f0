// Late content by the wall clock, where virtual time is not used: flow steps and a team's own
// tests (a page there must keep real time, it is driven on), and browsers without CDP. The rule
// is the same as virtual time's: everything the page does within `settleMs` after its `load` is
// seen. So the wait lasts until settleMs after the document's load event, and then until its
// network is quiet (a request started in time is seen to its end), within `capMs`.
import type { PageLog } from './page-log.ts';

/** Quiet after settleMs: what started in time has answered, and nothing new for this long. */
const QUIET_MS = 150;

/**
 * Whether the wait may end, as a pure function of the log's state (so the rule is unit-tested).
 * A document whose load has not fired yet counts from `startedAt`, the wait's start.
 */
export function settledAt(
  state: { loadedAt?: number; inflight: number; lastActivity: number },
  settleMs: number,
  startedAt: number,
  now: number,
): boolean {
  const from = state.loadedAt ?? startedAt;
  return now >= from + settleMs && state.inflight === 0 && now - state.lastActivity >= QUIET_MS;
}

export async function settleByWallClock(log: PageLog, settleMs: number, capMs: number): Promise<void> {
  const startedAt = Date.now();
  const until = startedAt + capMs;
  while (Date.now() < until && !settledAt(log, settleMs, startedAt, Date.now())) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, until - Date.now()))));
  }
}
