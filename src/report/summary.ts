// The run as a whole, from every test's check result: reports/summary.json, the site x check
// matrix and the totals. The console, summary.json and summary.md all come from this one model,
// so their counts cannot disagree.
import { SEVERITIES, worstOf, type CheckStatus, type Severity } from '../model/findings.ts';
import type { CheckResult } from './result.ts';
import { bySoonest, type ExpiryRow } from './certificate-expiry.ts';
import type { DiscoveryChange } from './discovery-history.ts';

/** A check's result as summary.json lists it under its site. */
export type SummaryCheck = Omit<CheckResult, 'site' | 'url' | 'checked'> & { durationMs: number };

export interface SummarySite {
  name: string;
  url: string;
  checks: SummaryCheck[];
}

export interface AcceptedEntry {
  site: string;
  check: string;
  code: string;
  severity: Severity;
  target: string;
  message: string;
  reason: string;
  /** Always set in a scan: sites.json acceptances have an expiry. */
  expires?: string;
}

export interface Summary {
  version: 1;
  startedAt: string;
  finishedAt: string;
  sitesFile: string;
  environment: Record<string, unknown>;
  /** Checks by status. */
  totals: Record<CheckStatus, number>;
  /** Findings that count (failing or warning; accepted ones not included) by severity. */
  findingsBySeverity: Record<Severity, number>;
  /** The same findings by public code, "<check id>.<code>". */
  findingsByCode: Record<string, number>;
  accepted: AcceptedEntry[];
  /** Every host's certificate expiry, soonest first (from the certificate-validity tests). */
  certificates: ExpiryRow[];
  sites: SummarySite[];
  /** Hosts discovery found that are new since the last run, and those gone (only when a discovery check ran). */
  discovery?: DiscoveryChange[];
}

/** One finished test. */
export interface RunEntry {
  url: string;
  result: CheckResult;
  durationMs: number;
  certificates?: ExpiryRow[];
}

export const STATUSES: readonly CheckStatus[] = ['passed', 'failed', 'warning', 'error', 'skipped'];

/** How a status reads in a line for a person. */
export const STATUS_WORDS: Record<CheckStatus, string> = {
  passed: 'passed',
  failed: 'failed',
  warning: 'warning',
  error: 'could not measure',
  skipped: 'not applicable',
};

/**
 * "10 passed, 2 failed (worst high), 4 not applicable": one count per status, in the order of
 * STATUSES; the failed ones name the worst finding among them all.
 */
export function statusCounts(checks: readonly Pick<SummaryCheck, 'status' | 'findings'>[]): string {
  return STATUSES.flatMap((status) => {
    const these = checks.filter((c) => c.status === status);
    if (these.length === 0) return [];
    const worst = status === 'failed' ? worstOf(these.flatMap((c) => c.findings.map((f) => f.severity))) : undefined;
    return [`${these.length} ${STATUS_WORDS[status]}${worst ? ` (worst ${worst})` : ''}`];
  }).join(', ');
}

export function summarize(
  entries: RunEntry[],
  run: Pick<Summary, 'startedAt' | 'finishedAt' | 'sitesFile' | 'environment'>,
): Summary {
  const sites = new Map<string, SummarySite>();
  const totals = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Summary['totals'];
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Summary['findingsBySeverity'];
  const findingsByCode: Record<string, number> = {};
  const accepted: AcceptedEntry[] = [];
  for (const { url, result: r, durationMs } of entries) {
    const site = sites.get(r.site) ?? sites.set(r.site, { name: r.site, url: url || r.url, checks: [] }).get(r.site)!;
    const { site: _site, url: _url, checked: _checked, ...check } = r;
    site.checks.push({ ...check, durationMs });
    totals[r.status]++;
    for (const f of r.findings) {
      findingsBySeverity[f.severity]++;
      findingsByCode[f.code] = (findingsByCode[f.code] ?? 0) + 1;
    }
    for (const f of r.accepted) {
      accepted.push({
        site: r.site,
        check: r.id,
        code: f.code,
        severity: f.severity,
        target: f.target,
        message: f.message,
        ...f.acceptance,
      });
    }
  }
  return {
    version: 1,
    ...run,
    totals,
    findingsBySeverity,
    findingsByCode: Object.fromEntries(Object.entries(findingsByCode).sort(([a], [b]) => a.localeCompare(b))),
    accepted,
    certificates: bySoonest(entries.flatMap((e) => e.certificates ?? [])),
    sites: [...sites.values()],
  };
}

/** The worst severity among the findings that count, for the matrix and Allure's severity. */
export const worstFinding = (check: Pick<SummaryCheck, 'findings'>): Severity | undefined =>
  worstOf(check.findings.map((f) => f.severity));

/** "120 passed, 5 failed, ..., 2 could not measure, 10 not applicable". */
export function totalsLine(s: Summary): string {
  const t = s.totals;
  const findings = SEVERITIES.filter((sev) => s.findingsBySeverity[sev] > 0).map(
    (sev) => `${s.findingsBySeverity[sev]} ${sev}`,
  );
  return [
    `${t.passed + t.failed + t.warning + t.error + t.skipped} checks: ${t.passed} passed, ${t.failed} failed, ${t.warning} warning, ${t.error} could not measure, ${t.skipped} not applicable`,
    `findings: ${findings.length > 0 ? findings.join(', ') : 'none'}`,
    ...(s.accepted.length > 0 ? [`${s.accepted.length} accepted`] : []),
  ].join('; ');
}

/** Check ids in the order the run met them: the matrix's columns. */
export const checkIds = (s: Summary): string[] => [...new Set(s.sites.flatMap((site) => site.checks.map((c) => c.id)))];

export interface UnmeasuredGroup {
  site: string;
  target: string;
  reason: string;
  checks: string[];
}

/** What could not be measured, once per site, target and reason, with the checks it held back. */
export function unmeasuredGroups(s: Summary): UnmeasuredGroup[] {
  const groups = new Map<string, UnmeasuredGroup>();
  for (const site of s.sites) {
    for (const c of site.checks) {
      for (const u of c.unmeasured) {
        const key = `${site.name}\n${u.target}\n${u.reason}`;
        const group =
          groups.get(key) ??
          groups.set(key, { site: site.name, target: u.target, reason: u.reason, checks: [] }).get(key)!;
        group.checks.push(c.id);
      }
    }
  }
  return [...groups.values()];
}
