// Which collector produces each kind of evidence. A check names the kinds it needs;
// only those are collected, once per site and run.
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type { ScanConfig, Site } from '../config/load.ts';
import type { NetContext } from '../collectors/net-context.ts';
import { collectTransport } from '../collectors/transport.ts';
import { collectPages } from '../collectors/pages.ts';
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
};
