// Tells the run's collection process which site x check tests this run holds, after --grep,
// --project and --shard, in the order they will run: it starts collecting at once, site after
// site, instead of waiting for each test to ask. Without this reporter (a user's own
// --reporter list) evidence is still collected, on demand.
import type { Reporter, Suite } from '@playwright/test/reporter';
import { CHECKS } from '../src/checks/index.ts';
import { sendPlan, SERVICE_ENV } from '../src/evidence/service-client.ts';
import type { PlanEntry } from '../src/evidence/protocol.ts';
import type { EvidenceKind } from '../src/model/evidence.ts';

/** Sites in test order with the evidence kinds their selected checks need. */
export function planOf(suite: Suite): PlanEntry[] {
  const kinds = new Map<string, Set<EvidenceKind>>();
  for (const test of suite.allTests()) {
    const check = CHECKS.find((c) => c.id === test.title);
    if (!check) continue;
    const site = test.parent.title;
    const set = kinds.get(site) ?? new Set();
    for (const kind of check.needs) set.add(kind);
    kinds.set(site, set);
  }
  return [...kinds].map(([site, set]) => ({ site, kinds: [...set] }));
}

export default class PlanReporter implements Reporter {
  onBegin(_config: unknown, suite: Suite): void {
    const address = process.env[SERVICE_ENV];
    if (address) sendPlan(address, planOf(suite)).catch(() => {});
  }

  printsToStdio(): boolean {
    return false;
  }
}
