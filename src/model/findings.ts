// Severities, findings and check statuses: the vocabulary every verdict is written in.

/** From the most to the least severe. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** Findings at or above the site's `policy.failOn` (default medium) fail the test; those below are warnings. */
export type Severity = (typeof SEVERITIES)[number];

export const DEFAULT_FAIL_ON: Severity = 'medium';

/** True when `severity` is `threshold` or worse. */
export const atOrAbove = (severity: Severity, threshold: Severity): boolean =>
  SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);

/** The worst of some severities, undefined for none. */
export const worstOf = (severities: Iterable<Severity>): Severity | undefined => {
  let worst: Severity | undefined;
  for (const s of severities) if (!worst || SEVERITIES.indexOf(s) < SEVERITIES.indexOf(worst)) worst = s;
  return worst;
};

export interface Finding {
  /** Stable id of the kind of problem within its check, e.g. "missing"; reports qualify it as "hsts.missing". */
  code: string;
  severity: Severity;
  /** The offending item: a host, a URL, a cookie... */
  target: string;
  message: string;
  /** Overrides the check's general remediation when the fix is specific. */
  remediation?: string;
}

/** A target the check could not judge, and why (host down, page did not load...). */
export interface Unmeasured {
  target: string;
  reason: string;
}

export interface CheckOutcome {
  findings: Finding[];
  unmeasured: Unmeasured[];
  /** Targets that were judged, for the report. */
  checked: string[];
  /** Context worth showing that is neither a finding nor a failure to measure. */
  notes: string[];
  /** Set when the check does not apply to this site at all (nothing to judge). */
  notApplicable?: string;
}

export type CheckStatus = 'passed' | 'failed' | 'warning' | 'error' | 'skipped';

/** failed (a finding at or above failOn) beats error ("could not measure"), which beats warning, which beats passed. */
export function statusOf(
  outcome: Pick<CheckOutcome, 'findings' | 'unmeasured' | 'notApplicable'>,
  failOn: Severity = DEFAULT_FAIL_ON,
): CheckStatus {
  if (outcome.notApplicable !== undefined && outcome.findings.length === 0 && outcome.unmeasured.length === 0)
    return 'skipped';
  if (outcome.findings.some((f) => atOrAbove(f.severity, failOn))) return 'failed';
  if (outcome.unmeasured.length > 0) return 'error';
  if (outcome.findings.length > 0) return 'warning';
  return 'passed';
}
