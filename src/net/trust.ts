// The trust store every check uses: the system roots plus the sites file's extra `ca`.
// Node gets the PEM list; the browser gets the extra roots in a certificate database of
// its own (see src/browser/trust-mode.ts), so both trust the same roots.
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { ConfigError } from '../config/errors.ts';
import { readInputFile } from '../config/input-file.ts';

export interface TrustStore {
  /** PEM certificates for node:tls `ca`: system roots plus extras. */
  ca: string[];
  /** The extra roots of the `ca` file, one PEM certificate each. */
  extraRoots: string[];
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function loadTrustStore(caFile: string | undefined): TrustStore {
  if (!caFile) return { ca: [...tls.rootCertificates], extraRoots: [] };
  const read = readInputFile(caFile);
  if ('reason' in read) throw new ConfigError(caFile, [`$.ca: cannot read the CA file: ${read.reason}`]);
  const blocks = read.text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new ConfigError(caFile, ['$.ca: the file holds no PEM certificate']);
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new ConfigError(caFile, ['$.ca: a PEM block in the file is not a valid certificate']);
    }
  }
  return { ca: [...tls.rootCertificates, ...blocks], extraRoots: blocks };
}
