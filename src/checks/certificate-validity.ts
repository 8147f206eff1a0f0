// certificate-validity: every certificate a host sends is already valid and not expired,
// with days left measured at collection time against the policy: under minCertDaysLeft
// fails, under certNoticeDays is a warning that does not fail the run.
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { certificateLabel, hostsWithCertificate, servedCertificates } from './tls-hosts.ts';

const DAY_MS = 86_400_000;
const utc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const plural = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

const CODES = {
  'not-yet-valid': 'a certificate is not valid yet',
  expired: 'a certificate has expired',
  'expires-soon': 'a certificate expires in fewer than minCertDaysLeft days',
  'expiry-notice': 'a certificate expires in fewer than certNoticeDays days (warning)',
};

export const certificateValidity: Check<'tls'> = {
  id: 'certificate-validity',
  title: 'Certificates are valid now and not about to expire',
  remediation:
    'Renew the certificate (automate it, e.g. with ACME) and reload the server; check that its clock and the validity dates are right.',
  codes: CODES,
  needs: ['tls'],
  run(site, { tls }) {
    const out = new Outcome<keyof typeof CODES>();
    const now = Date.parse(tls.collectedAt);
    const { minCertDaysLeft, certNoticeDays } = site.policy;
    for (const h of hostsWithCertificate(out, tls)) {
      servedCertificates(h).forEach((cert, i) => {
        const what = certificateLabel(cert, i);
        const from = Date.parse(cert.validFrom);
        const to = Date.parse(cert.validTo);
        const daysLeft = Math.floor((to - now) / DAY_MS);
        if (from > now) {
          out.add(
            'not-yet-valid',
            'high',
            h.host,
            `${what} is not valid before ${utc(cert.validFrom)} (in ${plural(Math.ceil((from - now) / DAY_MS))})`,
          );
        } else if (to <= now) {
          out.add(
            'expired',
            'high',
            h.host,
            `${what} expired on ${utc(cert.validTo)} (${plural(Math.floor((now - to) / DAY_MS))} ago)`,
          );
        } else if (daysLeft < minCertDaysLeft) {
          out.add(
            'expires-soon',
            'medium',
            h.host,
            `${what} expires on ${utc(cert.validTo)}, ${plural(daysLeft)} left (policy minimum ${minCertDaysLeft})`,
          );
        } else if (daysLeft < certNoticeDays) {
          out.add(
            'expiry-notice',
            'low',
            h.host,
            `${what} expires on ${utc(cert.validTo)}, ${plural(daysLeft)} left (notice period ${certNoticeDays} days)`,
          );
        }
      });
    }
    return out.done();
  },
};
