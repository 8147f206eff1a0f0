// hsts: every https document response from the site's hosts carries a valid
// Strict-Transport-Security header (RFC 6797) with max-age at least the policy minimum, over a
// connection without certificate errors: browsers ignore the header otherwise (section 8.1).
import { describeFailure } from './describe-failure.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { cannotRead, noteBypassed, reportStoppedFlows } from './visits-to-judge.ts';
import { HOST_UNREACHABLE, unreachableOn443 } from './unreachable.ts';

export type StsParse =
  | { ok: true; maxAge: number; includeSubDomains: boolean; preload: boolean }
  | { ok: false; reason: string };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses a Strict-Transport-Security value by the grammar of RFC 6797 section 6.1. */
export function parseSts(value: string): StsParse {
  const seen = new Map<string, string | undefined>();
  for (const part of value.split(';')) {
    const directive = part.trim();
    if (directive === '') continue;
    const eq = directive.indexOf('=');
    const name = (eq < 0 ? directive : directive.slice(0, eq)).trim().toLowerCase();
    let raw = eq < 0 ? undefined : directive.slice(eq + 1).trim();
    if (!TOKEN.test(name)) return { ok: false, reason: `"${name}" is not a valid directive name` };
    if (seen.has(name)) return { ok: false, reason: `directive "${name}" appears more than once` };
    if (raw?.startsWith('"')) {
      if (!/^"[^"]*"$/.test(raw)) return { ok: false, reason: `unterminated quoted value for "${name}"` };
      raw = raw.slice(1, -1);
    }
    seen.set(name, raw);
  }
  if (!seen.has('max-age')) return { ok: false, reason: 'the required max-age directive is missing' };
  const maxAge = seen.get('max-age');
  if (maxAge === undefined || !/^\d+$/.test(maxAge))
    return { ok: false, reason: `max-age must be a number of seconds, got "${maxAge ?? ''}"` };
  return {
    ok: true,
    maxAge: Number(maxAge),
    includeSubDomains: seen.has('includesubdomains'),
    preload: seen.has('preload'),
  };
}

const CODES = {
  missing: 'no Strict-Transport-Security header',
  duplicate: 'more than one Strict-Transport-Security header (browsers use the first)',
  malformed: 'a header browsers ignore (RFC 6797 grammar)',
  'short-max-age': 'max-age below the policy minimum',
  'ignored-certificate-error':
    'the header came over a connection with a certificate error, so browsers ignore it (RFC 6797 section 8.1)',
};

const days = (seconds: number) => `${Math.floor(seconds / 86_400)} days`;

export const hsts: Check<'transport' | 'pages'> = {
  id: 'hsts',
  title: 'Strict-Transport-Security is sent with a long max-age',
  remediation:
    'Send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every https response of every host (nginx: add_header ... always).',
  codes: CODES,
  needs: ['transport', 'pages'],
  run(site, { transport, pages }) {
    const out = new Outcome<keyof typeof CODES>();
    const ownHosts = new Set(site.hosts);
    /**
     * `certificateError`: the response came over a connection whose certificate does not verify
     * (said by Node's probe, or by the browser that refused the page). The message leaves the
     * error's name out, so that both say it once.
     */
    const judge = (url: string, headers: [string, string][], certificateError?: string) => {
      out.judged(url);
      const values = headers.filter(([n]) => n === 'strict-transport-security').map(([, v]) => v);
      if (values.length === 0) return out.add('missing', 'high', url, 'no Strict-Transport-Security header');
      if (certificateError) {
        return out.add(
          'ignored-certificate-error',
          'high',
          url,
          `Strict-Transport-Security "${values[0]}" came over a connection with a certificate error: browsers ignore it (RFC 6797 section 8.1), so the host has no HSTS until its certificate is fixed`,
          'Fix the certificate (see the certificate checks): browsers honour Strict-Transport-Security only on a connection without certificate errors.',
        );
      }
      if (values.length > 1)
        out.add(
          'duplicate',
          'low',
          url,
          `${values.length} Strict-Transport-Security headers; browsers use only the first`,
        );
      const sts = parseSts(values[0]!);
      if (!sts.ok)
        return out.add(
          'malformed',
          'high',
          url,
          `malformed Strict-Transport-Security "${values[0]}": ${sts.reason}; browsers ignore it`,
        );
      if (sts.maxAge < site.policy.minHstsMaxAge) {
        out.add(
          'short-max-age',
          'medium',
          url,
          `max-age=${sts.maxAge} (${days(sts.maxAge)}) is below the policy minimum of ${site.policy.minHstsMaxAge} (${days(site.policy.minHstsMaxAge)})${sts.maxAge === 0 ? '; max-age=0 tells browsers to forget HSTS' : ''}`,
        );
      }
    };

    for (const { host, https } of transport.hosts) {
      const first = https.hops[0];
      if (!first || first.status === undefined) {
        out.cannotMeasure(
          host,
          unreachableOn443(first?.error)
            ? HOST_UNREACHABLE
            : first?.error
              ? `no https response: ${describeFailure(first.error)}`
              : 'no https response',
        );
      } else
        judge(
          first.url,
          first.headers,
          first.tls?.authorized === false
            ? (first.tls.authorizationError ?? 'the certificate does not verify')
            : undefined,
        );
    }
    reportStoppedFlows(pages, out);
    for (const visit of pages.visits) {
      const documents = visit.responses.filter(
        (r) => r.isNavigation && r.url.startsWith('https://') && ownHosts.has(new URL(r.url).hostname),
      );
      const unread = visit.unread.find((u) => u.target === visit.url);
      if (documents.length === 0 && unread) cannotRead(out, visit, unread);
      noteBypassed(out, visit);
      for (const r of documents) judge(r.url, r.headers, visit.certificateBypassed);
    }
    return out.done();
  },
};
