// certificate-trust: the chain each host sends leads to a trusted root (system roots plus
// the configured ca). Self-signed, a missing intermediate, and an untrusted issuer are
// separate findings, told apart by what the certificates say. Dates, weak keys or hashes and
// a malformed subjectAltName are left to certificate-validity, certificate-strength and
// certificate-hostnames, even though OpenSSL reports them as verification errors too.
import type { CertificateFacts, HostTls } from '../model/evidence.ts';
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { certificateLabel, hostsWithCertificate, sanParseError, servedCertificates } from './tls-hosts.ts';
import { weaknesses } from './certificate-strength.ts';

const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** Node adds its own host-name verdict to OpenSSL's. */
const NAME_ERRORS = new Set(['ERR_TLS_CERT_ALTNAME_INVALID']);
/** OpenSSL's security-level errors; 3.0 reports a SHA-1 signature as UNSPECIFIED. */
const STRENGTH_ERRORS = new Set(['CA_MD_TOO_WEAK', 'EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL', 'UNSPECIFIED']);

/** What cannot be parsed in the certificates the server sends, except the leaf's subjectAltName (certificate-hostnames judges it). */
const malformedParts = (chain: CertificateFacts[]) =>
  chain.flatMap((cert, i) =>
    (cert.parseErrors ?? []).filter((e) => i > 0 || e.part !== 'subjectAltName').map((error) => ({ cert, i, error })),
  );

/** Who reports the parse error of a chain that has one. */
const parseErrorOwner = (chain: CertificateFacts[]): string | undefined =>
  sanParseError(chain[0]!)
    ? 'certificate-hostnames'
    : malformedParts(chain).length > 0
      ? 'the malformed-certificate finding'
      : undefined;

/** The check that owns a verification error which is not about trust itself. */
function judgedElsewhere(error: string, chain: CertificateFacts[]): string | undefined {
  // OpenSSL refuses a certificate with an extension it cannot parse, under varying error codes.
  const unparsed = parseErrorOwner(chain);
  if (unparsed) return unparsed;
  if (DATE_ERRORS.has(error)) return 'certificate-validity';
  if (NAME_ERRORS.has(error)) return 'certificate-hostnames';
  if (STRENGTH_ERRORS.has(error) && chain.some((c) => weaknesses(c).length > 0)) return 'certificate-strength';
  return undefined;
}

const CODES = {
  'self-signed': 'the host sends a self-signed certificate',
  'unknown-issuer':
    'the chain leads to an issuer that is neither a trusted root nor an intermediate the certificate names (an untrusted root)',
  'missing-intermediate':
    'the server does not send the intermediate CA that issued its last certificate (the certificate names where to fetch it)',
  'verification-failed': 'the chain leads to a trusted root but does not verify',
  'malformed-certificate': 'a certificate the server sends has an extension browsers cannot parse, so they reject it',
};
type Code = keyof typeof CODES;

/** Why a chain that leads to no trusted root fails, from what its last certificate says about its issuer. */
function judgeUntrusted(out: Outcome<Code>, h: HostTls & { chain: [CertificateFacts, ...CertificateFacts[]] }): void {
  const leaf = h.chain[0];
  const top = h.chain[h.chain.length - 1]!;
  // OpenSSL links no certificate it cannot parse to its issuer, so the chain seen here is not the
  // one sent: the parse error, already a finding, is the verdict.
  const unparsed = parseErrorOwner(h.chain);
  if (unparsed) {
    out.note(`${h.host}: the chain is not judged past a certificate that cannot be parsed (see ${unparsed})`);
    return;
  }
  if (top.selfSigned && h.chain.length === 1) {
    out.add(
      'self-signed',
      'high',
      h.host,
      `self-signed certificate "${leaf.subject}": no certificate authority vouches for it, browsers reject it`,
    );
    return;
  }
  if (top.selfSigned) {
    out.add(
      'unknown-issuer',
      'high',
      h.host,
      `unknown issuer: the chain ends at the root "${top.subject}", which is not a trusted root`,
    );
    return;
  }
  const sent =
    h.chain.length === 1
      ? 'the server sends only its leaf certificate'
      : `the chain the server sends ends at "${top.subject}"`;
  const issuerIsIntermediate = top.caIssuers?.length
    ? `the certificate says where the issuer's certificate is published, ${top.caIssuers[0]}`
    : top.issuerIssuer && top.issuerIssuer !== top.issuer
      ? `the certificate's Authority Key Identifier names the issuer's own issuer, "${top.issuerIssuer}"`
      : undefined;
  if (issuerIsIntermediate) {
    out.add(
      'missing-intermediate',
      'high',
      h.host,
      `missing intermediate: ${sent}; its issuer "${top.issuer}" is neither sent nor a trusted root, and is an intermediate CA: ${issuerIsIntermediate}. Clients that do not fetch intermediates cannot build a chain`,
      'Send the intermediate certificate(s) after the leaf (the "fullchain" file your CA provides).',
    );
  } else {
    const root = top.issuerIssuer === top.issuer ? ` (a root: its Authority Key Identifier says it issued itself)` : '';
    out.add(
      'unknown-issuer',
      'high',
      h.host,
      `unknown issuer: ${sent}, issued by "${top.issuer}"${root}, which is neither a trusted root nor sent by the server; the certificate names no issuer certificate to fetch, as one signed directly by a private or untrusted root does`,
    );
  }
}

export const certificateTrust: Check<'tls'> = {
  id: 'certificate-trust',
  title: 'Every host sends a certificate chain that leads to a trusted root',
  remediation:
    'Use a certificate from a publicly trusted CA (or the CA your users trust) and configure the full chain: the leaf followed by every intermediate (nginx: ssl_certificate with the fullchain file).',
  codes: CODES,
  needs: ['tls'],
  run(_site, { tls }) {
    const out = new Outcome<Code>();
    for (const h of hostsWithCertificate(out, tls)) {
      const served = servedCertificates(h);
      for (const { cert, i, error } of malformedParts(served)) {
        out.add(
          'malformed-certificate',
          'high',
          h.host,
          `${certificateLabel(cert, i)} cannot be parsed: ${error.part === 'certificate' ? 'its structure' : `its ${error.part} extension`} is malformed (${error.message}), so browsers reject it`,
          'Reissue the certificate from a CA whose software encodes every extension as RFC 5280 defines it.',
        );
      }
      const { authorized, authorizationError, trustAnchor } = h.handshake;
      if (authorized) continue;
      if (!trustAnchor) {
        judgeUntrusted(out, h);
        continue;
      }
      const error = authorizationError ?? 'unknown error';
      const elsewhere = judgedElsewhere(error, served);
      if (elsewhere)
        out.note(
          `${h.host}: the chain leads to the trusted root "${trustAnchor}"; the verification error ${error} is judged by ${elsewhere}`,
        );
      else
        out.add(
          'verification-failed',
          'high',
          h.host,
          `verification fails (${error}) although the chain leads to the trusted root "${trustAnchor}"`,
        );
    }
    return out.done();
  },
};
