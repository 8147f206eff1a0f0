// How every check other than https-port-443 names a host that does not answer on 443: one short
// line per host pointing to https-port-443, which reports the cause once. The verdict stays
// "could not measure"; only the wording and the repetition change (one DNS typo used to repeat
// the same error in every check, once per page).
import type { ProbeError, Unread } from '../model/evidence.ts';

export const HOST_UNREACHABLE = 'host unreachable (see https-port-443)';

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

/** A page the browser could not load because it could not reach its host at all. */
export const browserCouldNotConnect = (u: Unread): boolean =>
  u.netError !== undefined && COULD_NOT_CONNECT.has(u.netError);
