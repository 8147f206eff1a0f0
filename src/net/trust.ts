// The trust store every check uses: the system roots plus the sites file's extra `ca`.
// Node gets the PEM list; Chromium gets the SPKI hashes of the extra roots, which keeps
// its security state "secure" (unlike ignoreHTTPSErrors) so HSTS and mixed content behave
// as in production.
import { createHash, X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { ConfigError } from '../config/errors.ts';
import { readInputFile } from '../config/input-file.ts';

export interface TrustStore {
  /** PEM certificates for node:tls `ca`: system roots plus extras. */
  ca: string[];
  /** Base64 SHA-256 of each extra root's SubjectPublicKeyInfo. */
  extraSpkiHashes: string[];
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function loadTrustStore(caFile: string | undefined): TrustStore {
  if (!caFile) return { ca: [...tls.rootCertificates], extraSpkiHashes: [] };
  const read = readInputFile(caFile);
  if ('reason' in read) throw new ConfigError(caFile, [`$.ca: cannot read the CA file: ${read.reason}`]);
  const blocks = read.text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new ConfigError(caFile, ['$.ca: the file holds no PEM certificate']);
  const extraSpkiHashes = blocks.map((block) => {
    try {
      return spkiHash(new X509Certificate(block));
    } catch {
      throw new ConfigError(caFile, ['$.ca: a PEM block in the file is not a valid certificate']);
    }
  });
  return { ca: [...tls.rootCertificates, ...blocks], extraSpkiHashes };
}

export function spkiHash(cert: X509Certificate): string {
  return createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}
