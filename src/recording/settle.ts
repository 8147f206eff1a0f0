// How long a page is given for late content (timers, lazy loading, script navigations) before it
// is read: until its network has been quiet for a while, at most `untilMs`.
import type { PageLog } from './page-log.ts';

/**
 * `page`: 500 ms without network activity (Playwright's "networkidle"), counted from now at the
 * earliest: the driver has just scrolled, and what scrolling brings into view starts loading a
 * moment later. `step`: 150 ms of quiet since the last activity, since a flow step or a test
 * already waited for what it triggered.
 */
export type SettleMode = 'page' | 'step';

const QUIET_MS: Record<SettleMode, number> = { page: 500, step: 150 };

export async function settle(log: PageLog, mode: SettleMode, untilMs: number): Promise<void> {
  const until = Date.now() + untilMs;
  const quietSince = () => (mode === 'page' ? Math.max(log.lastActivity, until - untilMs) : log.lastActivity);
  while (Date.now() < until && (log.inflight > 0 || Date.now() - quietSince() < QUIET_MS[mode])) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, until - Date.now()))));
  }
}
