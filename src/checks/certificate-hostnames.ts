// certificate-hostnames: the certificate each host serves names it in its subjectAltName,
// as browsers match it: a wildcard stands for exactly one whole left-most label, and the
// subject CN is never used (a certificate without SAN covers nothing). A subjectAltName that
// cannot be parsed makes browsers reject the whole certificate: its own finding.
import { Outcome } from './outcome.ts';
import type { Check } from '../model/check.ts';
import { hostsWithCertificate, sanParseError, someNames } from './tls-hosts.ts';

const CODES = {
  'no-san': 'the certificate has no subjectAltName, so browsers accept it for no name',
  'name-mismatch': 'the certificate does not cover the host name',
  'malformed-san':
    'the subjectAltName cannot be parsed (not a SEQUENCE of valid GeneralNames), so browsers reject the certificate',
};

export const certificateHostnames: Check<'tls'> = {
  id: 'certificate-hostnames',
  title: 'The certificate of every host covers its name',
  remediation:
    'Reissue the certificate with every served name in its subjectAltName (a wildcard "*.example.com" does not cover "example.com" nor "a.b.example.com"), or serve the right certificate for this name (SNI).',
  codes: CODES,
  needs: ['tls'],
  run(_site, { tls }) {
    const out = new Outcome<keyof typeof CODES>();
    for (const h of hostsWithCertificate(out, tls)) {
      if (h.handshake.coversHost) continue;
      const leaf = h.chain[0];
      const malformed = sanParseError(leaf);
      if (malformed) {
        out.add(
          'malformed-san',
          'high',
          h.host,
          `the certificate "${leaf.subject}" cannot be parsed: its subjectAltName is malformed (${malformed.message}), so browsers reject the certificate`,
          'Reissue the certificate: its subjectAltName must be a SEQUENCE of valid GeneralNames (ASCII DNS names, 4- or 16-octet IP addresses).',
        );
      } else if (leaf.subjectAltNames === null) {
        out.add(
          'no-san',
          'high',
          h.host,
          `the certificate "${leaf.subject}" has no subjectAltName extension, so browsers accept it for no name at all (the subject CN is ignored)`,
        );
      } else {
        const names = leaf.subjectAltNames.length > 0 ? someNames(leaf.subjectAltNames) : 'no name';
        out.add('name-mismatch', 'high', h.host, `the certificate does not cover ${h.host}; it covers: ${names}`);
      }
    }
    return out.done();
  },
};
