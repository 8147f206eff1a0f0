// Dedicated handshakes that each offer one protocol version or one family of weak cipher
// suites. What the local OpenSSL cannot offer at all is found out once (by building a
// client context for it) and recorded as not probed, never silently passed. A version is
// offered with every suite the library has, as sslscan does: a server that speaks TLS 1.0
// only with NULL, anonymous or CBC suites still speaks TLS 1.0.
import tls from 'node:tls';
import { openConnection, type TlsOptions } from '../net/connection.ts';
import type { NetContext } from '../net/net-context.ts';
import type { SuiteProbe } from '../model/evidence.ts';

export interface ProbeSpec {
  name: string;
  options: TlsOptions;
}

// Old protocols and weak suites are disabled by the client's default security level.
const ANY_STRENGTH = '@SECLEVEL=0';

/**
 * Every suite of the local OpenSSL: the five TLS 1.3 suites (CCM ones are off by default), then
 * ALL (which leaves out the NULL suites) and COMPLEMENTOFALL (the NULL suites).
 */
export const EVERY_SUITE = `TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256:ALL:COMPLEMENTOFALL${ANY_STRENGTH}`;

export const PROTOCOL_PROBES: readonly ProbeSpec[] = [
  {
    name: 'SSLv3',
    options: {
      minVersion: 'SSLv3' as tls.SecureVersion,
      maxVersion: 'SSLv3' as tls.SecureVersion,
      ciphers: EVERY_SUITE,
    },
  },
  ...(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const).map((v) => ({
    name: v,
    options: { minVersion: v, maxVersion: v, ciphers: EVERY_SUITE },
  })),
];

/** Weak families by their OpenSSL cipher-string selector; TLS 1.3 has none of them. */
export const CIPHER_PROBES: readonly ProbeSpec[] = [
  ['NULL', 'eNULL'],
  ['EXPORT', 'EXPORT'],
  ['anonymous', 'aNULL'],
  ['RC4', 'RC4'],
  ['3DES', '3DES'],
].map(([name, selector]) => ({
  name: name!,
  options: { minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers: `${selector}:${ANY_STRENGTH}` },
}));

const capability = new Map<string, string | null>();

/** Why the local library cannot offer this probe, or null when it can. */
export function cannotOffer(spec: ProbeSpec): string | null {
  let reason = capability.get(spec.name);
  if (reason === undefined) {
    try {
      tls.createSecureContext(spec.options);
      reason = null;
    } catch (err) {
      reason = `${tlsLibrary()} in Node cannot offer ${spec.name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    }
    capability.set(spec.name, reason);
  }
  return reason;
}

/** OpenSSL's error for a certificate message over its size limit (100 KB). */
const STOPPED_AT_CERTIFICATE = 'ERR_SSL_EXCESSIVE_MESSAGE_SIZE';

/** Probes judge only what the server accepts, never the certificate: no trust store to load. */
const NO_VERIFICATION: string[] = [];

export const tlsLibrary = (): string => `OpenSSL ${process.versions.openssl}`;

export async function runProbe(ctx: NetContext, host: string, spec: ProbeSpec): Promise<SuiteProbe> {
  const reason = cannotOffer(spec);
  if (reason) return { name: spec.name, result: 'not-probed', reason };
  const conn = await openConnection({ ...ctx, ca: NO_VERIFICATION }, host, 443, true, spec.options);
  // The server's certificate comes after it chose the version and suite: a certificate message
  // over the client's size limit means the server accepted what was offered.
  if (!conn.ok && conn.error.code === STOPPED_AT_CERTIFICATE) {
    const { minVersion, maxVersion } = spec.options;
    return {
      name: spec.name,
      result: 'accepted',
      protocol:
        minVersion === maxVersion && maxVersion ? maxVersion : `${minVersion ?? 'TLS'} to ${maxVersion ?? 'TLSv1.3'}`,
      cipher: "not known: the handshake stopped at the server's certificate message, over the client's size limit",
    };
  }
  if (!conn.ok) {
    // Only an answer from the server during the handshake says "refused"; silence says nothing.
    const refused = conn.error.phase === 'tls' && conn.error.kind !== 'timeout';
    return { name: spec.name, result: refused ? 'refused' : 'failed', error: conn.error };
  }
  conn.socket.destroy();
  return { name: spec.name, result: 'accepted', protocol: conn.tls?.protocol ?? '', cipher: conn.tls?.cipher ?? '' };
}
