// The certificate expiry overview: every host of every site with the date its served chain
// stops being valid (the soonest certificate of it, usually the leaf) and the days left at
// collection time, soonest first. Shown beside certificate-validity's verdict and in summary.md.
import type { TlsEvidence } from '../model/evidence.ts';
import { Outcome } from '../checks/outcome.ts';
import { hostsWithCertificate, servedCertificates } from '../checks/tls-hosts.ts';
import { table } from './markdown.ts';

const DAY_MS = 86_400_000;

/** Whole days from `now` (ms) until `validTo`; once expired, minus the whole days since (as certificate-validity counts them). */
export const daysLeft = (validTo: string, now: number): number => Math.trunc((Date.parse(validTo) - now) / DAY_MS);

export interface ExpiryRow {
  site: string;
  host: string;
  /** The served certificate that expires first, "(intermediate)" when it is not the leaf. */
  certificate?: string;
  validTo?: string;
  daysLeft?: number;
  expired?: boolean;
  /** Why there is no date: the host sent no certificate. */
  problem?: string;
}

export function certificateExpiry(site: string, tls: TlsEvidence): ExpiryRow[] {
  const unmeasured = new Outcome();
  const now = Date.parse(tls.collectedAt);
  const dated = hostsWithCertificate(unmeasured, tls).map((h): ExpiryRow => {
    const soonest = servedCertificates(h).reduce((a, c) => (Date.parse(c.validTo) < Date.parse(a.validTo) ? c : a));
    return {
      site,
      host: h.host,
      certificate: `${soonest.subject}${soonest === h.chain[0] ? '' : ' (intermediate)'}`,
      validTo: soonest.validTo,
      daysLeft: daysLeft(soonest.validTo, now),
      expired: Date.parse(soonest.validTo) <= now,
    };
  });
  return [...dated, ...unmeasured.done().unmeasured.map((u) => ({ site, host: u.target, problem: u.reason }))];
}

/** Soonest first, hosts without a certificate last; ties by site and host, so any run order gives one list. */
export const bySoonest = (rows: ExpiryRow[]): ExpiryRow[] =>
  [...rows].sort(
    (a, b) =>
      (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY) ||
      a.site.localeCompare(b.site) ||
      a.host.localeCompare(b.host),
  );

const expiryCell = (r: ExpiryRow): string =>
  r.daysLeft === undefined ? '-' : r.expired ? `expired ${Math.abs(r.daysLeft)} day(s) ago` : String(r.daysLeft);

export function expiryMarkdown(rows: ExpiryRow[]): string {
  return table(
    ['days left', 'expires (UTC)', 'site', 'host', 'certificate'],
    bySoonest(rows).map((r) => [
      expiryCell(r),
      r.validTo ? r.validTo.slice(0, 10) : `not measured: ${r.problem ?? ''}`,
      r.site,
      r.host,
      r.certificate ?? '',
    ]),
  );
}
