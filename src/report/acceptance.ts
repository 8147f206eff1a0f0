// Which `accept` entry covers a finding, for the scan (sites.json) and a team's own tests alike.
// An entry names a check id or a finding code (or both), optionally a site and a target (exact,
// or a RegExp in a team's tests); it holds through its `expires` day (UTC) and then stops
// covering: the finding counts again, marked as an expired acceptance.
import type { Acceptance } from '../model/site.ts';

export interface AcceptanceNote {
  reason: string;
  /** The last day it holds, YYYY-MM-DD; absent for an acceptance without an expiry (a team's own tests). */
  expires?: string;
  expired: boolean;
}

/** Today as the acceptances compare it: YYYY-MM-DD in UTC. */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

const covers = (a: Acceptance, site: string, check: string, code: string, target: string): boolean =>
  (a.check === undefined || a.check === check) &&
  (a.code === undefined || a.code === code) &&
  (a.site === undefined || a.site === site) &&
  (a.target === undefined || (typeof a.target === 'string' ? a.target === target : a.target.test(target)));

const holdsOn = (a: Acceptance, today: string): boolean => a.expires === undefined || a.expires >= today;

/** The entry covering a finding (one still in force first), or undefined. `code` is public: "<check>.<code>". */
export function acceptanceFor(
  accept: readonly Acceptance[],
  where: { site: string; check: string },
  finding: { code: string; target: string },
  today: string,
): AcceptanceNote | undefined {
  const matching = accept.filter((a) => covers(a, where.site, where.check, finding.code, finding.target));
  const chosen = matching.find((a) => holdsOn(a, today)) ?? matching[0];
  return (
    chosen && {
      reason: chosen.reason,
      ...(chosen.expires !== undefined ? { expires: chosen.expires } : {}),
      expired: !holdsOn(chosen, today),
    }
  );
}
