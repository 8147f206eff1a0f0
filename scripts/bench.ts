// `npm run bench`: wall times of scanning the local test sites.
//  1. Per site, in process: collect every kind of evidence the checks need and run every check.
//  2. The certificate and TLS checks alone, beside sslscan (scripts/bench-tls.ts).
//  3. The whole scan as users run it (npx playwright test), with 1 and with 2 workers.
// Target (issue 2): a site with three pages and two extra hosts ("good") in under 5 s.
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { startLab } from '../lab/server.ts';
import { freePortBase } from '../lab/ports.ts';
import { labSitesFile } from '../lab/sites-file.ts';
import { LAB_SITES } from '../lab/sites/index.ts';
import { scanLab } from '../lab/run-scan.ts';
import { benchTls } from './bench-tls.ts';
import { loadScanConfig } from '../src/config/load.ts';
import { COLLECTORS, createCollectDeps } from '../src/evidence/collect.ts';
import { CHECKS } from '../src/checks/index.ts';
import type { EvidenceKind } from '../src/collectors/types.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function perSite(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const portBase = await freePortBase(LAB_SITES);
  const lab = await startLab(portBase, dir);
  const sitesFile = path.join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify(labSitesFile(portBase, lab.caFile)));
  const config = loadScanConfig(sitesFile);
  const { deps, close } = createCollectDeps(config, dir);
  const kinds = [...new Set(CHECKS.flatMap((c) => c.needs))] as EvidenceKind[];
  try {
    const warm = Date.now();
    await deps.browser();
    console.log(`browser start (once per worker): ${seconds(Date.now() - warm)}`);
    console.log('\nper site, all evidence kinds collected concurrently, then every check:');
    for (const site of config.sites) {
      const started = Date.now();
      const evidence = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await COLLECTORS[k](deps, site)])));
      for (const check of CHECKS) check.run(site, evidence);
      const ms = Date.now() - started;
      const shape = `${site.pages.length} page(s), ${site.hosts.length - 1} extra host(s)`;
      console.log(`  ${site.name.padEnd(20)} ${seconds(ms).padStart(8)}   ${shape}${site.name === 'good' ? `   (target < 5 s: ${ms < 5000 ? 'met' : 'MISSED'})` : ''}`);
    }
  } finally {
    await close();
    await lab.close();
  }
}

async function fullRuns(): Promise<void> {
  console.log('\nfull scan (npx playwright test on the lab, wall time including start-up):');
  for (const workers of [1, 2]) {
    const started = Date.now();
    const scan = await scanLab([], { WORKERS: String(workers) });
    await scan.lab.close();
    const checks = scan.summary.sites.reduce((n, s) => n + s.checks.length, 0);
    console.log(`  ${workers} worker(s): ${seconds(Date.now() - started)} for ${scan.summary.sites.length} sites, ${checks} site x check tests`);
  }
}

await perSite();
console.log('');
await benchTls();
await fullRuns();
