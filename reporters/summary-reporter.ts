// Writes reports/summary.json: every site with every check's status and findings, read
// from the `check-result` attachment each test leaves. A test that ended without one
// (a crash, a timeout) is recorded as "error" with its error message.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { sitesFilePath } from '../src/config/load.ts';
import { RESULT_ATTACHMENT, type CheckResult } from '../src/report/result.ts';

interface SummaryCheck {
  id: string;
  title?: string;
  status: CheckResult['status'];
  findings: { code: string; severity: string; message: string; target: string; remediation?: string }[];
  unmeasured?: CheckResult['unmeasured'];
  notes?: string[];
  durationMs: number;
}

interface SummarySite {
  name: string;
  url: string;
  checks: SummaryCheck[];
}

export default class SummaryReporter implements Reporter {
  private readonly outputFile: string;
  private startedAt = new Date();
  private tests: TestCase[] = [];
  private environment: Record<string, unknown> = {};
  private readonly results = new Map<TestCase, SummaryCheck & { url?: string }>();

  constructor(options: { outputFile?: string } = {}) {
    this.outputFile = path.resolve(process.env.SUMMARY_FILE || options.outputFile || 'reports/summary.json');
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.startedAt = new Date();
    this.environment = config.metadata;
    this.tests = suite.allTests();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const attachment = result.attachments.find((a) => a.name === RESULT_ATTACHMENT && a.body);
    if (attachment) {
      const r = JSON.parse(attachment.body!.toString('utf8')) as CheckResult;
      this.results.set(test, {
        id: r.id,
        title: r.title,
        status: r.status,
        findings: r.findings.map(({ code, severity, message, target, remediation }) => ({ code, severity, message, target, remediation })),
        unmeasured: r.unmeasured,
        notes: r.notes,
        durationMs: result.duration,
        url: r.url,
      });
      return;
    }
    // No verdict was reached: skipped before running, or the test itself broke.
    const broke = result.status === 'failed' || result.status === 'timedOut' || result.status === 'interrupted';
    this.results.set(test, {
      id: test.title,
      status: broke ? 'error' : 'skipped',
      findings: [],
      unmeasured: broke
        ? [{ target: test.parent.title, reason: (result.error?.message ?? result.status).split('\n')[0]! }]
        : [],
      durationMs: result.duration,
    });
  }

  onEnd(): void {
    const sites = new Map<string, SummarySite>();
    for (const test of this.tests) {
      const siteName = test.parent.title;
      const url = test.annotations.find((a) => a.type === 'site')?.description ?? '';
      const site = sites.get(siteName) ?? { name: siteName, url, checks: [] };
      sites.set(siteName, site);
      const check = this.results.get(test);
      if (!check) continue; // not run (e.g. filtered or the run was stopped)
      const { url: _url, ...rest } = check;
      site.checks.push(rest);
    }
    const summary = {
      version: 1,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      sitesFile: sitesFilePath(),
      environment: this.environment,
      totals: countStatuses([...sites.values()].flatMap((s) => s.checks)),
      sites: [...sites.values()].filter((s) => s.checks.length > 0),
    };
    mkdirSync(path.dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`\nSummary: ${Object.entries(summary.totals).map(([k, v]) => `${v} ${k}`).join(', ')} -> ${path.relative(process.cwd(), this.outputFile)}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}

function countStatuses(checks: SummaryCheck[]): Record<string, number> {
  const totals: Record<string, number> = { passed: 0, failed: 0, warning: 0, error: 0, skipped: 0 };
  for (const c of checks) totals[c.status] = (totals[c.status] ?? 0) + 1;
  return totals;
}
