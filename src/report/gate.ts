// The CI gate over summary.json, for the step after a scan: Playwright exits 1 for any failing
// test, while a pipeline wants to tell "the sites have problems" from "the scan could not look".
export const GATE_CODES = {
  /** Every check passed, warned, was accepted or did not apply. */
  clean: 0,
  /** At least one check failed: findings at or above the site's failOn. */
  findings: 1,
  /** No usable summary: the scan did not run, or stopped on bad configuration. */
  noSummary: 2,
  /** No failing finding, but some checks could not measure (a host down, a page that did not load). */
  couldNotMeasure: 3,
} as const;

interface Totals {
  failed: number;
  error: number;
}

export function gate(summary: unknown): { code: number; message: string } {
  const totals = (summary as { totals?: Partial<Totals> } | null)?.totals;
  if (typeof totals?.failed !== 'number' || typeof totals.error !== 'number') {
    return { code: GATE_CODES.noSummary, message: 'not a summary.json written by the scan (no totals)' };
  }
  const unmeasured = totals.error > 0 ? `; ${totals.error} check(s) could not measure` : '';
  if (totals.failed > 0)
    return {
      code: GATE_CODES.findings,
      message: `${totals.failed} check(s) failed with findings at or above the threshold${unmeasured}`,
    };
  if (totals.error > 0)
    return {
      code: GATE_CODES.couldNotMeasure,
      message: `no failing finding, but ${totals.error} check(s) could not measure`,
    };
  return { code: GATE_CODES.clean, message: 'clean: no finding at or above the threshold, and every check measured' };
}
