// tls-ciphers: no host accepts a NULL (no encryption), EXPORT, anonymous (no
// authentication), RC4 or 3DES suite. Each family is offered alone in its own handshake;
// families the local TLS library cannot offer are named in the notes, not passed silently.
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import type { Severity } from '../model/findings.ts';
import { hostsSpeakingTls, reportUnprobed } from './tls-hosts.ts';

const CODES = {
  null: 'NULL suites (no encryption) are accepted',
  export: 'EXPORT suites are accepted',
  anonymous: 'anonymous suites (no server authentication) are accepted',
  rc4: 'RC4 suites are accepted',
  '3des': '3DES suites are accepted',
};
type Code = keyof typeof CODES;

const FAMILIES: Record<string, { code: Code; severity: Severity; why: string }> = {
  NULL: { code: 'null', severity: 'high', why: 'no encryption at all' },
  EXPORT: { code: 'export', severity: 'high', why: 'deliberately weakened keys (FREAK, Logjam)' },
  anonymous: {
    code: 'anonymous',
    severity: 'high',
    why: 'no server authentication: anyone in the middle can impersonate the server',
  },
  RC4: { code: 'rc4', severity: 'medium', why: 'biased keystream (RFC 7465 forbids it)' },
  '3DES': { code: '3des', severity: 'medium', why: '64-bit blocks (Sweet32)' },
};

export const tlsCiphers: Check<'tls'> = {
  id: 'tls-ciphers',
  title: 'No weak cipher suites are accepted',
  remediation:
    'Offer only AEAD suites with forward secrecy (ECDHE with AES-GCM or ChaCha20-Poly1305), e.g. the Mozilla "intermediate" configuration.',
  codes: CODES,
  needs: ['tls'],
  run(_site, { tls }) {
    const out = new Outcome<Code>();
    for (const h of hostsSpeakingTls(out, tls)) {
      reportUnprobed(out, h.host, h.ciphers, 'suites');
      for (const p of h.ciphers) {
        if (p.result !== 'accepted') continue;
        const family = FAMILIES[p.name];
        if (!family) continue;
        out.add(
          family.code,
          family.severity,
          h.host,
          `accepts ${p.name} cipher suites: ${family.why} (negotiated ${p.cipher} over ${p.protocol})`,
        );
      }
    }
    return out.done();
  },
};
