// What every Node-side probe needs to reach a host the way the user configured it.
import type { Timeouts } from '../model/defaults.ts';
import type { ConnectToRules } from './connect-to.ts';

export interface NetContext {
  connectTo: ConnectToRules;
  /** Trusted roots for verification (system roots plus the configured ca). */
  ca: string[];
  timeouts: Timeouts;
}
