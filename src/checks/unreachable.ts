// How every check other than https-port-443 names a host that does not answer on 443: one short
// line per host pointing to https-port-443, which reports the cause once. The verdict stays
// "could not measure"; only the wording and the repetition change (one DNS typo used to repeat
// the same error in every check, once per page).
import type { ProbeError, Unread } from '../model/evidence.ts';
import { netErrorWords } from '../model/browser-errors.ts';
import { describeFailure } from './describe-failure.ts';

export const HOST_UNREACHABLE = 'host unreachable (see https-port-443)';

/** Codes of a TLS attempt that met no TLS at all: the port answers with something else, or closes at once. */
const NOT_TLS: ReadonlySet<string> = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ECONNRESET',
  'EPIPE',
]);

/**
 * Why a host that failed on 443 could not be judged, in one line pointing to https-port-443. A
 * host that answered with TLS and whose handshake failed for a reason of its own (a certificate
 * message over the clients' size limit, an alert) is not "unreachable": the line says what happened.
 */
export function reachReason(error: ProbeError): string {
  const spokeTls = error.phase === 'tls' && error.kind !== 'timeout' && !NOT_TLS.has(error.code ?? '');
  return spokeTls
    ? `the host answers on 443, but the ${describeFailure(error).replace(/^TLS handshake failed: /, 'TLS handshake fails: ')} (see https-port-443)`
    : HOST_UNREACHABLE;
}

/** A failure on 443 before any HTTP answer (DNS, TCP, TLS): https-port-443's own finding. */
export const unreachableOn443 = (error: ProbeError | undefined): error is ProbeError =>
  error !== undefined && error.phase !== 'http';

/** Chromium's network errors for a host it could not resolve or connect to. */
const COULD_NOT_CONNECT: ReadonlySet<string> = new Set([
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NAME_RESOLUTION_FAILED',
  'ERR_CONNECTION_REFUSED',
  'ERR_CONNECTION_TIMED_OUT',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_CONNECTION_FAILED',
]);

/** Chromium's errors for a host it reached but could not complete a TLS handshake with. */
const NO_HANDSHAKE: ReadonlySet<string> = new Set(['ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'ERR_SSL_PROTOCOL_ERROR']);

/** A page the browser could not load because it could not reach its host at all, or not over TLS. */
export const browserCouldNotConnect = (u: Unread): boolean =>
  u.netError !== undefined && (COULD_NOT_CONNECT.has(u.netError) || NO_HANDSHAKE.has(u.netError));

/** The line for such a page's host, once per host. */
export const browserReachReason = (u: Unread): string =>
  u.netError && NO_HANDSHAKE.has(u.netError)
    ? `browsers cannot complete a TLS handshake with this host: ${netErrorWords(u.netError)} (see https-port-443)`
    : HOST_UNREACHABLE;
