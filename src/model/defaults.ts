// Defaults applied where sites.json is silent. Documented in README.md ("Policy").
import { DEFAULT_FAIL_ON, type Severity } from './findings.ts';

/** What a site is held to; sites.json's `policy` overrides any of it (config/schema.ts describes each field). */
export interface Policy {
  minHstsMaxAge: number;
  maxRedirectHops: number;
  minCertDaysLeft: number;
  certNoticeDays: number;
  failOn: Severity;
}

export const DEFAULT_POLICY: Readonly<Policy> = {
  minHstsMaxAge: 31_536_000,
  maxRedirectHops: 3,
  minCertDaysLeft: 14,
  certNoticeDays: 30,
  failOn: DEFAULT_FAIL_ON,
};

/** The ceiling of every timeout (10 minutes): Node turns a timer over 2^31-1 ms into 1 ms. */
export const TIMEOUT_MAX_MS = 600_000;

export const DEFAULT_TIMEOUTS = {
  connectMs: 5_000,
  requestMs: 10_000,
  pageMs: 20_000,
  settleMs: 1_500,
  stepMs: 10_000,
} as const;

export type Timeouts = { -readonly [K in keyof typeof DEFAULT_TIMEOUTS]: number };

/** Names of session and authentication cookies (case-insensitive regular expressions). */
export const DEFAULT_SESSION_COOKIE_NAMES: readonly string[] = ['sess', 'sid$', 'auth', 'token', 'login', 'jwt'];

/** `"discover": true`: hosts on, a small crawl, certificate transparency off (README, "Discovery"). */
export const DEFAULT_DISCOVERY = {
  maxHosts: 25,
  maxPages: 10,
  maxDepth: 2,
  budgetMs: 120_000,
} as const;
