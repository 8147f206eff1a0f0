// The trust store every check uses: the system roots plus the sites file's extra `ca`, read
// and checked here (a bad file is the user's input to fix, named by its JSON path).
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { TrustStore } from '../net/net-context.ts';
import { ConfigError } from './errors.ts';
import { readInputFile } from './input-file.ts';

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
