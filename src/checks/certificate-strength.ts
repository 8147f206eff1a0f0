// certificate-strength: the leaf and the intermediates a host sends use RSA keys of at
// least 2048 bits or EC keys of at least 256, and no SHA-1 or MD5 signature. A root's
// self-signature is never checked by clients, so it is not judged.
import type { CertificateFacts } from '../model/evidence.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { certificateLabel, hostsWithCertificate, servedCertificates } from './tls-hosts.ts';

const MIN_BITS: Record<string, number> = { rsa: 2048, 'rsa-pss': 2048, ec: 256 };
const WEAK_HASHES = new Set(['SHA-1', 'MD5', 'MD4', 'MD2']);

const CODES = {
  'weak-key': 'an RSA key under 2048 bits or an EC key under 256 bits',
  'weak-signature': 'a SHA-1 or MD5 signature on the leaf or an intermediate',
};

/** What is too weak about one certificate, in words. */
export function weaknesses(cert: CertificateFacts): { code: keyof typeof CODES; text: string }[] {
  const found: { code: keyof typeof CODES; text: string }[] = [];
  const min = MIN_BITS[cert.keyType];
  if (min !== undefined && cert.keyBits !== undefined && cert.keyBits < min) {
    found.push({
      code: 'weak-key',
      text: `${cert.keyType.toUpperCase()} key of ${cert.keyBits} bits (minimum ${min})`,
    });
  }
  if (!cert.selfSigned && cert.signatureHash && WEAK_HASHES.has(cert.signatureHash)) {
    found.push({
      code: 'weak-signature',
      text: `signed with ${cert.signatureAlgorithm}: ${cert.signatureHash} signatures can be forged and browsers reject them`,
    });
  }
  return found;
}

export const certificateStrength: Check<'tls'> = {
  id: 'certificate-strength',
  title: 'Certificates use strong keys and signatures',
  remediation:
    'Reissue the certificate with an RSA key of at least 2048 bits or an EC P-256/P-384 key, signed with SHA-256 or better, from a CA that no longer signs with SHA-1.',
  codes: CODES,
  needs: ['tls'],
  run(_site, { tls }) {
    const out = new Outcome<keyof typeof CODES>();
    for (const h of hostsWithCertificate(out, tls)) {
      servedCertificates(h).forEach((cert, i) => {
        for (const { code, text } of weaknesses(cert))
          out.add(code, 'high', h.host, `${certificateLabel(cert, i)}: ${text}`);
      });
    }
    return out.done();
  },
};
