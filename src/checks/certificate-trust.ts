// certificate-trust: the chain each host sends leads to a trusted root (system roots plus
// the configured ca). Self-signed, a missing intermediate, and an unknown issuer are
// separate findings. Dates and weak keys or hashes are left to certificate-validity and
// certificate-strength, even though OpenSSL reports them as verification errors too.
import type { CertificateFacts } from '../collectors/types.ts';
import { Outcome, type Check } from './types.ts';
import { hostsWithCertificate } from './tls-hosts.ts';
import { weaknesses } from './certificate-strength.ts';

const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** Node adds its own host-name verdict to OpenSSL's. */
const NAME_ERRORS = new Set(['ERR_TLS_CERT_ALTNAME_INVALID']);
/** OpenSSL's security-level errors; 3.0 reports a SHA-1 signature as UNSPECIFIED. */
const STRENGTH_ERRORS = new Set(['CA_MD_TOO_WEAK', 'EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL', 'UNSPECIFIED']);

/** The check that owns a verification error which is not about trust itself. */
function judgedElsewhere(error: string, chain: CertificateFacts[]): string | undefined {
  if (DATE_ERRORS.has(error)) return 'certificate-validity';
  if (NAME_ERRORS.has(error)) return 'certificate-hostnames';
  if (STRENGTH_ERRORS.has(error) && chain.some((c) => weaknesses(c).length > 0)) return 'certificate-strength';
  return undefined;
}

const CODES = {
  'self-signed': 'the host sends a self-signed certificate',
  'unknown-issuer': 'the chain ends at a certificate that is not a trusted root',
  'missing-intermediate': 'the server sends only its leaf, whose issuer is not a trusted root',
  'verification-failed': 'the chain leads to a trusted root but does not verify',
};

export const certificateTrust: Check<'tls'> = {
  id: 'certificate-trust',
  title: 'Every host sends a certificate chain that leads to a trusted root',
  remediation:
    'Use a certificate from a publicly trusted CA (or the CA your users trust) and configure the full chain: the leaf followed by every intermediate (nginx: ssl_certificate with the fullchain file).',
  codes: CODES,
  needs: ['tls'],
  run(_site, { tls }) {
    const out = new Outcome<keyof typeof CODES>();
    for (const h of hostsWithCertificate(out, tls)) {
      const { authorized, authorizationError, trustAnchor } = h.handshake;
      const leaf = h.chain[0];
      const top = h.chain[h.chain.length - 1]!;
      if (authorized) continue;
      if (!trustAnchor) {
        if (top.selfSigned && h.chain.length === 1) {
          out.add('self-signed', 'high', h.host, `self-signed certificate "${leaf.subject}": no certificate authority vouches for it, browsers reject it`);
        } else if (top.selfSigned) {
          out.add('unknown-issuer', 'high', h.host, `unknown issuer: the chain ends at the root "${top.subject}", which is not a trusted root`);
        } else if (h.chain.length === 1) {
          out.add(
            'missing-intermediate',
            'high',
            h.host,
            `missing intermediate: the server sends only its leaf certificate; its issuer "${leaf.issuer}" is not a trusted root, so clients that do not fetch intermediates cannot build a chain`,
            'Send the intermediate certificate(s) after the leaf (the "fullchain" file your CA provides).',
          );
        } else {
          out.add('unknown-issuer', 'high', h.host, `unknown issuer: the chain ends at "${top.subject}", whose issuer "${top.issuer}" was not sent and is not a trusted root`);
        }
        continue;
      }
      const error = authorizationError ?? 'unknown error';
      const elsewhere = judgedElsewhere(error, h.chain);
      if (elsewhere) out.note(`${h.host}: the chain leads to the trusted root "${trustAnchor}"; the verification error ${error} is judged by ${elsewhere}`);
      else out.add('verification-failed', 'high', h.host, `verification fails (${error}) although the chain leads to the trusted root "${trustAnchor}"`);
    }
    return out.done();
  },
};
