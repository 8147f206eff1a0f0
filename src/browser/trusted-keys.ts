// Chromium cannot be handed extra root certificates, only SPKI hashes to accept. So the
// browser accepts exactly what Node verifies: the configured roots, plus the leaf key of
// every host whose chain Node verified against them. A host Node rejects (expired,
// self-signed, wrong issuer) stays rejected in the browser too, as in production.
import type { TLSSocket } from 'node:tls';
import { openConnection } from '../collectors/connection.ts';
import type { NetContext } from '../collectors/net-context.ts';
import { peerChain } from '../collectors/peer-chain.ts';
import { spkiHash } from '../net/trust.ts';

export async function verifiedLeafKeys(net: NetContext, hosts: string[]): Promise<string[]> {
  const keys = await Promise.all(
    [...new Set(hosts)].map(async (host) => {
      const conn = await openConnection(net, host, 443, true);
      if (!conn.ok) return undefined;
      const leaf = conn.tls?.authorized ? peerChain(conn.socket as TLSSocket)[0] : undefined;
      conn.socket.destroy();
      return leaf ? spkiHash(leaf) : undefined;
    }),
  );
  return keys.filter((k): k is string => k !== undefined);
}

/** Hosts worth learning: every site host, and every exact host:443 in connectTo. */
export function hostsToLearn(siteHosts: string[], connectTo: Record<string, string>): string[] {
  const mapped = Object.keys(connectTo)
    .filter((k) => k.endsWith(':443') && !k.startsWith('*.'))
    .map((k) => k.slice(0, -4));
  return [...siteHosts, ...mapped];
}
