// What the runner, the test workers and the run's collection process tell each other over
// loopback (service-main.ts serves it, service-client.ts asks).
import type { EvidenceKind } from '../model/evidence.ts';
import type { ScanConfig } from '../model/site.ts';

/** The evidence a site's tests will need (after --grep and --shard), sent as the run begins. */
export interface PlanEntry {
  site: string;
  kinds: EvidenceKind[];
}

/** What a test worker knows of the run (run-config.ts). */
export interface RunConfig {
  /** The sites file as the collection process resolved it, secrets included (workers redact them). */
  config: ScanConfig;
  /** Per site name: the most its collection can take (collect.ts, collectionBoundMs). */
  collectionBoundMs: Record<string, number>;
}
