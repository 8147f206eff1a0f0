// Times the API evidence and api-transport against the lab's APIs on loopback: per lab API, and
// an API of 20 endpoints (the most one API is asked), each as the cost per endpoint (an https
// request with its credentials and its http:// twin). Printed, never asserted.
// Alone: `npx tsx scripts/bench-apis.ts`; `npm run bench` calls benchApis().
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLab } from '../lab/server.ts';
import { freePortBase } from '../lab/ports.ts';
import { labSitesFile } from '../lab/sites-file.ts';
import { LAB_SITES } from '../lab/sites/index.ts';
import { supplyLabEnv } from '../lab/credentials.ts';
import { loadScanConfig } from '../src/config/load.ts';
import { CHECKS } from '../src/checks/index.ts';
import { apiTransport } from '../src/checks/api-transport.ts';
import { COLLECTORS, createCollectDeps, type CollectDeps } from '../src/evidence/collect.ts';
import { MAX_CALLS_PER_API } from '../src/probes/apis.ts';
import type { Site } from '../src/model/site.ts';

const RUNS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

/** Median time of collecting a site's API evidence and judging it, and how many requests it made. */
async function timeApis(deps: CollectDeps, site: Site): Promise<{ ms: number; calls: number }> {
  const times: number[] = [];
  let calls = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const apis = await COLLECTORS.apis.collect(deps, site);
    apiTransport.run(site, { apis });
    times.push(performance.now() - started);
    calls = apis.apis.reduce((n, a) => n + a.calls.length, 0);
  }
  return { ms: median(times), calls };
}

export async function benchApis(): Promise<void> {
  const sites = LAB_SITES.filter((s) => s.apis || s.topLevelApi);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-apis-'));
  const base = await freePortBase(sites);
  const lab = await startLab(base, dir, sites);
  supplyLabEnv();
  const file = path.join(dir, 'sites.json');
  writeFileSync(file, JSON.stringify(labSitesFile(base, lab.caFile, sites, dir)));
  const config = loadScanConfig(CHECKS, file);
  const { deps, close } = createCollectDeps(config, dir);
  try {
    console.log(
      `APIs (api-transport evidence and verdict, median of ${RUNS}; a request is an https call with its credentials and its http:// twin, side by side):`,
    );
    for (const site of config.sites.filter((s) => s.apis)) {
      const { ms: took, calls } = await timeApis(deps, site);
      console.log(
        `  ${site.name.padEnd(18)} ${ms(took).padStart(7)} for ${calls} request(s): ${ms(took / Math.max(calls, 1))} per endpoint`,
      );
    }
    // The most one API is asked: MAX_CALLS_PER_API endpoints of the clean API, 4 at a time.
    const clean = config.sites.find((s) => s.name === 'api-clean')!;
    const api = clean.apis![0]!;
    const full: Site = {
      ...clean,
      apis: [
        {
          ...api,
          openapi: undefined,
          endpoints: Array.from({ length: MAX_CALLS_PER_API }, (_, i) => ({
            url: `https://clean.api.lab.test/v1/status?n=${i}`,
            method: 'GET',
            headers: {},
          })),
        },
      ],
    };
    const { ms: took, calls } = await timeApis(deps, full);
    console.log(`  ${MAX_CALLS_PER_API} endpoints of one API: ${ms(took)}, ${ms(took / calls)} per endpoint`);
  } finally {
    await close();
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchApis();
