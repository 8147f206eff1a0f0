// Which collector produces each kind of evidence. A check names the kinds it needs;
// only those are collected, once per site and run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { ScanConfig, Site } from '../config/load.ts';
import { loadTrustStore } from '../net/trust.ts';
import { launchScanBrowser } from '../browser/launch.ts';
import type { NetContext } from '../collectors/net-context.ts';
import { collectTransport } from '../collectors/transport.ts';
import { collectPages } from '../collectors/pages.ts';
import { collectTls } from '../collectors/tls.ts';
import type { EvidenceKind, SiteEvidence } from '../collectors/types.ts';

export interface CollectDeps {
  config: ScanConfig;
  net: NetContext;
  browser: () => Promise<Browser>;
  /** Where collectors write files the report attaches (screenshots). */
  artifactsDir: string;
}

type Collectors = { [K in EvidenceKind]: (deps: CollectDeps, site: Site) => Promise<SiteEvidence[K]> };

export const COLLECTORS: Collectors = {
  transport: (deps, site) => collectTransport(deps.net, site),
  pages: async (deps, site) => collectPages(await deps.browser(), site, deps.config.timeouts, path.join(deps.artifactsDir, 'screenshots')),
  tls: (deps, site) => collectTls(deps.net, site),
};

/** Everything collectors need for one sites file; the browser starts only when first asked for. */
export function createCollectDeps(config: ScanConfig, artifactsDir: string): { deps: CollectDeps; close(): Promise<void> } {
  const trust = loadTrustStore(config.caFile);
  const net: NetContext = { connectTo: config.connectTo, ca: trust.ca, timeouts: config.timeouts };
  let browser: Promise<Browser> | undefined;
  // The browser's own HOME and certificate database live here until it closes.
  let browserDir: string | undefined;
  const launch = async () => {
    browserDir = mkdtempSync(path.join(os.tmpdir(), 'scan-browser-'));
    return (await launchScanBrowser(config, trust, net, browserDir)).browser;
  };
  return {
    deps: { config, net, artifactsDir, browser: () => (browser ??= launch()) },
    close: async () => {
      if (browser) await (await browser).close().catch(() => {});
      if (browserDir) rmSync(browserDir, { recursive: true, force: true });
    },
  };
}
