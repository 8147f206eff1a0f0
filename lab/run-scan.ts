// Runs the real scan (npx playwright test, real Chromium, real TLS) against the lab started
// on free ports, and returns the summary.json it wrote. Used by the integration tests and the benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab, type RunningLab } from './server.ts';
import { freePortBase } from './ports.ts';
import { labSitesFile } from './sites-file.ts';
import { LAB_SITES } from './sites/index.ts';
import { LAB_ENV } from './credentials.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Summary {
  version: number;
  startedAt: string;
  finishedAt: string;
  sitesFile: string;
  environment: Record<string, string>;
  sites: { name: string; url: string; checks: SummaryCheck[] }[];
}
export interface SummaryCheck {
  id: string;
  status: string;
  findings: { code: string; severity: string; message: string; target: string }[];
  unmeasured?: { target: string; reason: string }[];
  notes?: string[];
}

export interface LabScan {
  summary: Summary;
  exitCode: number | null;
  output: string;
  dir: string;
  lab: RunningLab;
}

/**
 * Only a safety net against a hung run, never a measure of speed: on a shared 2-core machine with
 * other test runs about (load average 12 measured), a whole lab scan under CPU load took 5.3 minutes.
 */
const WHOLE_SCAN_LIMIT_MS = 20 * 60_000;

export async function scanLab(extraArgs: string[] = [], env: Record<string, string> = {}): Promise<LabScan> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lab-scan-'));
  const base = await freePortBase(LAB_SITES);
  const lab = await startLab(base, dir);
  const sitesFile = path.join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify(labSitesFile(base, lab.caFile, LAB_SITES, dir), null, 2));
  const summaryFile = path.join(dir, 'summary.json');
  // Asynchronous on purpose: the lab serves from this process while the scan runs.
  const run = await runScan(
    [
      '--reporter=line,./reporters/plan-reporter.ts,./reporters/summary-reporter.ts',
      `--output=${path.join(dir, 'test-results')}`,
      ...extraArgs,
    ],
    {
      ...LAB_ENV,
      SITES_FILE: sitesFile,
      SUMMARY_FILE: summaryFile,
      DISCOVERY_HISTORY_PATH: path.join(dir, 'discovery-history.json'),
      LAB: '0',
      ...env,
    },
    WHOLE_SCAN_LIMIT_MS,
  );
  const output = run.output;
  let summary: Summary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  } catch {
    await lab.close();
    throw new Error(`the scan wrote no summary (exit ${run.status}):\n${output}`);
  }
  return { summary, exitCode: run.status, output, dir, lab };
}

/** `npx playwright test ARGS` in the repo, with extra environment; never rejects. */
export function runScan(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 300_000,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    // Its own process group, so a timeout kills Playwright too: killing npx alone left a hung
    // Playwright holding the output pipes open, and the run never ended.
    const child = spawn('npx', ['playwright', 'test', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}
