// Certificates for the local test sites, generated each time the lab starts so that
// nothing in the repo can expire. Built on @peculiar/x509 over Node's WebCrypto.
import 'reflect-metadata'; // required by @peculiar/x509's dependency injection
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeySpec = { type: 'ec'; curve: 'P-256' | 'P-384' } | { type: 'rsa'; bits: number };

export interface Issued {
  certPem: string;
  keyPem: string;
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  /** Where this CA's certificate is published: the certificates it issues name it (Authority Information Access). */
  url?: string;
}

export interface IssueOptions {
  commonName: string;
  /** DNS names for the SAN extension; null leaves the extension out entirely. */
  sans: string[] | null;
  notBefore?: Date;
  notAfter?: Date;
  isCa?: boolean;
  key?: KeySpec;
  /** Certify this existing key pair instead of a new one (a key reused across certificates). */
  keys?: CryptoKeyPair;
  /** Hash of the issuer's signature on this certificate. */
  hash?: 'SHA-256' | 'SHA-1';
  /** Extra extensions, raw bytes allowed: the malformed ones of the parse-error flaws. */
  extensions?: x509.Extension[];
  /** Set as the Issued's url, for a CA. */
  url?: string;
}

const DAY = 86_400_000;

async function generateKeys(spec: KeySpec, hash: string): Promise<CryptoKeyPair> {
  const algorithm =
    spec.type === 'ec'
      ? { name: 'ECDSA', namedCurve: spec.curve }
      : { name: 'RSASSA-PKCS1-v1_5', modulusLength: spec.bits, publicExponent: new Uint8Array([1, 0, 1]), hash };
  return (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function signingAlgorithm(keys: CryptoKeyPair, hash: string): Algorithm | EcdsaParams {
  return keys.privateKey.algorithm.name === 'ECDSA'
    ? ({ name: 'ECDSA', hash } as EcdsaParams)
    : ({ name: 'RSASSA-PKCS1-v1_5', hash } as Algorithm);
}

async function toPem(keys: CryptoKeyPair): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END PRIVATE KEY-----\n`;
}

function extensions(opts: IssueOptions): x509.Extension[] {
  const list: x509.Extension[] = [new x509.BasicConstraintsExtension(Boolean(opts.isCa), undefined, true)];
  list.push(
    new x509.KeyUsagesExtension(
      opts.isCa
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
  );
  if (!opts.isCa) list.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
  if (opts.sans)
    list.push(new x509.SubjectAlternativeNameExtension(opts.sans.map((value) => ({ type: 'dns' as const, value }))));
  return [...list, ...(opts.extensions ?? [])];
}

/** A certificate signed by `issuer`, or self-signed when no issuer is given. */
export async function issue(opts: IssueOptions, issuer?: Issued): Promise<Issued> {
  const hash = opts.hash ?? 'SHA-256';
  const keys = opts.keys ?? (await generateKeys(opts.key ?? { type: 'ec', curve: 'P-256' }, hash));
  const notBefore = opts.notBefore ?? new Date(Date.now() - DAY);
  const notAfter = opts.notAfter ?? new Date(Date.now() + 90 * DAY);
  const exts = extensions(opts);
  exts.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  if (issuer) exts.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey));
  if (issuer?.url)
    exts.push(new x509.AuthorityInfoAccessExtension({ caIssuers: new x509.GeneralName('url', issuer.url) }));
  const common = { serialNumber: randomSerial(), notBefore, notAfter, extensions: exts };
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: `CN=${opts.commonName}`,
        issuer: issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
        signingAlgorithm: signingAlgorithm(issuer.keys, hash),
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        ...common,
        name: `CN=${opts.commonName}`,
        keys,
        signingAlgorithm: signingAlgorithm(keys, hash),
      });
  return {
    cert,
    keys,
    certPem: `${cert.toString('pem').trim()}\n`,
    keyPem: await toPem(keys),
    ...(opts.url ? { url: opts.url } : {}),
  };
}

/** What a server presents: the leaf's key, and the leaf followed by the chain it sends. */
export function served(leaf: Issued, ...chain: Issued[]): { key: string; cert: string } {
  return { key: leaf.keyPem, cert: [leaf, ...chain].map((c) => c.certPem).join('') };
}

function randomSerial(): string {
  // Positive 16-byte serial: clear the top bit.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** An extension holding exactly these DER bytes, however malformed. */
export const rawExtension = (oid: string, ...der: number[]): x509.Extension =>
  new x509.Extension(oid, false, new Uint8Array(der));

export const days = (n: number): Date => new Date(Date.now() + n * DAY);
