// Writes reports/summary.json and reports/summary.md from the tests' check results, and appends
// summary.md to the GitHub step summary ($GITHUB_STEP_SUMMARY) when it is set. Works the same
// on a run and on `merge-reports` of sharded blob reports. A run in which no test ended
// (`--list`, a grep matching nothing) leaves the previous files alone.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { sitesFilePath } from '../src/config/load.ts';
import { summarize, type RunEntry } from '../src/report/summary.ts';
import { summaryMarkdown } from '../src/report/summary-markdown.ts';
import { certificateExpiry } from '../src/report/certificate-expiry.ts';
import { evidenceOf, siteUrlOf, verdictOf } from './verdict.ts';
import { historyFile, readHistory, updateHistory, writeHistory } from '../src/report/discovery-history.ts';
import type { DiscoveryEvidence } from '../src/model/evidence.ts';

/** The check whose tests carry what discovery found (kept between runs, see discovery-history.ts). */
const DISCOVERY_CHECK = 'discovery';
/** The check whose tests carry the certificates of each site's hosts. */
const EXPIRY_CHECK = 'certificate-validity';

export default class SummaryReporter implements Reporter {
  private readonly outputFile: string;
  private startedAt = new Date();
  private tests: TestCase[] = [];
  private environment: Record<string, unknown> = {};
  private readonly entries = new Map<TestCase, RunEntry>();
  /** Each site's discovery evidence, from its discovery test. */
  private readonly discovered = new Map<string, DiscoveryEvidence>();

  constructor(options: { outputFile?: string } = {}) {
    this.outputFile = path.resolve(process.env.SUMMARY_FILE || options.outputFile || 'reports/summary.json');
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.startedAt = new Date();
    this.environment = config.metadata;
    this.tests = suite.allTests();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const verdict = verdictOf(test, result);
    const tls = verdict.id === EXPIRY_CHECK ? evidenceOf(result)?.tls : undefined;
    const discovery = verdict.id === DISCOVERY_CHECK ? evidenceOf(result)?.discovery : undefined;
    if (discovery) this.discovered.set(verdict.site, discovery);
    // A retry replaces the attempt before it.
    this.entries.set(test, {
      url: siteUrlOf(test),
      result: verdict,
      durationMs: result.duration,
      ...(tls ? { certificates: certificateExpiry(verdict.site, tls) } : {}),
    });
  }

  onEnd(): void {
    if (this.entries.size === 0) return;
    const summary = summarize(
      this.tests.flatMap((t) => this.entries.get(t) ?? []),
      {
        startedAt: this.startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        sitesFile: sitesFilePath(),
        environment: this.environment,
      },
    );
    // The discovery history moves on only when a discovery check ran (a --grep of other checks leaves it alone).
    const discovered = [...this.discovered].map(([site, evidence]) => ({ site, evidence }));
    if (discovered.some((d) => d.evidence.enabled)) {
      const file = historyFile();
      const { history, changes } = updateHistory(readHistory(file), discovered, summary.finishedAt);
      writeHistory(file, history);
      summary.discovery = changes;
    }
    const markdown = summaryMarkdown(summary);
    const markdownFile = `${this.outputFile.replace(/\.json$/, '')}.md`;
    mkdirSync(path.dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(markdownFile, markdown);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
    console.log(`Summary: ${[this.outputFile, markdownFile].map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
