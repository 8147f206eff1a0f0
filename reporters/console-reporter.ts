// The scan's console: a line per site as its checks finish, then the findings one line each,
// the site x check matrix and the totals once. Counted by the same model as summary.json
// (src/report/summary.ts), so the two always agree.
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestError,
  TestResult,
} from '@playwright/test/reporter';
import { acceptedLine, findingLine, unmeasuredLine } from '../src/report/result.ts';
import {
  checkIds,
  STATUS_WORDS,
  statusCounts,
  summarize,
  totalsLine,
  unmeasuredGroups,
  worstFinding,
  type RunEntry,
  type SummaryCheck,
} from '../src/report/summary.ts';
import { siteUrlOf, verdictOf } from './verdict.ts';

const SEVERITY_LETTER = { critical: 'C', high: 'H', medium: 'M', low: 'L', info: 'I' } as const;

const MARK: Record<SummaryCheck['status'], (c: SummaryCheck) => string> = {
  passed: () => '✓',
  failed: (c) => `✘${SEVERITY_LETTER[worstFinding(c) ?? 'high']}`,
  warning: () => '!',
  error: () => '?',
  skipped: () => '-',
};

export default class ConsoleReporter implements Reporter {
  private tests: TestCase[] = [];
  private readonly left = new Map<string, number>();
  private readonly entries = new Map<TestCase, RunEntry>();
  private sitesDone = 0;
  private startedAt = Date.now();

  onBegin(config: FullConfig, suite: Suite): void {
    this.startedAt = Date.now();
    this.tests = suite.allTests();
    for (const t of this.tests) this.left.set(t.parent.title, (this.left.get(t.parent.title) ?? 0) + 1);
    console.log(`Scanning ${this.left.size} site(s): ${this.tests.length} check(s) on ${config.workers} worker(s)`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const site = test.parent.title;
    // A retry replaces the attempt before it; a site is done when each of its tests ended once.
    const first = !this.entries.has(test);
    this.entries.set(test, { url: siteUrlOf(test), result: verdictOf(test, result), durationMs: result.duration });
    if (!first) return;
    const left = (this.left.get(site) ?? 1) - 1;
    this.left.set(site, left);
    if (left === 0) this.siteDone(site);
  }

  private siteDone(site: string): void {
    this.left.delete(site);
    const checks = this.tests.filter((t) => t.parent.title === site).flatMap((t) => this.entries.get(t)?.result ?? []);
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(0);
    console.log(
      `  [${++this.sitesDone}/${this.sitesDone + this.left.size}] ${site}: ${statusCounts(checks)}  (${seconds} s)`,
    );
  }

  onStdOut(chunk: string | Buffer): void {
    process.stdout.write(chunk);
  }

  onStdErr(chunk: string | Buffer): void {
    process.stderr.write(chunk);
  }

  onError(error: TestError): void {
    console.error(`\nError: ${error.stack ?? error.message ?? error.value ?? 'unknown'}\n`);
  }

  onEnd(result: FullResult): void {
    const summary = summarize(
      this.tests.flatMap((t) => this.entries.get(t) ?? []),
      { startedAt: '', finishedAt: '', sitesFile: '', environment: {} },
    );
    if (summary.sites.length === 0) return;
    const lines: string[] = [''];
    for (const site of summary.sites) {
      for (const c of site.checks) {
        const shown = [...c.findings.map(findingLine), ...c.accepted.map(acceptedLine)];
        if (shown.length > 0)
          lines.push(`${site.name} › ${c.id} (${STATUS_WORDS[c.status]})`, ...shown.map((l) => `    ${l}`));
      }
    }
    // A host that is down holds back many checks: one line for it, naming them.
    const unmeasured = unmeasuredGroups(summary);
    if (unmeasured.length > 0)
      lines.push(
        'Could not measure:',
        ...unmeasured.map((g) => `    ${g.site}: ${unmeasuredLine(g)} [${g.checks.join(', ')}]`),
      );
    const ids = checkIds(summary);
    const nameWidth = Math.max(4, ...summary.sites.map((s) => s.name.length));
    const column = (text: string) => text.padEnd(4);
    lines.push('', `${'site'.padEnd(nameWidth)}  ${ids.map((_, i) => column(String(i + 1))).join('')}`.trimEnd());
    for (const site of summary.sites) {
      const cells = ids.map((id) => {
        const c = site.checks.find((x) => x.id === id);
        return column(c ? MARK[c.status](c) : '');
      });
      lines.push(`${site.name.padEnd(nameWidth)}  ${cells.join('')}`.trimEnd());
    }
    lines.push(
      '',
      '✓ passed  ✘C ✘H ✘M ✘L ✘I failed (worst severity)  ! warning  ? could not measure  - not applicable',
      ids.map((id, i) => `${i + 1} ${id}`).join('  '),
      '',
      `Totals: ${totalsLine(summary)}`,
    );
    if (result.status === 'interrupted' || result.status === 'timedout')
      lines.push(
        `The run was ${result.status === 'interrupted' ? 'interrupted' : 'stopped by its global timeout'}: checks not listed did not run.`,
      );
    console.log(lines.join('\n'));
  }

  printsToStdio(): boolean {
    return true;
  }
}
