// The certificate a server presents to a client that names no host (no SNI): its default
// certificate, which often names hosts nobody listed. Discovery reads its SAN.
import dns from 'node:dns/promises';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { CertificateFacts, ProbeError } from '../model/evidence.ts';
import { resolveConnect } from '../net/connect-to.ts';
import { classifyError, openConnection } from '../net/connection.ts';
import type { NetContext } from '../net/net-context.ts';
import { peerChain } from '../net/peer-chain.ts';
import { certificateFacts } from './certificate-facts.ts';

export interface DefaultCertificate {
  /** "address:port" asked, after connectTo. */
  connectedTo: string;
  leaf?: CertificateFacts;
  error?: ProbeError;
}

/** The leaf a host's server (as connectTo reaches it) sends without SNI: connecting by address sends no name. */
export async function certificateWithoutSni(ctx: NetContext, host: string): Promise<DefaultCertificate> {
  const target = resolveConnect(ctx.connectTo, host, 443);
  let address = target.address;
  if (net.isIP(address) === 0) {
    try {
      address = (await dns.lookup(address)).address;
    } catch (err) {
      return {
        connectedTo: `${address}:${target.port}`,
        error: classifyError(err as NodeJS.ErrnoException, 'connect'),
      };
    }
  }
  const conn = await openConnection({ ...ctx, connectTo: {} }, address, target.port, true);
  if (!conn.ok) return { connectedTo: conn.connectedTo, error: conn.error };
  try {
    const leaf = peerChain(conn.socket as TLSSocket)[0];
    return { connectedTo: conn.connectedTo, ...(leaf ? { leaf: certificateFacts(leaf, ctx.ca) } : {}) };
  } finally {
    conn.socket.destroy();
  }
}
