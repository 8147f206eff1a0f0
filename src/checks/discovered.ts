// Findings on what discovery found say where its name came from: a finding or an unmeasured
// target on a discovered host gets "(discovered: SAN of the certificate of www.shop.example.com)".
// One wrapper for every check, so that no check needs to know how a host was found: it reads the
// `origin` the collection put on discovered hosts. Crawled pages say it through where.ts.
import type { Check } from '../model/check.ts';
import type { EvidenceKind, SiteEvidence } from '../model/evidence.ts';
import type { CheckOutcome } from '../model/findings.ts';
import { hostOf } from '../model/url.ts';

function originsOf(evidence: Partial<SiteEvidence>): Map<string, string> {
  const origins = new Map<string, string>();
  for (const h of [...(evidence.transport?.hosts ?? []), ...(evidence.tls?.hosts ?? [])])
    if (h.origin) origins.set(h.host, h.origin);
  return origins;
}

function withOrigins(outcome: CheckOutcome, origins: Map<string, string>): CheckOutcome {
  if (origins.size === 0) return outcome;
  const originOf = (target: string) => origins.get(target) ?? origins.get(hostOf(target));
  const said = (text: string, origin: string | undefined) => (origin ? `${text} (discovered: ${origin})` : text);
  return {
    ...outcome,
    findings: outcome.findings.map((f) => ({ ...f, message: said(f.message, originOf(f.target)) })),
    unmeasured: outcome.unmeasured.map((u) => ({ ...u, reason: said(u.reason, originOf(u.target)) })),
  };
}

export function sayingWhereDiscovered<K extends EvidenceKind>(check: Check<K>): Check<K> {
  return { ...check, run: (site, evidence) => withOrigins(check.run(site, evidence), originsOf(evidence)) };
}
