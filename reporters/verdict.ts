// What every reporter reads back from a finished test: the check's result (its `check-result`
// attachment), or, for a test that ended without one, a verdict made from how it ended.
import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { SiteEvidence } from '../src/model/evidence.ts';
import { EVIDENCE_ATTACHMENT, RESULT_ATTACHMENT, type CheckResult } from '../src/report/result.ts';
import { DEFAULT_FAIL_ON } from '../src/model/findings.ts';
import { firstLine } from '../src/model/text.ts';

const bodyOf = (result: TestResult, name: string): string | undefined =>
  result.attachments.find((a) => a.name === name && a.body)?.body?.toString('utf8');

export function verdictOf(test: TestCase, result: TestResult): CheckResult {
  const broke = result.status === 'failed' || result.status === 'timedOut' || result.status === 'interrupted';
  const body = bodyOf(result, RESULT_ATTACHMENT);
  if (body) {
    const verdict = JSON.parse(body) as CheckResult;
    // The reports and the test never disagree: a test that broke after its verdict said "passed"
    // (a timeout while attaching, say) is "could not measure", with what broke it.
    const agrees = broke === (verdict.status === 'failed' || verdict.status === 'error');
    return agrees
      ? verdict
      : {
          ...verdict,
          status: 'error',
          unmeasured: [...verdict.unmeasured, { target: test.parent.title, reason: firstLineOf(result) }],
        };
  }
  // No verdict was reached: skipped before running, or the test itself broke (a crash, a timeout).
  return {
    site: test.parent.title,
    url: siteUrlOf(test),
    id: test.title,
    title: test.title,
    status: broke ? 'error' : 'skipped',
    failOn: DEFAULT_FAIL_ON,
    findings: [],
    accepted: [],
    unmeasured: broke ? [{ target: test.parent.title, reason: firstLineOf(result) }] : [],
    checked: [],
    notes: [],
  };
}

const firstLineOf = (result: TestResult): string => firstLine(result.error?.message ?? result.status);

/** The site URL the spec records on each test. */
export const siteUrlOf = (test: TestCase): string => test.annotations.find((a) => a.type === 'site')?.description ?? '';

/** The evidence a test judged (its `evidence.json` attachment), when it has one. */
export function evidenceOf(result: TestResult): Partial<SiteEvidence> | undefined {
  const body = bodyOf(result, EVIDENCE_ATTACHMENT);
  return body ? (JSON.parse(body) as Partial<SiteEvidence>) : undefined;
}
