// The hosts discovery found, kept between scheduled runs (like the Allure history), so that
// summary.md says what is new since the last run and what disappeared. A site's hosts are
// replaced only when the run scanned its discovery check; a host missing from a run in which
// one of the site's sources failed may only be unseen, so it is kept, not called gone.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DiscoveryEvidence } from '../model/evidence.ts';

export const DISCOVERY_HISTORY_ENV = 'DISCOVERY_HISTORY_PATH';
export const DEFAULT_DISCOVERY_HISTORY = 'discovery-history/hosts.json';

export interface HistoryHost {
  site: string;
  host: string;
  /** Where it was first found. */
  origin: string;
  firstSeen: string;
  lastSeen: string;
}

export interface DiscoveryHistory {
  version: 1;
  hosts: HistoryHost[];
}

export interface DiscoveryChange {
  site: string;
  host: string;
  change: 'new' | 'gone';
  /** Where it was found (new), or first found (gone). */
  origin: string;
  /** For a host gone: the last run that found it. */
  lastSeen?: string;
}

/** What one run's discovery of a site found (from its discovery check's evidence). */
export interface SiteDiscovery {
  site: string;
  evidence: DiscoveryEvidence;
}

export function updateHistory(
  previous: DiscoveryHistory | undefined,
  runs: SiteDiscovery[],
  now: string,
): { history: DiscoveryHistory; changes: DiscoveryChange[] } {
  const before = previous?.hosts ?? [];
  const scanned = new Set(runs.filter((r) => r.evidence.enabled).map((r) => r.site));
  const hosts = before.filter((h) => !scanned.has(h.site));
  const changes: DiscoveryChange[] = [];
  for (const { site, evidence } of runs) {
    if (!evidence.enabled) continue;
    const known = new Map(before.filter((h) => h.site === site).map((h) => [h.host, h]));
    const firstRun = known.size === 0 && !before.some((h) => h.site === site);
    const found = new Set<string>();
    for (const { host, origin } of evidence.hosts) {
      found.add(host);
      const was = known.get(host);
      hosts.push({ site, host, origin: was?.origin ?? origin, firstSeen: was?.firstSeen ?? now, lastSeen: now });
      // A site's first run records what it finds: nothing is "new" against no history.
      if (!was && !firstRun) changes.push({ site, host, change: 'new', origin });
    }
    const complete = evidence.sources.every((s) => s.status !== 'failed');
    for (const was of known.values()) {
      if (found.has(was.host)) continue;
      if (complete) changes.push({ site, host: was.host, change: 'gone', origin: was.origin, lastSeen: was.lastSeen });
      else hosts.push(was);
    }
  }
  hosts.sort((a, b) => (a.site === b.site ? (a.host < b.host ? -1 : 1) : a.site < b.site ? -1 : 1));
  return { history: { version: 1, hosts }, changes };
}

export const historyFile = (env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(env[DISCOVERY_HISTORY_ENV] || DEFAULT_DISCOVERY_HISTORY);

/** The previous history; a missing or unreadable file is no history (the run then starts one). */
export function readHistory(file: string): DiscoveryHistory | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as DiscoveryHistory;
    return value.version === 1 && Array.isArray(value.hosts) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeHistory(file: string, history: DiscoveryHistory): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(history, null, 2)}\n`);
}

/** summary.md's lines: "new host: admin.shop.example.com (shop), from the SAN of ...". */
export const changeLine = (c: DiscoveryChange): string =>
  c.change === 'new'
    ? `new host: ${c.host} (${c.site}), from ${c.origin}`
    : `gone: ${c.host} (${c.site}), no longer found (first found: ${c.origin}; last seen ${c.lastSeen})`;
