// The collection phase of a run. All evidence of a run is collected here, in one process
// apart from Playwright's test workers, so that no verdict can slow it down: a failing check
// makes Playwright replace its worker, but never costs a browser launch or a new collection.
// It also keeps collection out of the test runner's own recording: browser steps (which
// Playwright titles with their arguments, typed secrets included) never become test steps or
// trace entries. Evidence is collected once per site, kind and attempt, and redacted before
// it leaves this process.
//
// Scheduling: the run's plan (which site x check tests this run holds, after --grep and
// --shard) lists the sites; browser work runs for `sitesAtOnce` sites at a time (two per
// worker), largest first, network probes as soon as planned. A test that asks for evidence
// not started yet moves it to the front. Without a plan, evidence is collected on demand.
import PQueue from 'p-queue';
import type { ScanConfig, Site } from '../model/site.ts';
import type { EvidenceKind } from '../model/evidence.ts';
import { COLLECTORS, collectionBoundMs, type CollectDeps } from './collect.ts';
import type { PlanEntry, RunConfig } from './protocol.ts';
import { redactDeep, redactor } from '../model/redact.ts';

/** Network probes of this many sites run at once (each bounded per host and per run by the collectors). */
const NETWORK_SITES_AT_ONCE = 8;
const FIRST = Number.MAX_SAFE_INTEGER;

export class CollectionService {
  private readonly browserQueue: PQueue;
  private readonly networkQueue = new PQueue({ concurrency: NETWORK_SITES_AT_ONCE });
  /** site/kind/attempt -> the redacted evidence as JSON text. */
  private readonly jobs = new Map<string, Promise<string>>();
  private readonly sites: Map<string, Site>;
  private readonly clean: (text: string) => string;
  private planned = 0;

  constructor(
    private readonly config: ScanConfig,
    private readonly deps: CollectDeps,
    sitesAtOnce: number,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {
    this.browserQueue = new PQueue({ concurrency: Math.max(1, sitesAtOnce) });
    this.sites = new Map(config.sites.map((s) => [s.name, s]));
    this.clean = redactor(config.secrets);
  }

  /**
   * Schedules what the run's tests will need: the largest sites first (by the most their
   * browser work can take: pages per lane and flow steps), so that a long site does not start
   * last and hold the run's end; equal sites in test order.
   */
  plan(entries: PlanEntry[]): void {
    const sized = entries.flatMap(({ site: name, kinds }) => {
      const site = this.sites.get(name);
      return site
        ? [{ name, kinds, size: COLLECTORS.pages.boundMs(site, this.config.timeouts), order: this.planned++ }]
        : [];
    });
    // Added largest first: a queue with free slots starts what it is given at once.
    for (const { name, kinds, size, order } of sized.sort((a, b) => b.size - a.size || a.order - b.order)) {
      for (const kind of kinds) this.schedule(name, kind, 0, size - order / 1000);
    }
  }

  /** The resolved sites file and each site's collection bound, for the test workers (run-config.ts). */
  runConfig(): RunConfig {
    const { sites, timeouts } = this.config;
    return {
      config: this.config,
      collectionBoundMs: Object.fromEntries(sites.map((site) => [site.name, collectionBoundMs(site, timeouts)])),
    };
  }

  /** The evidence (JSON) for a site and kind; attempt > 0 collects it again, once per attempt (a retry). */
  evidence(site: string, kind: EvidenceKind, attempt = 0): Promise<string> {
    if (!this.sites.has(site)) return Promise.reject(new Error(`no site named "${site}" in ${this.config.sitesFile}`));
    if (!(kind in COLLECTORS)) return Promise.reject(new Error(`no evidence kind "${kind}"`));
    return this.schedule(site, kind, attempt, FIRST);
  }

  private schedule(siteName: string, kind: EvidenceKind, attempt: number, priority: number): Promise<string> {
    const id = `${siteName}\n${kind}\n${attempt}`;
    const queue = kind === 'pages' ? this.browserQueue : this.networkQueue;
    const existing = this.jobs.get(id);
    if (existing) {
      // Asked for by a test while still waiting in the plan: it goes next.
      if (priority === FIRST) {
        try {
          queue.setPriority(id, FIRST);
        } catch {
          // Already running or done.
        }
      }
      return existing;
    }
    const site = this.sites.get(siteName);
    if (!site) return Promise.reject(new Error(`no site named "${siteName}"`));
    const job = queue.add(() => this.collect(site, kind, attempt), { id, priority }) as Promise<string>;
    this.jobs.set(id, job);
    return job;
  }

  private async collect(site: Site, kind: EvidenceKind, attempt: number): Promise<string> {
    const started = Date.now();
    const value = await COLLECTORS[kind].collect(this.deps, site);
    const json = JSON.stringify(redactDeep(value, this.config.secrets));
    this.log(
      this.clean(
        `  collected ${kind} evidence for ${site.name} in ${Date.now() - started} ms${attempt > 0 ? ` (again, for retry ${attempt})` : ''}`,
      ),
    );
    return json;
  }

  /** Waits for running collections (so the browser is not closed under them). */
  async idle(): Promise<void> {
    this.browserQueue.clear();
    this.networkQueue.clear();
    await Promise.all([this.browserQueue.onIdle(), this.networkQueue.onIdle()]);
  }
}
