// Defaults applied where sites.json is silent. Documented in README.md ("Policy").
export const DEFAULT_POLICY = {
  minHstsMaxAge: 31_536_000,
  maxRedirectHops: 3,
  minCertDaysLeft: 14,
  certNoticeDays: 30,
} as const;

export const DEFAULT_TIMEOUTS = {
  connectMs: 5_000,
  requestMs: 10_000,
  pageMs: 20_000,
  settleMs: 1_500,
} as const;

export type Policy = { -readonly [K in keyof typeof DEFAULT_POLICY]: number };
export type Timeouts = { -readonly [K in keyof typeof DEFAULT_TIMEOUTS]: number };
