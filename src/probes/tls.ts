// TLS evidence for a site: for every host, one default handshake (the certificate chain and
// OpenSSL's verdict on it) and one dedicated handshake per protocol version and per weak
// cipher family. Hosts are probed side by side, within the handshake slots of
// handshake-slots.ts. As sslyze does, a host that gave the default handshake no answer at
// all (no TCP connection, or silence twice) is not probed further: each probe would only
// wait out the same silence.
import type { TLSSocket } from 'node:tls';
import type { Site } from '../model/site.ts';
import type { Timeouts } from '../model/defaults.ts';
import { openConnection } from '../net/connection.ts';
import { HANDSHAKES_PER_SERVER } from '../net/handshake-slots.ts';
import { certificateFacts, coversHost, trustAnchor } from './certificate-facts.ts';
import type { NetContext } from '../net/net-context.ts';
import { peerChain } from '../net/peer-chain.ts';
import { CIPHER_PROBES, PROTOCOL_PROBES, runProbe, tlsLibrary, type ProbeSpec } from './tls-probes.ts';
import type { HostTls, ProbeError, SuiteProbe, TlsEvidence } from '../model/evidence.ts';

async function defaultHandshake(
  ctx: NetContext,
  host: string,
): Promise<Pick<HostTls, 'connectedTo' | 'handshake' | 'error' | 'chain'>> {
  const conn = await openConnection(ctx, host, 443, true);
  if (!conn.ok) return { connectedTo: conn.connectedTo, error: conn.error, chain: [] };
  try {
    const chain = peerChain(conn.socket as TLSSocket);
    const facts = chain.map((c) => certificateFacts(c, ctx.ca));
    const leaf = chain[0];
    // A subjectAltName browsers cannot parse covers no name (and OpenSSL's host check on it leaves
    // an error behind that Node later raises on a socket).
    const sanReadable = !facts[0]?.parseErrors?.some((e) => e.part === 'subjectAltName');
    return {
      connectedTo: conn.connectedTo,
      handshake: {
        ...conn.tls!,
        ...(leaf ? { trustAnchor: trustAnchor(chain, ctx.ca) } : {}),
        coversHost: leaf && sanReadable ? coversHost(leaf, host) : false,
      },
      chain: facts,
    };
  } finally {
    conn.socket.destroy();
  }
}

const gotNoAnswer = (error: ProbeError | undefined): error is ProbeError =>
  error !== undefined && (error.phase === 'connect' || error.kind === 'timeout');

export async function collectTls(ctx: NetContext, site: Site): Promise<TlsEvidence> {
  const collectedAt = new Date().toISOString();
  const hosts = await Promise.all(
    site.hosts.map(async (host): Promise<HostTls> => {
      const main = await defaultHandshake(ctx, host);
      const silence = main.error;
      const probe = gotNoAnswer(silence)
        ? (spec: ProbeSpec): Promise<SuiteProbe> =>
            Promise.resolve({
              name: spec.name,
              result: 'failed',
              error: { ...silence, message: `not tried, the default handshake got no answer: ${silence.message}` },
            })
        : (spec: ProbeSpec) => runProbe(ctx, host, spec);
      const [protocols, ciphers] = await Promise.all([
        Promise.all(PROTOCOL_PROBES.map(probe)),
        Promise.all(CIPHER_PROBES.map(probe)),
      ]);
      return { host, ...main, protocols, ciphers };
    }),
  );
  return { collectedAt, library: tlsLibrary(), hosts };
}

/**
 * The most a site's TLS probes can take: hosts go side by side; each makes its default
 * handshake and then every probe, HANDSHAKES_PER_SERVER at a time, each tried twice.
 */
export const tlsBoundMs = (t: Timeouts): number =>
  (1 + Math.ceil((PROTOCOL_PROBES.length + CIPHER_PROBES.length) / HANDSHAKES_PER_SERVER)) * 2 * t.connectMs;
