// `npm run bench`: wall times of scanning, printed (targets are figures here, never timed tests).
//  1. Per lab site, in process: every kind of evidence collected concurrently, then every check.
//  2. What a login flow and its visit pages add to a site; one page with and without settleMs;
//     the wall time of settling a page whose late content comes at 90% of settleMs (bench-settle.ts).
//  2b. What discovery costs on a site of 30 pages and 10 hosts (scripts/bench-discovery.ts).
//  3. The certificate and TLS checks alone, beside sslscan (scripts/bench-tls.ts); the API
//     requests and api-transport, per endpoint (scripts/bench-apis.ts).
//  4. The whole lab scan as users run it (npx playwright test), with 1 and with 2 workers.
//  5. The scale runs: N clean sites with 1 and 2 workers, and the realistic run of 60 sites a
//     third of which have planted flaws, with the worker start CPU per failing test (scripts/bench-scale.ts).
// `npm run bench -- --quick` leaves out the scale runs.
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { startLab } from '../lab/server.ts';
import { freePortBase } from '../lab/ports.ts';
import { labSitesFile } from '../lab/sites-file.ts';
import { LAB_SITES } from '../lab/sites/index.ts';
import { LAB_ENV, supplyLabEnv } from '../lab/credentials.ts';
import { scanLab } from '../lab/run-scan.ts';
import { startScaleLab } from '../lab/scale.ts';
import { benchTls } from './bench-tls.ts';
import { benchApis } from './bench-apis.ts';
import { benchRealistic, benchScale } from './bench-scale.ts';
import { benchDiscovery } from './bench-discovery.ts';
import { benchSettle } from './bench-settle.ts';
import { loadScanConfig } from '../src/config/load.ts';
import type { ScanConfig, Site } from '../src/model/site.ts';
import { collectAllKinds, COLLECTORS, createCollectDeps, type CollectDeps } from '../src/evidence/collect.ts';
import { collectPages } from '../src/driving/collect-pages.ts';
import { CHECKS } from '../src/checks/index.ts';
import type { EvidenceKind } from '../src/model/evidence.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const KINDS = [...new Set(CHECKS.flatMap((c) => c.needs))] as EvidenceKind[];

async function timeSite(deps: CollectDeps, site: Site): Promise<number> {
  const started = Date.now();
  // A site with discovery on collects every kind together, as the collection process does.
  const evidence = site.discover
    ? await collectAllKinds(deps, site)
    : Object.fromEntries(await Promise.all(KINDS.map(async (k) => [k, await COLLECTORS[k].collect(deps, site)])));
  for (const check of CHECKS) check.run(site, evidence);
  return Date.now() - started;
}

/** The pages evidence of a site, browser already running. */
async function timePages(deps: CollectDeps, config: ScanConfig, site: Site): Promise<number> {
  const started = Date.now();
  await collectPages(await deps.browser(), site, {
    timeouts: config.timeouts,
    screenshotDir: path.join(deps.workDir, 'bench-shots'),
    secrets: config.secrets,
  });
  return Date.now() - started;
}

async function perSite(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const portBase = await freePortBase(LAB_SITES);
  const lab = await startLab(portBase, dir);
  supplyLabEnv();
  const sitesFile = path.join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify(labSitesFile(portBase, lab.caFile, LAB_SITES, dir)));
  const config = loadScanConfig(CHECKS, sitesFile);
  const { deps, close } = createCollectDeps(config, dir);
  try {
    const warm = Date.now();
    await deps.browser();
    console.log(`browser start (once per run): ${seconds(Date.now() - warm)}`);
    console.log(
      `\nper lab site (timeouts as the lab's sites.json: pageMs ${config.timeouts.pageMs}, settleMs ${config.timeouts.settleMs}), all evidence kinds at once, then every check:`,
    );
    for (const site of config.sites) {
      const ms = await timeSite(deps, site);
      const shape = `${site.pages.length} page(s), ${site.flows.length} flow(s), ${site.hosts.length - 1} extra host(s)`;
      console.log(`  ${site.name.padEnd(22)} ${seconds(ms).padStart(8)}   ${shape}`);
    }

    // A login (goto, two fills, a click, a wait) and three pages visited signed in, alone.
    const good = config.sites.find((s) => s.name === 'good')!;
    const login = { ...good.flows.find((f) => f.name === 'login')!, visit: ['/orders', '/account', '/cart'] };
    const flowOnly: Site = { ...good, pages: [], flows: [login] };
    const flowMs = await timePages(deps, config, flowOnly);
    console.log(`\nlogin flow + 3 pages visited signed in (good): ${seconds(flowMs)} (target < 2 s on loopback)`);

    // The same page with the lab's settleMs and with none: what settling costs.
    const onePage: Site = { ...good, pages: ['/about'], flows: [] };
    const settled = await timePages(deps, config, onePage);
    const { deps: unsettled, close: closeUnsettled } = createCollectDeps(
      { ...config, timeouts: { ...config.timeouts, settleMs: 0 } },
      mkdtempSync(path.join(os.tmpdir(), 'bench-unsettled-')),
    );
    await unsettled.browser();
    const bare = await timePages(unsettled, { ...config, timeouts: { ...config.timeouts, settleMs: 0 } }, onePage);
    await closeUnsettled();
    console.log(
      `one page (good /about): ${seconds(settled)} with settleMs ${config.timeouts.settleMs}, ${seconds(bare)} with settleMs 0`,
    );

    // Late content at 90% of settleMs: caught without paying settleMs of wall time.
    const late = config.sites.find((s) => s.name === 'late-content-flaws')!;
    const latest = Math.max(...late.pages.filter((p) => /^\/\d+$/.test(p)).map((p) => Number(p.slice(1))));
    await benchSettle(await deps.browser(), new URL(`/${latest}`, late.url).href, config.timeouts);
  } finally {
    await close();
    await lab.close();
  }
}

/** A site of 5 pages and 2 extra hosts with the default timeouts (settleMs 1500), as the target states it. */
async function fivePageSite(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-five-'));
  const lab = await startScaleLab(1, dir);
  const config = loadScanConfig(CHECKS, lab.sitesFile);
  const { deps, close } = createCollectDeps(config, dir);
  try {
    await deps.browser();
    const ms = await timeSite(deps, config.sites[0]!);
    console.log(`a 5-page site with 2 extra hosts, default timeouts, every check: ${seconds(ms)} (target < 4 s)`);
  } finally {
    await close();
    await lab.close();
  }
}

async function fullRuns(): Promise<void> {
  console.log(`\nfull lab scan (npx playwright test, ${LAB_SITES.length} sites, wall time including start-up):`);
  for (const workers of [1, 2]) {
    const started = Date.now();
    const scan = await scanLab([], { ...LAB_ENV, WORKERS: String(workers) });
    await scan.lab.close();
    const checks = scan.summary.sites.reduce((n, s) => n + s.checks.length, 0);
    console.log(
      `  ${workers} worker(s): ${seconds(Date.now() - started)} for ${scan.summary.sites.length} sites, ${checks} site x check tests`,
    );
  }
}

await perSite();
await fivePageSite();
await benchDiscovery(timeSite);
console.log('');
await benchTls();
await benchApis();
await fullRuns();
if (!process.argv.includes('--quick')) {
  await benchScale();
  await benchRealistic();
}
