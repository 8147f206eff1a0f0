// The scale benchmark: scans of N sites (5 pages and 2 extra hosts each, see lab/scale.ts) with
// 1 and 2 workers, as users run them (npx playwright test).
//  - clean: every site clean; seconds per run, per site and per page, 2 workers against 1.
//  - realistic: a third of the sites carry planted flaws (three failing checks each), as real
//    sites do; seconds per run and per site, the failing tests, and what each failing test
//    costs in worker start CPU (Playwright replaces its worker after every failing test;
//    measured in each worker by scripts/worker-start-cpu.cjs).
// Alone: `npx tsx scripts/bench-scale.ts [N...]` (clean), `npx tsx scripts/bench-scale.ts
// --realistic [N]`; `npm run bench` calls both.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runScan } from '../lab/run-scan.ts';
import { FLAWED_CHECKS, SCALE_PAGES, startScaleLab } from '../lab/scale.ts';
import { CHECKS } from '../src/checks/index.ts';

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const PRELOAD = fileURLToPath(new URL('./worker-start-cpu.cjs', import.meta.url));
/** A third of the sites of the realistic run are flawed. */
const FLAWED_EVERY = 3;

interface ScanRun {
  ms: number;
  status: number | null;
  totals: Record<string, number>;
  /** CPU ms of each worker process before its first test (see worker-start-cpu.cjs). */
  workerStartsMs: number[];
}

/** Wall time of one full scan of `count` sites (every `flawedEvery`-th flawed; 0: none). */
async function scanOnce(count: number, workers: number, flawedEvery = 0): Promise<ScanRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const lab = await startScaleLab(count, dir, flawedEvery);
  const cpuFile = path.join(dir, 'worker-cpu.jsonl');
  try {
    const summaryFile = path.join(dir, 'summary.json');
    const started = Date.now();
    const run = await runScan(
      [
        '--reporter=dot,./reporters/plan-reporter.ts,./reporters/summary-reporter.ts',
        `--output=${path.join(dir, 'test-results')}`,
      ],
      {
        SITES_FILE: lab.sitesFile,
        SUMMARY_FILE: summaryFile,
        LAB: '0',
        WORKERS: String(workers),
        WORKER_CPU_FILE: cpuFile,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim(),
      },
      1_800_000,
    );
    const ms = Date.now() - started;
    const totals = (JSON.parse(readFileSync(summaryFile, 'utf8')) as { totals: Record<string, number> }).totals;
    const workerStartsMs = readFileSync(cpuFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { startMs: number }).startMs);
    return { ms, status: run.status, totals, workerStartsMs };
  } finally {
    await lab.close();
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? 0;

export async function benchScale(counts: number[] = [10, 30, 60]): Promise<void> {
  console.log(
    `\nscale: N clean sites of ${SCALE_PAGES.length} pages and 2 extra hosts each (npx playwright test, wall time including start-up)`,
  );
  console.log('   N  workers      run   per site   per page   2 workers / 1');
  for (const count of counts) {
    const times: number[] = [];
    for (const workers of [1, 2]) {
      const { ms, status, totals } = await scanOnce(count, workers);
      // Clean: every test passed or was skipped (checks not applicable without APIs or discovery).
      const clean = status === 0 && (totals.passed ?? 0) + (totals.skipped ?? 0) === count * CHECKS.length;
      times.push(ms);
      const ratio = workers === 2 ? `${(times[0]! / ms).toFixed(2)}x faster` : '';
      console.log(
        `${String(count).padStart(4)}  ${String(workers).padStart(7)}  ${s(ms).padStart(7)}  ${s(ms / count).padStart(9)}  ${s(ms / (count * SCALE_PAGES.length)).padStart(9)}   ${ratio}${clean ? '' : '  (NOT CLEAN: some check did not pass)'}`,
      );
    }
  }
}

/**
 * The realistic run: `count` sites, a third of them flawed. Each failing test makes Playwright
 * start a new worker, so a failing test costs one worker start: the median CPU one worker spent
 * before its first test. The total is every worker start of the run (one per failing test,
 * plus the first of each worker).
 */
export async function benchRealistic(count = 60): Promise<void> {
  const flawed = Math.floor(count / FLAWED_EVERY);
  console.log(
    `\nrealistic scale: ${count} sites of ${SCALE_PAGES.length} pages and 2 extra hosts, ${flawed} of them with planted flaws (${FLAWED_CHECKS.join(', ')} fail)`,
  );
  console.log(
    '   N  workers      run   per site   failing tests   worker starts   CPU per start (median) = per failing test   all starts',
  );
  for (const workers of [2, 1]) {
    const { ms, totals, workerStartsMs } = await scanOnce(count, workers, FLAWED_EVERY);
    const failing = (totals.failed ?? 0) + (totals.error ?? 0);
    const expected = flawed * FLAWED_CHECKS.length;
    const allStartsMs = workerStartsMs.reduce((a, b) => a + b, 0);
    console.log(
      `${String(count).padStart(4)}  ${String(workers).padStart(7)}  ${s(ms).padStart(7)}  ${s(ms / count).padStart(9)}  ${String(failing).padStart(14)}  ${String(workerStartsMs.length).padStart(14)}  ${`${(median(workerStartsMs) / 1000).toFixed(2)} s`.padStart(41)}  ${s(allStartsMs).padStart(11)} CPU${failing === expected ? '' : `  (expected ${expected} failing tests)`}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const args = process.argv.slice(2);
  const counts = args.filter((a) => a !== '--realistic').map(Number);
  if (args.includes('--realistic')) await benchRealistic(counts[0]);
  else await benchScale(counts.length > 0 ? counts : undefined);
}
