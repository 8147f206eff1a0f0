// TLS evidence for a site: for every host, one default handshake (the certificate chain and
// OpenSSL's verdict on it) and one dedicated handshake per protocol version and per weak
// cipher family. Every handshake of every host runs at once: on loopback the whole site
// takes about as long as its slowest host.
import type { TLSSocket } from 'node:tls';
import type { Site } from '../config/load.ts';
import { openConnection } from './connection.ts';
import { certificateFacts, coversHost, trustAnchor } from './certificate-facts.ts';
import type { NetContext } from './net-context.ts';
import { peerChain } from './peer-chain.ts';
import { CIPHER_PROBES, PROTOCOL_PROBES, runProbe, tlsLibrary } from './tls-probes.ts';
import type { HostTls, TlsEvidence } from './types.ts';

async function defaultHandshake(ctx: NetContext, host: string): Promise<Pick<HostTls, 'connectedTo' | 'handshake' | 'error' | 'chain'>> {
  const conn = await openConnection(ctx, host, 443, true);
  if (!conn.ok) return { connectedTo: conn.connectedTo, error: conn.error, chain: [] };
  try {
    const chain = peerChain(conn.socket as TLSSocket);
    const leaf = chain[0];
    return {
      connectedTo: conn.connectedTo,
      handshake: {
        ...conn.tls!,
        ...(leaf ? { trustAnchor: trustAnchor(chain, ctx.ca) } : {}),
        coversHost: leaf ? coversHost(leaf, host) : false,
      },
      chain: chain.map((c) => certificateFacts(c, ctx.ca)),
    };
  } finally {
    conn.socket.destroy();
  }
}

export async function collectTls(ctx: NetContext, site: Site): Promise<TlsEvidence> {
  const collectedAt = new Date().toISOString();
  const hosts = await Promise.all(
    site.hosts.map(async (host): Promise<HostTls> => {
      const [main, protocols, ciphers] = await Promise.all([
        defaultHandshake(ctx, host),
        Promise.all(PROTOCOL_PROBES.map((p) => runProbe(ctx, host, p))),
        Promise.all(CIPHER_PROBES.map((p) => runProbe(ctx, host, p))),
      ]);
      return { host, ...main, protocols, ciphers };
    }),
  );
  return { collectedAt, library: tlsLibrary(), hosts };
}
