// The scale benchmark: scans of N clean sites (5 pages and 2 extra hosts each, see
// lab/scale.ts) with 1 and 2 workers, as users run them (npx playwright test). Prints
// seconds per run, per site and per page, and how much faster 2 workers are than 1.
// Alone: `npx tsx scripts/bench-scale.ts [N...]`; `npm run bench` calls benchScale().
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runScan } from '../lab/run-scan.ts';
import { SCALE_PAGES, startScaleLab } from '../lab/scale.ts';

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Wall time of one full scan of `count` sites, and whether every check passed. */
async function scanOnce(count: number, workers: number): Promise<{ ms: number; clean: boolean }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const lab = await startScaleLab(count, dir);
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
      },
      1_800_000,
    );
    const ms = Date.now() - started;
    const totals = (JSON.parse(readFileSync(summaryFile, 'utf8')) as { totals: Record<string, number> }).totals;
    return { ms, clean: run.status === 0 && totals.passed === count * 15 - (totals.skipped ?? 0) };
  } finally {
    await lab.close();
  }
}

export async function benchScale(counts: number[] = [10, 30, 60]): Promise<void> {
  console.log(
    `\nscale: N clean sites of ${SCALE_PAGES.length} pages and 2 extra hosts each (npx playwright test, wall time including start-up)`,
  );
  console.log('   N  workers      run   per site   per page   2 workers / 1');
  for (const count of counts) {
    const times: number[] = [];
    for (const workers of [1, 2]) {
      const { ms, clean } = await scanOnce(count, workers);
      times.push(ms);
      const ratio = workers === 2 ? `${(times[0]! / ms).toFixed(2)}x faster` : '';
      console.log(
        `${String(count).padStart(4)}  ${String(workers).padStart(7)}  ${s(ms).padStart(7)}  ${s(ms / count).padStart(9)}  ${s(ms / (count * SCALE_PAGES.length)).padStart(9)}   ${ratio}${clean ? '' : '  (NOT CLEAN: some check did not pass)'}`,
      );
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const counts = process.argv.slice(2).map(Number);
  await benchScale(counts.length > 0 ? counts : undefined);
}
