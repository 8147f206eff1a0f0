// The fallback where the browser cannot read the `ca` roots (see trust-mode.ts): Chromium
// accepts any chain that contains a key of --ignore-certificate-errors-spki-list. A root's
// key would make it accept every certificate under that root, expired or not, so the list
// holds only leaf keys: those of the hosts whose chain Node verified, minus any key also
// presented by a probed host with a certificate Node rejects (a key reused after a renewal
// gone wrong). A bad certificate on a verified key, served by a host nobody probed, still
// loads in the browser: the reason this is only a fallback.
import { createHash, type X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { openConnection } from '../net/connection.ts';
import type { NetContext } from '../net/net-context.ts';
import { peerChain } from '../net/peer-chain.ts';

export async function verifiedLeafKeys(net: NetContext, hosts: string[]): Promise<string[]> {
  const leaves = await Promise.all(
    [...new Set(hosts)].map(async (host) => {
      const conn = await openConnection(net, host, 443, true);
      if (!conn.ok) return undefined;
      const leaf = peerChain(conn.socket as TLSSocket)[0];
      conn.socket.destroy();
      return leaf ? { key: spkiHash(leaf), verified: conn.tls?.authorized === true } : undefined;
    }),
  );
  const seen = leaves.filter((l) => l !== undefined);
  const rejected = new Set(seen.filter((l) => !l.verified).map((l) => l.key));
  return [...new Set(seen.filter((l) => l.verified && !rejected.has(l.key)).map((l) => l.key))];
}

/** Hosts worth probing: every site host, and every exact host:443 in connectTo. */
export function hostsToLearn(siteHosts: string[], connectTo: Record<string, string>): string[] {
  const mapped = Object.keys(connectTo)
    .filter((k) => k.endsWith(':443') && !k.startsWith('*.'))
    .map((k) => k.slice(0, -4));
  return [...siteHosts, ...mapped];
}

/** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI list wants it. */
export function spkiHash(cert: X509Certificate): string {
  return createHash('sha256')
    .update(cert.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
}
