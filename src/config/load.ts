// Reads, substitutes and validates a sites file into the resolved form every other
// module uses. Throws only ConfigError, whose message lists each problem by JSON path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { crossFieldProblems, sitesFileSchema, type SiteConfig } from './schema.ts';
import { ConfigError, jsonPath } from './errors.ts';
import { substituteEnv } from './env-vars.ts';
import { DEFAULT_POLICY, DEFAULT_SESSION_COOKIE_NAMES, DEFAULT_TIMEOUTS, type Policy, type Timeouts } from './defaults.ts';
import { SEVERITIES, type Severity } from '../checks/types.ts';

export type FlowStep =
  | { kind: 'goto'; url: string; timeoutMs?: number }
  | { kind: 'click' | 'check' | 'uncheck'; selector: string; timeoutMs?: number }
  | { kind: 'fill'; selector: string; value: string; secret: boolean; timeoutMs?: number }
  | { kind: 'select'; selector: string; values: string[]; secret: boolean; timeoutMs?: number }
  | { kind: 'press'; selector: string; key: string; timeoutMs?: number }
  | { kind: 'waitFor'; url?: string; selector?: string; text?: string; timeoutMs?: number };

export interface Flow {
  name: string;
  after?: string;
  steps?: FlowStep[];
  script?: string;
  visit: string[];
  allowHosts: string[];
  secrets: Record<string, string>;
}

export interface Site {
  name: string;
  url: string;
  /** The URL's host first, then the listed subdomains. */
  hosts: string[];
  pages: string[];
  // Stub of failOn until the config-input branch merges (same name and meaning there).
  policy: Policy & { failOn: Severity };
  cookies: CookiePolicy;
  flows: Flow[];
  screenshots: boolean;
}

export interface CookiePolicy {
  sessionNames: string[];
  ignore: { name: string; domain?: string; reason: string }[];
}

/** A known finding accepted until `expires` (YYYY-MM-DD). Stub until the config-input branch merges. */
export interface Acceptance {
  check?: string;
  /** "<check id>.<code>" */
  code?: string;
  site?: string;
  target?: string;
  reason: string;
  expires: string;
}

export interface ScanConfig {
  sitesFile: string;
  /** Absolute path of the extra CA bundle, when configured (read when used: it may be generated later). */
  caFile?: string;
  connectTo: Record<string, string>;
  timeouts: Timeouts;
  sites: Site[];
  accept: Acceptance[];
  /** Values substituted from the environment: never to appear in any report. */
  secrets: string[];
}

export const DEFAULT_SITES_FILE = 'sites.json';

export function sitesFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SITES_FILE || DEFAULT_SITES_FILE);
}

export function loadScanConfig(file = sitesFilePath(), env: NodeJS.ProcessEnv = process.env): ScanConfig {
  dotenv.config({ quiet: true });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the sites file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  return parseScanConfig(text, file, env);
}

export function parseScanConfig(text: string, file: string, env: NodeJS.ProcessEnv): ScanConfig {
  // jsonc-parser reports where each syntax error is; JSON.parse on Node 20 often does not.
  const syntax: ParseError[] = [];
  const raw: unknown = parseJson(text, syntax, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (syntax.length > 0) {
    throw new ConfigError(
      file,
      syntax.map((e) => `not valid JSON: ${printParseErrorCode(e.error)} at ${lineAndColumn(text, e.offset)}`),
    );
  }
  const { value, secrets, problems } = substituteEnv(raw, env);
  // Stub until the config-input branch merges: FAIL_ON overrides policy.failOn everywhere.
  const failOnEnv = env.FAIL_ON ? SEVERITIES.find((s) => s === env.FAIL_ON) : undefined;
  if (env.FAIL_ON && !failOnEnv) problems.push(`FAIL_ON: expected one of: ${SEVERITIES.join(', ')}`);
  const parsed = sitesFileSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = jsonPath(issue.path);
      problems.push(
        issue.code === 'unrecognized_keys'
          ? `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.code === 'invalid_key'
            ? `${where}: ${issue.issues[0]?.message ?? issue.message}`
            : `${where}: ${issue.message}`,
      );
    }
  }
  for (const p of crossFieldProblems(value)) problems.push(`${jsonPath(p.path)}: ${p.message}`);
  if (problems.length > 0 || !parsed.data) throw new ConfigError(file, problems);

  const data = parsed.data;
  return {
    sitesFile: file,
    caFile: data.ca ? path.resolve(path.dirname(file), data.ca) : undefined,
    connectTo: data.connectTo,
    timeouts: { ...DEFAULT_TIMEOUTS, ...data.timeouts },
    secrets,
    accept: data.accept,
    sites: data.sites.map((site) => ({
      name: site.name,
      url: site.url,
      hosts: [new URL(site.url).hostname, ...site.subdomains.map((h) => h.toLowerCase())],
      pages: site.pages,
      policy: { ...DEFAULT_POLICY, failOn: 'medium', ...data.policy, ...site.policy, ...(failOnEnv ? { failOn: failOnEnv } : {}) },
      cookies: { sessionNames: [...(site.cookies?.sessionNames ?? DEFAULT_SESSION_COOKIE_NAMES)], ignore: site.cookies?.ignore ?? [] },
      flows: [],
      screenshots: true,
    })),
  };
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
