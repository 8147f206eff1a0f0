// The record of one site x check, attached to its test and read back by the reporters. The
// site's gate applies here: findings at or above its `failOn` fail, those below are warnings,
// and a finding an `accept` entry covers is set aside as accepted until the entry expires.
import type { Acceptance, Site } from '../model/site.ts';
import {
  statusOf,
  type CheckOutcome,
  type CheckStatus,
  type Finding,
  type Severity,
  type Unmeasured,
} from '../model/findings.ts';
import type { Check } from '../model/check.ts';
import { acceptanceFor, dayOf, type AcceptanceNote } from './acceptance.ts';
import { oneLine } from '../model/text.ts';

export const RESULT_ATTACHMENT = 'check-result';
/** The evidence a check judged, as JSON. */
export const EVIDENCE_ATTACHMENT = 'evidence.json';

export interface ResultFinding extends Finding {
  remediation: string;
  /** Set on a finding that counts although an `accept` entry named it: that entry has expired. */
  acceptance?: AcceptanceNote;
}

export interface AcceptedFinding extends Finding {
  remediation: string;
  acceptance: AcceptanceNote;
}

export interface CheckResult {
  site: string;
  url: string;
  id: string;
  title: string;
  status: CheckStatus;
  /** Findings at or above this severity fail the check. */
  failOn: Severity;
  /** Findings that count: failing (at or above failOn) or warnings (below). */
  findings: ResultFinding[];
  /** Findings covered by an `accept` entry still in force: shown, never failing. */
  accepted: AcceptedFinding[];
  unmeasured: Unmeasured[];
  checked: string[];
  notes: string[];
  notApplicable?: string;
}

export function toResult(
  site: Site,
  check: Check,
  outcome: CheckOutcome,
  accept: readonly Acceptance[] = [],
  now = new Date(),
): CheckResult {
  const today = dayOf(now);
  const findings: ResultFinding[] = [];
  const accepted: AcceptedFinding[] = [];
  for (const f of outcome.findings) {
    // Codes are public qualified by their check: "hsts.missing".
    const finding = { ...f, code: `${check.id}.${f.code}`, remediation: f.remediation ?? check.remediation };
    const acceptance = acceptanceFor(accept, { site: site.name, check: check.id }, finding, today);
    if (acceptance && !acceptance.expired) accepted.push({ ...finding, acceptance });
    else findings.push(acceptance ? { ...finding, acceptance } : finding);
  }
  return {
    site: site.name,
    url: site.url,
    id: check.id,
    title: check.title,
    status: statusOf({ ...outcome, findings }, site.policy.failOn),
    failOn: site.policy.failOn,
    findings,
    accepted,
    unmeasured: outcome.unmeasured,
    checked: outcome.checked,
    notes: outcome.notes,
    ...(outcome.notApplicable !== undefined ? { notApplicable: outcome.notApplicable } : {}),
  };
}

export const expiredNote = (f: ResultFinding): string =>
  f.acceptance ? ` (the acceptance of this finding expired on ${f.acceptance.expires}: "${f.acceptance.reason}")` : '';

/** "[high] target: message (code)", the one-line form of a finding in every report. */
export const findingLine = (f: ResultFinding): string =>
  oneLine(`[${f.severity}] ${f.target}: ${f.message} (${f.code})${expiredNote(f)}`);

/** "[could not measure] target: reason", naming the check where the line does not say it otherwise. */
export const unmeasuredLine = (u: Unmeasured, check?: string): string =>
  oneLine(`[could not measure] ${u.target}: ${u.reason}${check ? ` (${check})` : ''}`);

/** "accepted until 2027-01-31", or "accepted" for an acceptance without an expiry. */
export const acceptedUntil = (note: AcceptanceNote): string =>
  note.expires ? `accepted until ${note.expires}` : 'accepted';

export const acceptedLine = (f: AcceptedFinding): string =>
  oneLine(
    `[${acceptedUntil(f.acceptance)}] [${f.severity}] ${f.target}: ${f.message} (${f.code}), because: ${f.acceptance.reason}`,
  );

/** One line per finding and per target that could not be measured, worst first as the check listed them. */
export function findingLines(result: Pick<CheckResult, 'findings' | 'unmeasured'>): string[] {
  return [...result.findings.map(findingLine), ...result.unmeasured.map((u) => unmeasuredLine(u))];
}

/** What a failing test says: a header, one line per finding, then what to do. */
export function failureMessage(result: CheckResult): string {
  const failing = result.status === 'failed';
  const header = failing
    ? `${result.id} failed for ${result.site}: ${result.findings.length} finding(s), failing at ${result.failOn} and above`
    : `${result.id} could not measure ${result.site}: ${result.unmeasured.length} target(s)`;
  const remediations = [...new Set(result.findings.map((f) => f.remediation))];
  return [
    header,
    '',
    ...findingLines(result),
    ...(remediations.length > 0 ? ['', 'Remediation:', ...remediations.map((r) => `  ${r}`)] : []),
  ].join('\n');
}
