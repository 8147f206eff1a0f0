// The extensions of a certificate, each parsed on its own with @peculiar's ASN.1 schemas:
// one malformed extension (a subjectAltName that is not a SEQUENCE, an unknown GeneralName)
// must neither throw nor hide the others, and is itself a fact. Parsed are the extensions a
// browser parses before it accepts a certificate (Chromium's ParsedCertificate): a parse
// error in any of them makes the browser reject the certificate.
import 'reflect-metadata'; // required by @peculiar/x509's dependency injection
import net from 'node:net';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1X509 from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import type { CertificateParseError } from '../model/evidence.ts';

const BROWSER_PARSED: Record<string, { name: string; schema: new () => unknown }> = {
  [asn1X509.id_ce_subjectAltName]: { name: 'subjectAltName', schema: asn1X509.SubjectAlternativeName },
  [asn1X509.id_ce_authorityKeyIdentifier]: { name: 'authorityKeyIdentifier', schema: asn1X509.AuthorityKeyIdentifier },
  [asn1X509.id_pe_authorityInfoAccess]: { name: 'authorityInfoAccess', schema: asn1X509.AuthorityInfoAccessSyntax },
  [asn1X509.id_ce_basicConstraints]: { name: 'basicConstraints', schema: asn1X509.BasicConstraints },
  [asn1X509.id_ce_keyUsage]: { name: 'keyUsage', schema: asn1X509.KeyUsage },
  [asn1X509.id_ce_extKeyUsage]: { name: 'extKeyUsage', schema: asn1X509.ExtendedKeyUsage },
  [asn1X509.id_ce_nameConstraints]: { name: 'nameConstraints', schema: asn1X509.NameConstraints },
  [asn1X509.id_ce_certificatePolicies]: { name: 'certificatePolicies', schema: asn1X509.CertificatePolicies },
  [asn1X509.id_ce_policyConstraints]: { name: 'policyConstraints', schema: asn1X509.PolicyConstraints },
  [asn1X509.id_ce_policyMappings]: { name: 'policyMappings', schema: asn1X509.PolicyMappings },
  [asn1X509.id_ce_inhibitAnyPolicy]: { name: 'inhibitAnyPolicy', schema: asn1X509.InhibitAnyPolicy },
  [asn1X509.id_ce_subjectKeyIdentifier]: { name: 'subjectKeyIdentifier', schema: asn1X509.SubjectKeyIdentifier },
};

export interface ExtensionFacts {
  /** DNS names and IP addresses of the subjectAltName; null without the extension, [] when it cannot be read. */
  subjectAltNames: string[] | null;
  /** Authority Information Access caIssuers URLs: where the issuer's certificate is published. */
  caIssuers: string[];
  /** The issuer's own issuer, when the Authority Key Identifier names it (authorityCertIssuer). */
  issuerIssuer?: string;
  parseErrors: CertificateParseError[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is every ASCII character, control characters included
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * What ASN.1 alone lets through but RFC 5280 (4.2.1.6) and browsers refuse in a subjectAltName:
 * an empty list, names that are not ASCII, an iPAddress that is neither 4 nor 16 octets.
 */
function invalidGeneralName(names: asn1X509.GeneralName[]): string | undefined {
  if (names.length === 0) return 'it holds no name';
  for (const n of names) {
    const text = n.dNSName ?? n.rfc822Name ?? n.uniformResourceIdentifier;
    if (text !== undefined && NON_ASCII.test(text)) return `the name "${text}" is not ASCII`;
    // @peculiar prints an address of any other length as hex, which is no IP address.
    if (n.iPAddress !== undefined && net.isIP(n.iPAddress) === 0)
      return `the iPAddress ${n.iPAddress} is neither 4 nor 16 octets`;
  }
  return undefined;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function readExtensions(der: ArrayBuffer | Uint8Array): ExtensionFacts {
  const facts: ExtensionFacts = { subjectAltNames: null, caIssuers: [], parseErrors: [] };
  let certificate: asn1X509.Certificate;
  try {
    certificate = AsnConvert.parse(der, asn1X509.Certificate);
  } catch (err) {
    facts.parseErrors.push({ part: 'certificate', message: message(err) });
    return facts;
  }
  for (const ext of certificate.tbsCertificate.extensions ?? []) {
    const known = BROWSER_PARSED[ext.extnID];
    if (!known) continue;
    let value: unknown;
    try {
      value = AsnConvert.parse(ext.extnValue.buffer, known.schema);
    } catch (err) {
      facts.parseErrors.push({ part: known.name, oid: ext.extnID, message: message(err) });
      if (ext.extnID === asn1X509.id_ce_subjectAltName) facts.subjectAltNames = [];
      continue;
    }
    if (value instanceof asn1X509.SubjectAlternativeName) {
      const invalid = invalidGeneralName(value);
      if (invalid) {
        facts.parseErrors.push({ part: known.name, oid: ext.extnID, message: invalid });
        facts.subjectAltNames = [];
      } else {
        // Spread first: @peculiar's lists are Array subclasses, and flatMap would build another one.
        facts.subjectAltNames = [...value].flatMap((n) => n.dNSName ?? n.iPAddress ?? []);
      }
    } else if (value instanceof asn1X509.AuthorityInfoAccessSyntax) {
      facts.caIssuers = [...value]
        .filter((a) => a.accessMethod === asn1X509.id_ad_caIssuers)
        .flatMap((a) => a.accessLocation.uniformResourceIdentifier ?? []);
    } else if (value instanceof asn1X509.AuthorityKeyIdentifier) {
      const directory = value.authorityCertIssuer?.find((n) => n.directoryName)?.directoryName;
      if (directory) facts.issuerIssuer = new x509.Name(directory).toString();
    }
  }
  return facts;
}
