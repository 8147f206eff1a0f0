// Planted certificate flaws, one per listed subdomain; the site's own host is clean.
// Every certificate is generated when the lab starts, dated relative to that moment.
import { NO_COOKIES, NO_SENSITIVE_FORMS, type Credentials, type LabPki, type LabSite } from '../types.ts';
import { issue, days, rawExtension, served, type IssueOptions } from '../pki.ts';
import { page, routes } from '../respond.ts';

type Leaf = Partial<IssueOptions> & { withIntermediate?: boolean; selfSigned?: boolean; byUntrustedRoot?: boolean };

/** A leaf for the host from the lab intermediate (or self-signed, or from the untrusted root), with the given flaw. */
const leaf =
  ({ withIntermediate = true, selfSigned = false, byUntrustedRoot = false, ...opts }: Leaf) =>
  async (pki: LabPki, host: string): Promise<Credentials> => {
    const issuer = selfSigned ? undefined : byUntrustedRoot ? pki.untrustedRoot : pki.intermediate;
    const cert = await issue({ commonName: host, sans: [host], ...opts }, issuer);
    return served(cert, ...(withIntermediate && issuer === pki.intermediate ? [pki.intermediate] : []));
  };

const SAN = '2.5.29.17';
const AIA = '1.3.6.1.5.5.7.1.1';
/** A subjectAltName with the host as dNSName and a 5-octet iPAddress, which RFC 5280 and browsers refuse. */
const sanWithBadIp = (host: string) => {
  const name = [...Buffer.from(host)];
  const body = [0x82, name.length, ...name, 0x87, 5, 10, 0, 0, 1, 1];
  return rawExtension(SAN, 0x30, body.length, ...body);
};

const ok = (title: string) => routes({ '/': (res) => page(res, title, '<p>ok</p>') });
// OpenSSL's default security level refuses to load a 1024-bit key or a SHA-1 certificate.
const LEGACY_LOADING = { ciphers: 'DEFAULT@SECLEVEL=0' };

