// Which collector produces each kind of evidence. A check names the kinds it needs; only
// those are collected, once per site and run, in the collection process (see service.ts).
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { ScanConfig, Site } from '../model/site.ts';
import { loadTrustStore } from '../config/trust-store.ts';
import { launchScanBrowser } from '../browser/launch.ts';
import type { NetContext } from '../net/net-context.ts';
import { collectTransport } from '../probes/transport.ts';
import { collectPages } from '../driving/pages.ts';
import { collectTls } from '../probes/tls.ts';
import type { EvidenceKind, SiteEvidence } from '../model/evidence.ts';

export interface CollectDeps {
  config: ScanConfig;
  net: NetContext;
  browser: () => Promise<Browser>;
  /** A private folder of the run: screenshots go below it. */
  workDir: string;
}

type Collectors = { [K in EvidenceKind]: (deps: CollectDeps, site: Site) => Promise<SiteEvidence[K]> };

/** Screenshots of a site are filed by its position in the sites file: names can hold anything. */
const screenshotDir = (deps: CollectDeps, site: Site): string =>
  path.join(deps.workDir, 'screenshots', `site-${deps.config.sites.indexOf(site) + 1}`);

export const COLLECTORS: Collectors = {
  transport: (deps, site) => collectTransport(deps.net, site),
  pages: async (deps, site) =>
    collectPages(await deps.browser(), site, {
      timeouts: deps.config.timeouts,
      screenshotDir: screenshotDir(deps, site),
      secrets: deps.config.secrets,
    }),
  tls: (deps, site) => collectTls(deps.net, site),
};

/** Everything collectors need for one sites file; the browser starts only when first asked for. */
export function createCollectDeps(config: ScanConfig, workDir: string): { deps: CollectDeps; close(): Promise<void> } {
  const trust = loadTrustStore(config.caFile);
  const net: NetContext = { connectTo: config.connectTo, ca: trust.ca, timeouts: config.timeouts };
  let browser: Promise<Browser> | undefined;
  // The browser's own HOME and certificate database live in the run's folder.
  const launch = async () => (await launchScanBrowser(config, trust, net, path.join(workDir, 'browser'))).browser;
  return {
    deps: { config, net, workDir, browser: () => (browser ??= launch()) },
    close: async () => {
      if (browser) await (await browser).close().catch(() => {});
    },
  };
}
