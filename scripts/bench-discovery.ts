// What discovery costs: one site of 30 pages and 10 extra hosts, scanned once with everything
// listed and discovery off, then from its home page alone with discovery on (the other 29 pages
// found by the crawl, the 10 hosts by its certificate). Printed, never asserted.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLabPki } from '../lab/server.ts';
import { issue } from '../lab/pki.ts';
import { page, redirect } from '../lab/respond.ts';
import { loadScanConfig } from '../src/config/load.ts';
import { CHECKS } from '../src/checks/index.ts';
import { type CollectDeps, createCollectDeps } from '../src/evidence/collect.ts';
import type { Site } from '../src/model/site.ts';
import type { SitesFileInput } from '../src/config/schema.ts';

const DOMAIN = 'disco-bench.lab.test';
const MAIN = `www.${DOMAIN}`;
const PAGES = ['/', ...Array.from({ length: 29 }, (_, i) => `/p${i + 1}`)];
const HOSTS = Array.from({ length: 10 }, (_, i) => `h${i + 1}.${DOMAIN}`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchDiscovery(timeSite: (deps: CollectDeps, site: Site) => Promise<number>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-discovery-'));
  const pki = await createLabPki();
  const leaf = await issue({ commonName: MAIN, sans: [MAIN, `*.${DOMAIN}`, ...HOSTS] }, pki.intermediate);
  const nav = PAGES.map((p) => `<a href="${p}">${p}</a>`).join(' ');
  const servers = [
    https.createServer({ key: leaf.keyPem, cert: leaf.certPem + pki.intermediate.certPem }, (req, res) =>
      page(res, `bench ${req.url}`, `<nav>${nav}</nav>`),
    ),
    http.createServer((req, res) =>
      redirect(res, 301, `https://${(req.headers.host ?? '').replace(/:\d+$/, '')}${req.url}`, { hsts: null }),
    ),
  ];
  const ports = await Promise.all(
    servers.map(
      (s) =>
        new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port))),
    ),
  );
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, pki.root.certPem);
  const file: SitesFileInput = {
    ca: caFile,
    connectTo: { [`*.${DOMAIN}:443`]: `127.0.0.1:${ports[0]}`, [`*.${DOMAIN}:80`]: `127.0.0.1:${ports[1]}` },
    sites: [
      { name: 'listed', url: `https://${MAIN}/`, subdomains: HOSTS, pages: PAGES },
      {
        name: 'discovered',
        url: `https://${MAIN}/`,
        pages: ['/'],
        discover: { maxHosts: HOSTS.length, pages: { maxPages: PAGES.length - 1, maxDepth: 1 } },
      },
    ],
  };
  const sitesFile = path.join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify(file));
  const config = loadScanConfig(CHECKS, sitesFile);
  const { deps, close } = createCollectDeps(config, dir);
  try {
    await deps.browser();
    console.log(
      `\ndiscovery: a site of ${PAGES.length} pages and ${HOSTS.length} extra hosts (default timeouts), every check:`,
    );
    const [listed, discovered] = config.sites;
    const listedMs = await timeSite(deps, listed!);
    console.log(`  all listed, discovery off:                    ${seconds(listedMs)}`);
    const discoveredMs = await timeSite(deps, discovered!);
    console.log(
      `  home page only, discovery on (29 pages crawled, 10 hosts from the SAN): ${seconds(discoveredMs)} (${(discoveredMs / listedMs).toFixed(2)}x)`,
    );
  } finally {
    await close();
    for (const s of servers) {
      (s as http.Server).closeAllConnections?.();
      await new Promise((r) => s.close(r));
    }
  }
}
