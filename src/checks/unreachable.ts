// How every check other than https-port-443 names a host that does not answer on 443: one short
// line per host pointing to https-port-443, which reports the cause once. The verdict stays
// "could not measure"; only the wording and the repetition change (one DNS typo used to repeat
// the same error in every check, once per page).
import type { ProbeError } from '../model/evidence.ts';

export const HOST_UNREACHABLE = 'host unreachable (see https-port-443)';

/** A failure on 443 before any HTTP answer (DNS, TCP, TLS): https-port-443's own finding. */
export const unreachableOn443 = (error: ProbeError | undefined): error is ProbeError =>
  error !== undefined && error.phase !== 'http';

/** Chromium's errors for a host it could not resolve or connect to, as a page visit records them. */
const BROWSER_COULD_NOT_CONNECT =
  /net::ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_REFUSED|CONNECTION_TIMED_OUT|ADDRESS_UNREACHABLE|CONNECTION_FAILED)\b/;

export const browserCouldNotConnect = (reason: string): boolean => BROWSER_COULD_NOT_CONNECT.test(reason);
