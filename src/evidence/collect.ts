// Which collector produces each kind of evidence. A check names the kinds it needs; only
// those are collected, once per site and run, in the collection process (see service.ts).
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { ScanConfig, Site } from '../model/site.ts';
import { loadTrustStore } from '../config/trust-store.ts';
import { launchScanBrowser } from '../browser/launch.ts';
import type { NetContext } from '../net/net-context.ts';
import type { Timeouts } from '../model/defaults.ts';
import { collectTransport, transportBoundMs } from '../probes/transport.ts';
import { collectPages, pagesBoundMs } from '../driving/collect-pages.ts';
import { collectTls, tlsBoundMs } from '../probes/tls.ts';
import { apisBoundMs, collectApis, extraTlsHosts, type ApiToAsk } from '../probes/apis.ts';
import { OPENAPI_READ_MS, readOpenApi } from '../config/openapi.ts';
import type { EvidenceKind, SiteEvidence } from '../model/evidence.ts';
import type { BrowserCollectOptions } from '../driving/lanes.ts';
import { collectWithDiscovery, DISCOVERY_OFF, discoveryBoundMs } from './discover.ts';

export interface CollectDeps {
  config: ScanConfig;
  net: NetContext;
  browser: () => Promise<Browser>;
  /** A private folder of the run: screenshots go below it. */
  workDir: string;
}

interface Collector<K extends EvidenceKind> {
  collect(deps: CollectDeps, site: Site): Promise<SiteEvidence[K]>;
  /** The most collecting it can take, from the bounds the collector keeps where it schedules its work. */
  boundMs(site: Site, t: Timeouts): number;
}

type Collectors = { [K in EvidenceKind]: Collector<K> };

/** Screenshots of a site are filed by its position in the sites file: names can hold anything. */
const screenshotDir = (deps: CollectDeps, site: Site): string =>
  path.join(deps.workDir, 'screenshots', `site-${deps.config.sites.indexOf(site) + 1}`);

/** A site's APIs with their OpenAPI documents' plans (each document read once per process). */
const apisToAsk = (site: Site): Promise<ApiToAsk[]> =>
  Promise.all(
    (site.apis ?? []).map(async (api) => ({
      api,
      ...(api.openapi === undefined ? {} : { document: await readOpenApi(api.openapi) }),
    })),
  );

const browserOptions = (deps: CollectDeps, site: Site): BrowserCollectOptions => ({
  timeouts: deps.config.timeouts,
  screenshotDir: screenshotDir(deps, site),
  secrets: deps.config.secrets,
});

/**
 * Every kind of a site with discovery on, collected together (discover.ts): names found by one
 * kind feed the others. The collection service asks this once per site and attempt.
 */
export const collectAllKinds = (deps: CollectDeps, site: Site): Promise<SiteEvidence> =>
  collectWithDiscovery(
    {
      net: deps.net,
      browser: deps.browser,
      browserOptions: browserOptions(deps, site),
      secrets: deps.config.secrets,
      listed: (kind) => COLLECTORS[kind].collect(deps, site),
    },
    site,
  );

/** A top-level API's group has no pages or flows: no browser is started for it. */
const NO_PAGES: SiteEvidence['pages'] = { browserVersion: '(no browser: a top-level API)', visits: [], flows: [] };

export const COLLECTORS: Collectors = {
  transport: {
    collect: (deps, site) => collectTransport(deps.net, site, deps.config.secrets),
    boundMs: (_site, t) => transportBoundMs(t),
  },
  pages: {
    collect: async (deps, site) =>
      site.group === 'api' ? NO_PAGES : collectPages(await deps.browser(), site, browserOptions(deps, site)),
    boundMs: pagesBoundMs,
  },
  tls: {
    // The hosts of the site's APIs are probed as its subdomains are.
    collect: async (deps, site) =>
      collectTls(deps.net, { ...site, hosts: [...site.hosts, ...extraTlsHosts(site, await apisToAsk(site))] }),
    boundMs: (_site, t) => OPENAPI_READ_MS + tlsBoundMs(t),
  },
  apis: {
    collect: async (deps, site) => collectApis(deps.net, await apisToAsk(site), deps.config.secrets),
    boundMs: (_site, t) => OPENAPI_READ_MS + apisBoundMs(t),
  },
  discovery: {
    collect: async (deps, site) => (site.discover ? (await collectAllKinds(deps, site)).discovery : DISCOVERY_OFF),
    boundMs: (site, t) => discoveryBoundMs(site, t, listedBoundMs(site, t)),
  },
};

/** The slowest kind the scan collects for a site's listed hosts and pages. */
const listedBoundMs = (site: Site, t: Timeouts): number =>
  Math.max(...(['transport', 'pages', 'tls', 'apis'] as const).map((kind) => COLLECTORS[kind].boundMs(site, t)));

/**
 * How long collecting a site can take at most. A test waiting for its site's evidence is given
 * this much time on top of its own timeout, so that a large site is never cut off by Playwright
 * while a hung collection still cannot hold a run: the slowest kind, twice (waiting for a slot
 * behind one other site, then collecting this one), and half a minute of margin.
 */
export function collectionBoundMs(site: Site, t: Timeouts): number {
  const kinds = Object.values(COLLECTORS) as Collector<EvidenceKind>[];
  return 2 * Math.max(...kinds.map((c) => c.boundMs(site, t))) + 30_000;
}

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