export const certificates: LabSite = {
  name: 'certificate-flaws',
  purpose:
    'certificate-trust/-validity/-hostnames/-strength: expired, expiring, not yet valid, wrong name, wildcard, no SAN, malformed SAN, malformed AIA, self-signed, no intermediate, untrusted root, weak key, SHA-1',
  pages: ['/'],
  expect: {
    ...NO_COOKIES,
    ...NO_SENSITIVE_FORMS,
    // Every host sends a year of HSTS; over a certificate Node's TLS refuses, browsers ignore it.
    // Node accepts the certificates without a SAN (it reads the CN), with a 5-octet iPAddress
    // beside a good dNSName, with a malformed AIA, a 1024-bit key, or close to expiry.
    hsts: {
      status: 'failed',
      findings: [
        'expired',
        'notyet',
        'wronghost',
        'wild',
        'deep.shop',
        'selfsigned',
        'leafonly',
        'untrustedroot',
        'badsan',
        'badname',
        'sha1',
      ].map((h) => [
        'high',
        'hsts.ignored-certificate-error',
        `https://${h}.certs.lab.test/`,
        /came over a connection with a certificate error: browsers ignore it \(RFC 6797 section 8\.1\)/,
      ]),
    },
    'certificate-trust': {
      status: 'failed',
      findings: [
        ['high', 'certificate-trust.self-signed', 'selfsigned.certs.lab.test'],
        [
          'high',
          'certificate-trust.missing-intermediate',
          'leafonly.certs.lab.test',
          /is an intermediate CA: the certificate says where the issuer's certificate is published, http:\/\/pki\.lab\.test\/issuing-ca\.crt\./,
        ],
        [
          'high',
          'certificate-trust.unknown-issuer',
          'untrustedroot.certs.lab.test',
          /issued by "CN=Untrusted Interception Root", which is neither a trusted root nor sent by the server/,
        ],
        [
          'high',
          'certificate-trust.malformed-certificate',
          'badaia.certs.lab.test',
          /its authorityInfoAccess extension is malformed/,
        ],
      ],
    },
    'certificate-validity': {
      status: 'failed',
      findings: [
        [
          'high',
          'certificate-validity.expired',
          'expired.certs.lab.test',
          /^the certificate "CN=expired\.certs\.lab\.test" expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(2 days ago\)/,
        ],
        [
          'high',
          'certificate-validity.not-yet-valid',
          'notyet.certs.lab.test',
          /is not valid before \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 3 days\)/,
        ],
        [
          'low',
          'certificate-validity.expiry-notice',
          'expiring.certs.lab.test',
          /expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC, 19 days left \(notice period 30 days\)/,
        ],
      ],
    },
    'certificate-hostnames': {
      status: 'failed',
      findings: [
        [
          'high',
          'certificate-hostnames.name-mismatch',
          'wronghost.certs.lab.test',
          /does not cover wronghost\.certs\.lab\.test; it covers: other\.certs\.lab\.test$/,
        ],
        [
          'high',
          'certificate-hostnames.name-mismatch',
          'wild.certs.lab.test',
          /does not cover wild\.certs\.lab\.test; it covers: \*\.wild\.certs\.lab\.test$/,
        ],
        [
          'high',
          'certificate-hostnames.name-mismatch',
          'deep.shop.certs.lab.test',
          /does not cover deep\.shop\.certs\.lab\.test; it covers: \*\.certs\.lab\.test$/,
        ],
        ['high', 'certificate-hostnames.no-san', 'nosan.certs.lab.test'],
        ['high', 'certificate-hostnames.malformed-san', 'badsan.certs.lab.test', /SubjectAlternativeName ASN1 schema/],
        ['high', 'certificate-hostnames.malformed-san', 'badname.certs.lab.test', /GeneralName ASN1 schema/],
        [
          'high',
          'certificate-hostnames.malformed-san',
          'badip.certs.lab.test',
          /the iPAddress 0a00000101 is neither 4 nor 16 octets/,
        ],
      ],
    },
    'certificate-strength': {
      status: 'failed',
      findings: [
        ['high', 'certificate-strength.weak-key', 'weakkey.certs.lab.test'],
        ['high', 'certificate-strength.weak-signature', 'sha1.certs.lab.test'],
      ],
    },
  },
  hosts: [
    { host: 'certs.lab.test', https: { kind: 'serve', handler: ok('Certificates') } },
    {
      host: 'expired.certs.lab.test',
      https: { kind: 'serve', handler: ok('Expired'), credentials: leaf({ notBefore: days(-92), notAfter: days(-2) }) },
    },
    // 19.5 days: "19 days left" however long the lab has been running before the scan.
    {
      host: 'expiring.certs.lab.test',
      https: { kind: 'serve', handler: ok('Expiring'), credentials: leaf({ notAfter: days(19.5) }) },
    },
    {
      host: 'notyet.certs.lab.test',
      https: { kind: 'serve', handler: ok('Not yet'), credentials: leaf({ notBefore: days(2.5), notAfter: days(90) }) },
    },
    {
      host: 'wronghost.certs.lab.test',
      https: { kind: 'serve', handler: ok('Wrong host'), credentials: leaf({ sans: ['other.certs.lab.test'] }) },
    },
    {
      host: 'wild.certs.lab.test',
      https: { kind: 'serve', handler: ok('Wildcard apex'), credentials: leaf({ sans: ['*.wild.certs.lab.test'] }) },
    },
    // A wildcard covers exactly one label: the first host is covered, the second is not.
    {
      host: 'shop.certs.lab.test',
      https: { kind: 'serve', handler: ok('Wildcard'), credentials: leaf({ sans: ['*.certs.lab.test'] }) },
    },
    {
      host: 'deep.shop.certs.lab.test',
      https: { kind: 'serve', handler: ok('Two labels'), credentials: leaf({ sans: ['*.certs.lab.test'] }) },
    },
    {
      host: 'nosan.certs.lab.test',
      https: { kind: 'serve', handler: ok('No SAN'), credentials: leaf({ sans: null }) },
    },
    {
      host: 'selfsigned.certs.lab.test',
      https: { kind: 'serve', handler: ok('Self-signed'), credentials: leaf({ selfSigned: true }) },
    },
    {
      host: 'leafonly.certs.lab.test',
      https: { kind: 'serve', handler: ok('Leaf only'), credentials: leaf({ withIntermediate: false }) },
    },
    // Signed directly by a root nobody trusts, as a TLS-intercepting proxy's leaves are (superfish, eDellRoot).
    {
      host: 'untrustedroot.certs.lab.test',
      https: { kind: 'serve', handler: ok('Untrusted root'), credentials: leaf({ byUntrustedRoot: true }) },
    },
    // Malformed extensions @peculiar/x509 used to throw on: an OCTET STRING where the SAN's SEQUENCE
    // belongs, a GeneralName with the unknown tag [9], an iPAddress of 5 octets, an AIA holding an INTEGER.
    {
      host: 'badsan.certs.lab.test',
      https: {
        kind: 'serve',
        handler: ok('Bad SAN'),
        credentials: leaf({ sans: null, extensions: [rawExtension(SAN, 0x04, 3, 0x61, 0x62, 0x63)] }),
      },
    },
    {
      host: 'badname.certs.lab.test',
      https: {
        kind: 'serve',
        handler: ok('Bad GeneralName'),
        credentials: leaf({ sans: null, extensions: [rawExtension(SAN, 0x30, 5, 0x89, 3, 0x61, 0x62, 0x63)] }),
      },
    },
    {
      host: 'badip.certs.lab.test',
      https: {
        kind: 'serve',
        handler: ok('Bad IP'),
        credentials: leaf({ sans: null, extensions: [sanWithBadIp('badip.certs.lab.test')] }),
      },
    },
    {
      host: 'badaia.certs.lab.test',
      https: {
        kind: 'serve',
        handler: ok('Bad AIA'),
        credentials: leaf({ extensions: [rawExtension(AIA, 0x30, 3, 0x02, 1, 5)] }),
      },
    },
    {
      host: 'weakkey.certs.lab.test',
      https: {
        kind: 'serve',
        handler: ok('Weak key'),
        credentials: leaf({ key: { type: 'rsa', bits: 1024 } }),
        tls: LEGACY_LOADING,
      },
    },
    {
      host: 'sha1.certs.lab.test',
      https: { kind: 'serve', handler: ok('SHA-1'), credentials: leaf({ hash: 'SHA-1' }), tls: LEGACY_LOADING },
    },
  ],
};
