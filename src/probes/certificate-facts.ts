// Certificates reduced to plain facts for the checks: node:crypto for keys, fingerprints,
// issuer links and host names; @peculiar/x509 for names and the signature algorithm, which
// node:crypto does not expose; certificate-extensions.ts for the extensions. A certificate
// that cannot be parsed never throws: what could not be read is recorded, the rest judged.
import 'reflect-metadata'; // required by @peculiar/x509's dependency injection
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import * as x509 from '@peculiar/x509';
import { readExtensions } from './certificate-extensions.ts';
import type { CertificateFacts } from '../model/evidence.ts';

/** Signature algorithms @peculiar/x509 does not name: it returns their bare OID. */
const LEGACY_SIGNATURES: Record<string, { name: string; hash: string }> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'MD2' },
  '1.2.840.113549.1.1.3': { name: 'md4WithRSAEncryption', hash: 'MD4' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'MD5' },
};

function signature(cert: x509.X509Certificate): { name: string; hash?: string } {
  const alg = cert.signatureAlgorithm as Algorithm & { hash?: Algorithm };
  const legacy = LEGACY_SIGNATURES[alg.name];
  if (legacy) return legacy;
  const hash = alg.hash?.name;
  return { name: hash ? `${alg.name} with ${hash}` : alg.name, ...(hash ? { hash } : {}) };
}

function keyBits(cert: X509Certificate): number | undefined {
  const details = cert.publicKey.asymmetricKeyDetails;
  if (details?.modulusLength) return details.modulusLength;
  // Standard curve names carry their size: prime256v1, secp384r1, brainpoolP512r1...
  const size = /(\d{3})/.exec(details?.namedCurve ?? '');
  return size ? Number(size[1]) : undefined;
}

/** Issued by itself and signed by its own key (checkIssued would also demand a CA key usage). */
export const isSelfSigned = (cert: X509Certificate): boolean =>
  cert.subject === cert.issuer && cert.verify(cert.publicKey);

/** The trusted roots as certificates, parsed once per trust store. */
const parsedStores = new WeakMap<string[], { roots: X509Certificate[]; fingerprints: Set<string> }>();
export function trustedRoots(ca: string[]): { roots: X509Certificate[]; fingerprints: Set<string> } {
  let store = parsedStores.get(ca);
  if (!store) {
    const roots = ca.map((pem) => new X509Certificate(pem));
    store = { roots, fingerprints: new Set(roots.map((r) => r.fingerprint256)) };
    parsedStores.set(ca, store);
  }
  return store;
}

/**
 * Named as the issuer and signed by its key. Not X509Certificate.checkIssued: OpenSSL refuses any
 * certificate with an extension it cannot parse there, and would hide a trusted chain.
 */
const signs = (issuer: X509Certificate, cert: X509Certificate): boolean =>
  cert.issuer === issuer.subject && cert.verify(issuer.publicKey);

/** Subject of the trusted root reached by following issuer signatures from the leaf; dates and key sizes are not considered. */
export function trustAnchor(chain: X509Certificate[], ca: string[]): string | undefined {
  const { roots, fingerprints } = trustedRoots(ca);
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    if (fingerprints.has(cert.fingerprint256)) return x509Name(cert.subject);
    const root = roots.find((r) => signs(r, cert));
    if (root) return x509Name(root.subject);
    const next = chain[i + 1];
    if (!next || !signs(next, cert)) return undefined;
  }
  return undefined;
}

/** Node prints names one attribute per line; the report wants "CN=a, O=b". */
const x509Name = (name: string): string => name.split('\n').join(', ');

/** Does the certificate cover the host by its SAN, with browser wildcard rules (one whole left label)? */
export function coversHost(cert: X509Certificate, host: string): boolean {
  if (net.isIP(host)) return cert.checkIP(host) !== undefined;
  return (
    cert.checkHost(host, { subject: 'never', wildcards: true, partialWildcards: false, multiLabelWildcards: false }) !==
    undefined
  );
}

/** @peculiar's view of the certificate, or undefined when its structure cannot be parsed (readExtensions records why). */
function peculiar(cert: X509Certificate): x509.X509Certificate | undefined {
  try {
    return new x509.X509Certificate(cert.raw);
  } catch {
    return undefined;
  }
}

export function certificateFacts(cert: X509Certificate, ca: string[]): CertificateFacts {
  const parsed = peculiar(cert);
  const extensions = readExtensions(cert.raw);
  const sig = parsed ? signature(parsed) : { name: 'unknown' };
  const bits = keyBits(cert);
  return {
    // Node's own reading, where @peculiar could not read the structure.
    subject: parsed?.subject ?? x509Name(cert.subject),
    subjectAltNames: extensions.subjectAltNames,
    issuer: parsed?.issuer ?? x509Name(cert.issuer),
    validFrom: (parsed?.notBefore ?? new Date(cert.validFrom)).toISOString(),
    validTo: (parsed?.notAfter ?? new Date(cert.validTo)).toISOString(),
    keyType: cert.publicKey.asymmetricKeyType ?? 'unknown',
    ...(bits ? { keyBits: bits } : {}),
    signatureAlgorithm: sig.name,
    ...(sig.hash ? { signatureHash: sig.hash } : {}),
    sha256Fingerprint: cert.fingerprint256,
    selfSigned: isSelfSigned(cert),
    inTrustStore: trustedRoots(ca).fingerprints.has(cert.fingerprint256),
    ...(extensions.caIssuers.length > 0 ? { caIssuers: extensions.caIssuers } : {}),
    ...(extensions.issuerIssuer ? { issuerIssuer: extensions.issuerIssuer } : {}),
    ...(extensions.parseErrors.length > 0 ? { parseErrors: extensions.parseErrors } : {}),
  };
}
