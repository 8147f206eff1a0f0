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
import type { EvidenceKind, SiteEvidence } from '../model/evidence.ts';
import { collectAllKinds, COLLECTORS, collectionBoundMs, type CollectDeps } from './collect.ts';
import type { PlanEntry, RunConfig } from './protocol.ts';
import { redactDeep, redactor } from '../model/redact.ts';

/** Network probes of this many sites run at once (each bounded per host and per run by the collectors). */
const NETWORK_SITES_AT_ONCE = 8;
const FIRST = Number.MAX_SAFE_INTEGER;

/** The queue id of all the evidence of a site with discovery on, for one attempt. */
const runId = (site: Site, attempt: number): string => `${site.name}\n*\n${attempt}`;

/** A job still waiting goes next. */
function toFront(queue: PQueue, id: string): void {
  try {
    queue.setPriority(id, FIRST);
  } catch {
    // Already running or done.
  }
}

export class CollectionService {
  private readonly browserQueue: PQueue;
  private readonly networkQueue = new PQueue({ concurrency: NETWORK_SITES_AT_ONCE });
  /** site/kind/attempt -> the redacted evidence as JSON text. */
  private readonly jobs = new Map<string, Promise<string>>();
  /** site/attempt of a site with discovery on -> all its evidence, collected together. */
  private readonly discoveryRuns = new Map<string, Promise<SiteEvidence>>();
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
    const t = this.config.timeouts;
    // A site with discovery on does its browser work (and more) in its discovery run.
    const size = (s: Site) => Math.max(COLLECTORS.pages.boundMs(s, t), COLLECTORS.discovery.boundMs(s, t));
    const sized = entries.flatMap(({ site: name, kinds }) => {
      const site = this.sites.get(name);
      return site ? [{ name, kinds, size: size(site), order: this.planned++ }] : [];
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
    const site = this.sites.get(siteName);
    if (!site) return Promise.reject(new Error(`no site named "${siteName}"`));
    const existing = this.jobs.get(id);
    if (existing) {
      // Asked for by a test while still waiting in the plan: it goes next.
      if (priority === FIRST)
        if (site.discover) toFront(this.browserQueue, runId(site, attempt));
        else toFront(kind === 'pages' ? this.browserQueue : this.networkQueue, id);
      return existing;
    }
    const queue = kind === 'pages' ? this.browserQueue : this.networkQueue;
    const job = site.discover
      ? this.fromDiscovery(site, kind, attempt, priority)
      : (queue.add(() => this.collect(site, kind, attempt, () => COLLECTORS[kind].collect(this.deps, site)), {
          id,
          priority,
        }) as Promise<string>);
    this.jobs.set(id, job);
    return job;
  }

  /**
   * A site with discovery on is collected once per attempt, every kind together (its kinds
   * depend on each other, see discover.ts), as browser work; each kind is its share of that.
   */
  private fromDiscovery(site: Site, kind: EvidenceKind, attempt: number, priority: number): Promise<string> {
    const id = runId(site, attempt);
    let run = this.discoveryRuns.get(id);
    if (!run) {
      run = this.browserQueue.add(() => collectAllKinds(this.deps, site), { id, priority }) as Promise<SiteEvidence>;
      this.discoveryRuns.set(id, run);
    } else if (priority === FIRST) toFront(this.browserQueue, id);
    const all = run;
    return this.collect(site, kind, attempt, async () => (await all)[kind]);
  }

  private async collect(
    site: Site,
    kind: EvidenceKind,
    attempt: number,
    gather: () => Promise<SiteEvidence[EvidenceKind]>,
  ): Promise<string> {
    const started = Date.now();
    const value = await gather();
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
