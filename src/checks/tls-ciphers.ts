// tls-ciphers: no host accepts a NULL (no encryption), EXPORT, anonymous (no
// authentication), RC4 or 3DES suite. Each family is offered alone in its own handshake;
// families the local TLS library cannot offer are named in the notes, not passed silently.
import { Outcome, type Check, type Severity } from './types.ts';
import { hostsSpeakingTls, reportUnprobed } from './tls-hosts.ts';

const FAMILIES: Record<string, { severity: Severity; why: string }> = {
  NULL: { severity: 'high', why: 'no encryption at all' },
  EXPORT: { severity: 'high', why: 'deliberately weakened keys (FREAK, Logjam)' },
  anonymous: { severity: 'high', why: 'no server authentication: anyone in the middle can impersonate the server' },
  RC4: { severity: 'medium', why: 'biased keystream (RFC 7465 forbids it)' },
  '3DES': { severity: 'medium', why: '64-bit blocks (Sweet32)' },
};

export const tlsCiphers: Check<'tls'> = {
  id: 'tls-ciphers',
  title: 'No weak cipher suites are accepted',
  remediation: 'Offer only AEAD suites with forward secrecy (ECDHE with AES-GCM or ChaCha20-Poly1305), e.g. the Mozilla "intermediate" configuration.',
  needs: ['tls'],
  run(_site, { tls }) {
    const out = new Outcome();
    for (const h of hostsSpeakingTls(out, tls)) {
      reportUnprobed(out, h.host, h.ciphers, 'suites');
      for (const p of h.ciphers) {
        if (p.result !== 'accepted') continue;
        const family = FAMILIES[p.name] ?? { severity: 'high', why: 'weak' };
        out.add(family.severity, h.host, `accepts ${p.name} cipher suites: ${family.why} (negotiated ${p.cipher} over ${p.protocol})`);
      }
    }
    return out.done();
  },
};
