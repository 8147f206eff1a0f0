// Opens a TCP or TLS connection to a host through connectTo, with SNI set to the real
// name. Never throws: a failure comes back classified (DNS, refused, timeout, TLS...).
// Each attempt waits for a handshake slot and only then starts its connectMs clock; an
// attempt that times out is made once more, so a moment of CPU starvation is not read as
// a host that does not answer.
import net from 'node:net';
import tls from 'node:tls';
import { resolveConnect } from './connect-to.ts';
import { withHandshakeSlot } from './handshake-slots.ts';
import type { NetContext } from './net-context.ts';
import type { FailureKind, ProbeError, TlsSession } from '../model/evidence.ts';

export type Connection =
  | { ok: true; socket: net.Socket; connectedTo: string; tls?: TlsSession }
  | { ok: false; connectedTo: string; error: ProbeError };

const CODE_KINDS: Record<string, FailureKind> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_FAIL: 'dns',
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
};

export function classifyError(err: NodeJS.ErrnoException, phase: ProbeError['phase']): ProbeError {
  const code = err.code;
  let kind: FailureKind = (code && CODE_KINDS[code]) || 'other';
  // Once TCP is up, anything that stops the handshake is a TLS failure (alerts, resets, garbage).
  if (kind === 'other' && phase === 'tls') kind = 'tls';
  if (kind === 'other' && phase === 'http') kind = 'http';
  if (code?.startsWith('ERR_SSL_')) kind = 'tls';
  return { kind, phase, code, message: err.message };
}

export interface TlsOptions {
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  ciphers?: string;
  /** Key-exchange groups offered ("X25519:P-256"); OpenSSL's default when absent. */
  ecdhCurve?: string;
  /** Signature algorithms offered; OpenSSL's default when absent. */
  sigalgs?: string;
}

const contexts = new WeakMap<string[], Map<string, tls.SecureContext>>();

/** Parsing the trust store costs about 20 ms: one context per trust store and option set, not one per connection. */
function secureContext(ca: string[], options: TlsOptions): tls.SecureContext {
  let byOptions = contexts.get(ca);
  if (!byOptions) {
    byOptions = new Map();
    contexts.set(ca, byOptions);
  }
  const key = JSON.stringify(options);
  let context = byOptions.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca, ...options });
    byOptions.set(key, context);
  }
  return context;
}

export async function openConnection(
  ctx: NetContext,
  host: string,
  port: number,
  secure: boolean,
  tlsOptions: TlsOptions = {},
): Promise<Connection> {
  const target = resolveConnect(ctx.connectTo, host, port);
  const connectedTo = `${target.address.includes(':') ? `[${target.address}]` : target.address}:${target.port}`;
  const attempt = () =>
    withHandshakeSlot(connectedTo, () => connectOnce(ctx, target, connectedTo, host, secure, tlsOptions));
  const first = await attempt();
  if (first.ok || first.error.kind !== 'timeout') return first;
  const second = await attempt();
  if (second.ok || second.error.kind !== 'timeout') return second;
  return { ...second, error: { ...second.error, message: `${second.error.message} (tried twice)` } };
}

function connectOnce(
  ctx: NetContext,
  target: { address: string; port: number },
  connectedTo: string,
  host: string,
  secure: boolean,
  tlsOptions: TlsOptions,
): Promise<Connection> {
  return new Promise((resolve) => {
    let phase: ProbeError['phase'] = 'connect';
    let settled = false;
    const raw = net.connect({ host: target.address, port: target.port });
    let socket: net.Socket = raw;
    const finish = (result: Connection) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!result.ok) socket.destroy();
      resolve(result);
    };
    const fail = (err: Error) =>
      finish({ ok: false, connectedTo, error: classifyError(err as NodeJS.ErrnoException, phase) });
    const timer = setTimeout(() => {
      const what = phase === 'connect' ? 'TCP connection' : 'TLS handshake';
      finish({
        ok: false,
        connectedTo,
        error: {
          kind: 'timeout',
          phase,
          code: 'ETIMEDOUT',
          message: `${what} did not complete within ${ctx.timeouts.connectMs} ms`,
        },
      });
    }, ctx.timeouts.connectMs);
    raw.once('error', fail);
    raw.once('connect', () => {
      if (!secure) return finish({ ok: true, socket: raw, connectedTo });
      phase = 'tls';
      const isIp = net.isIP(host) !== 0;
      const t = tls.connect({
        socket: raw,
        servername: isIp ? undefined : host,
        secureContext: secureContext(ctx.ca, tlsOptions),
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      socket = t;
      t.once('error', fail);
      t.once('close', () =>
        fail(Object.assign(new Error('connection closed during the TLS handshake'), { code: 'ECONNRESET' })),
      );
      t.once('secureConnect', () => {
        t.removeAllListeners('close');
        t.removeListener('error', fail);
        raw.removeListener('error', fail);
        // Node's certificate parsing can leave an OpenSSL error that surfaces later as a socket
        // error; whoever holds the socket handles real errors, and none may crash the run.
        t.on('error', () => {});
        finish({
          ok: true,
          socket: t,
          connectedTo,
          tls: {
            protocol: t.getProtocol(),
            cipher: t.getCipher().standardName ?? t.getCipher().name,
            authorized: t.authorized,
            authorizationError: t.authorizationError ? String(t.authorizationError) : undefined,
          },
        });
      });
    });
  });
}
