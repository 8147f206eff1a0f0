// Times the TLS evidence and the six certificate/TLS checks against the lab on loopback:
// one host, a site of five hosts, and sslscan on the same host for comparison.
// Alone: `npx tsx scripts/bench-tls.ts`; `npm run bench` calls benchTls().
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLab } from '../lab/server.ts';
import { freePortBase, labPorts } from '../lab/ports.ts';
import { labSitesFile } from '../lab/sites-file.ts';
import { LAB_SITES } from '../lab/sites/index.ts';
import { LAB_ENV } from '../lab/credentials.ts';
import { parseScanConfig } from '../src/config/load.ts';
import type { Site } from '../src/model/site.ts';
import { loadTrustStore } from '../src/config/trust-store.ts';
import { collectTls } from '../src/probes/tls.ts';
import type { NetContext } from '../src/net/net-context.ts';
import { CHECKS } from '../src/checks/index.ts';
import type { Check } from '../src/model/check.ts';

const RUNS = 5;
const TLS_CHECKS = CHECKS.filter((c): c is Check<'tls'> => c.needs.every((k) => k === 'tls'));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

async function timeTlsChecks(ctx: NetContext, site: Site): Promise<number> {
  const started = performance.now();
  const tls = await collectTls(ctx, site);
  for (const check of TLS_CHECKS) check.run(site, { tls });
  return performance.now() - started;
}

function timeSslscan(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('sslscan', ['--no-colour', `--sni-name=${host}`, `127.0.0.1:${port}`], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

async function repeat(times: number, run: () => Promise<number>): Promise<{ first: number; median: number }> {
  const all: number[] = [];
  for (let i = 0; i < times; i++) all.push(await run());
  return { first: all[0]!, median: median(all.slice(1)) };
}

export async function benchTls(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
  const base = await freePortBase(LAB_SITES);
  const lab = await startLab(base, dir);
  try {
    const config = parseScanConfig(
      CHECKS,
      JSON.stringify(labSitesFile(base, lab.caFile, LAB_SITES, dir)),
      path.join(dir, 'sites.json'),
      { ...LAB_ENV },
    );
    const ctx: NetContext = {
      connectTo: config.connectTo,
      ca: loadTrustStore(config.caFile).ca,
      timeouts: config.timeouts,
    };
    const flaws = config.sites.find((s) => s.name === 'certificate-flaws')!;
    const oneHost: Site = { ...flaws, hosts: flaws.hosts.slice(0, 1) };
    const fiveHosts: Site = { ...flaws, hosts: flaws.hosts.slice(0, 5) };

    console.log(
      `TLS checks (${TLS_CHECKS.map((c) => c.id).join(', ')}): evidence + checks, first run and median of ${RUNS - 1} more`,
    );
    for (const [label, site] of [
      ['1 host', oneHost],
      ['5 hosts', fiveHosts],
      [`${flaws.hosts.length} hosts`, flaws],
    ] as const) {
      const t = await repeat(RUNS, () => timeTlsChecks(ctx, site));
      console.log(`  ${label.padEnd(9)} first ${ms(t.first).padStart(7)}   median ${ms(t.median).padStart(7)}`);
    }

    if (spawnSync('sslscan', ['--version']).error) {
      console.log('  sslscan   not on PATH (Debian package "sslscan"): no comparison');
    } else {
      const host = oneHost.hosts[0]!;
      const port = labPorts(base, LAB_SITES).https.get(host)!;
      const t = await repeat(RUNS, () => timeSslscan(port, host));
      console.log(
        `  sslscan   first ${ms(t.first).padStart(7)}   median ${ms(t.median).padStart(7)}   (same host, 127.0.0.1:${port} --sni-name=${host})`,
      );
    }
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await benchTls();
