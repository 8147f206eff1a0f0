// The record of one site x check, attached to its test and read back by the reporters.
import type { Site } from '../config/load.ts';
import { statusOf, type Check, type CheckOutcome, type CheckStatus, type Finding, type Unmeasured } from '../checks/types.ts';

export const RESULT_ATTACHMENT = 'check-result';

export interface CheckResult {
  site: string;
  url: string;
  id: string;
  title: string;
  status: CheckStatus;
  findings: (Finding & { remediation: string })[];
  unmeasured: Unmeasured[];
  checked: string[];
  notes: string[];
  notApplicable?: string;
}

export function toResult(site: Site, check: Check, outcome: CheckOutcome): CheckResult {
  return {
    site: site.name,
    url: site.url,
    id: check.id,
    title: check.title,
    status: statusOf(outcome),
    // Codes are public qualified by their check: "hsts.missing".
    findings: outcome.findings.map((f) => ({ ...f, code: `${check.id}.${f.code}`, remediation: f.remediation ?? check.remediation })),
    unmeasured: outcome.unmeasured,
    checked: outcome.checked,
    notes: outcome.notes,
    ...(outcome.notApplicable !== undefined ? { notApplicable: outcome.notApplicable } : {}),
  };
}

/** One line per finding, for test failure messages and the console. */
export function findingLines(result: CheckResult): string[] {
  return [
    ...result.findings.map((f) => `[${f.severity}] ${f.target}: ${f.message}`),
    ...result.unmeasured.map((u) => `[could not measure] ${u.target}: ${u.reason}`),
  ];
}
