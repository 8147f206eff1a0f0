// What every Node-side probe needs to reach a host the way the user configured it.
import type { Timeouts } from '../model/defaults.ts';
import type { ConnectToRules } from './connect-to.ts';

export interface NetContext {
  connectTo: ConnectToRules;
  /** Trusted roots for verification (system roots plus the configured ca). */
  ca: string[];
  timeouts: Timeouts;
}

/**
 * The roots every probe trusts. Node gets the PEM list; the browser gets the extra roots in a
 * certificate database of its own (see src/browser/trust-mode.ts), so both trust the same roots.
 */
export interface TrustStore {
  /** PEM certificates for node:tls `ca`: system roots plus extras. */
  ca: string[];
  /** The extra roots of the `ca` file, one PEM certificate each. */
  extraRoots: string[];
}
