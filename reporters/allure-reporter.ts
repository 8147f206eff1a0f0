// allure-playwright, with each test's verdict applied to its Allure result (src/report/allure.ts)
// through the library's own lifecycle listeners: no per-test metadata attachments. The results
// folder is emptied when the first test of a run (or of a merge) begins, so a report shows one
// run, while `--list` leaves it alone. ALLURE_RESULTS_DIR overrides the folder.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AllureReporter } from 'allure-playwright';
import type { TestResult as AllureResult } from 'allure-js-commons';
import type { FullConfig, TestCase, TestResult } from '@playwright/test/reporter';
import type { CheckResult } from '../src/report/result.ts';
import { applyVerdict } from '../src/report/allure.ts';
import { verdictOf } from './verdict.ts';

type Options = ConstructorParameters<typeof AllureReporter>[0];

export default class ScanAllureReporter extends AllureReporter {
  private readonly resultsDir: string;
  private readonly starting: { test?: TestCase };
  private readonly uuids: Map<string, string>;
  private readonly verdicts: Map<string, CheckResult>;
  private cleared = false;

  constructor(options: Options = {}) {
    const resultsDir = path.resolve(process.env.ALLURE_RESULTS_DIR || options.resultsDir || 'allure-results');
    const starting: { test?: TestCase } = {};
    const uuids = new Map<string, string>();
    const verdicts = new Map<string, CheckResult>();
    const listener = {
      // Called inside onTestBegin, while `starting` names the test.
      afterTestResultStart: (r: AllureResult) => void (starting.test && uuids.set(starting.test.id, r.uuid)),
      beforeTestResultWrite: (r: AllureResult) => {
        const verdict = verdicts.get(r.uuid);
        if (verdict) applyVerdict(r, verdict);
      },
    };
    super({ ...options, resultsDir, listeners: [...(options.listeners ?? []), listener] });
    this.resultsDir = resultsDir;
    this.starting = starting;
    this.uuids = uuids;
    this.verdicts = verdicts;
  }

  /** The environment the run recorded (browser, trust mode, Node), also when merging blob reports. */
  override onConfigure(config: FullConfig): void {
    // merge-reports announces projects only after onConfigure, while allure-playwright reads the
    // first one's folders here (for screenshot diffs, which a scan never makes).
    const folders = { outputDir: config.rootDir, snapshotDir: config.rootDir } as FullConfig['projects'][number];
    super.onConfigure(config.projects.length > 0 ? config : { ...config, projects: [folders] });
    this.options = { environmentInfo: config.metadata as Record<string, string>, ...this.options };
  }

  override onTestBegin(test: TestCase): void {
    if (!this.cleared) {
      this.cleared = true;
      if (existsSync(this.resultsDir))
        for (const entry of readdirSync(this.resultsDir, { withFileTypes: true }))
          rmSync(path.join(this.resultsDir, entry.name), { recursive: true, force: true });
    }
    this.starting.test = test;
    super.onTestBegin(test);
    this.starting.test = undefined;
  }

  override async onTestEnd(test: TestCase, result: TestResult): Promise<void> {
    const uuid = this.uuids.get(test.id);
    if (uuid) this.verdicts.set(uuid, verdictOf(test, result));
    await super.onTestEnd(test, result);
  }
}
