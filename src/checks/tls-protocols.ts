// tls-protocols: each host refuses SSLv3 (where it can be probed), TLS 1.0 and TLS 1.1
// (deprecated by RFC 8996) and offers TLS 1.2 or 1.3. One dedicated handshake per version.
import type { Severity } from '../model/findings.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { hostsSpeakingTls, reportUnprobed } from './tls-hosts.ts';

const OBSOLETE: Record<string, Severity> = { SSLv3: 'high', TLSv1: 'medium', 'TLSv1.1': 'medium' };
const MODERN = new Set(['TLSv1.2', 'TLSv1.3']);

const CODES = {
  'obsolete-protocol': 'SSLv3, TLS 1.0 or TLS 1.1 is accepted',
  'no-modern-protocol': 'neither TLS 1.2 nor TLS 1.3 is offered',
};

export const tlsProtocols: Check<'tls'> = {
  id: 'tls-protocols',
  title: 'Only TLS 1.2 and 1.3 are offered',
  remediation: 'Disable SSLv3, TLS 1.0 and TLS 1.1 and enable TLS 1.2 and 1.3 (nginx: ssl_protocols TLSv1.2 TLSv1.3;).',
  codes: CODES,
  needs: ['tls'],
  run(_site, { tls }) {
    const out = new Outcome<keyof typeof CODES>();
    for (const h of hostsSpeakingTls(out, tls)) {
      reportUnprobed(out, h.host, h.protocols, 'support');
      const offered = h.protocols.filter((p) => p.result === 'accepted');
      out.note(`${h.host} offers ${offered.map((p) => p.name).join(', ') || 'no probed version'}`);
      for (const p of offered) {
        const severity = OBSOLETE[p.name];
        if (severity)
          out.add(
            'obsolete-protocol',
            severity,
            h.host,
            `accepts ${p.name}, which is obsolete (negotiated ${p.cipher})`,
          );
      }
      const answered = h.protocols.filter((p) => MODERN.has(p.name) && p.result !== 'failed');
      if (answered.length === MODERN.size && !offered.some((p) => MODERN.has(p.name))) {
        out.add(
          'no-modern-protocol',
          'high',
          h.host,
          'offers neither TLS 1.2 nor TLS 1.3: modern browsers cannot connect',
        );
      }
    }
    return out.done();
  },
};
