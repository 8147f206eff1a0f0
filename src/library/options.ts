// The options of the `security` fixture (`securityOptions`) and of each matcher call. Every
// field is optional: policy, cookie rules, ca, connectTo and timeouts come from the fixture's
// options, else from the site of a sites.json that holds the host, else from the defaults.
// The pieces they share with sites.json are validated by the same schemas.
import path from 'node:path';
import { z } from 'zod';
import {
  cookiePolicySchema,
  policySchema,
  siteSchema,
  caSchema,
  connectToSchema,
  timeoutsSchema,
  type CookiePolicyInput,
  type PolicyOverrides,
} from '../config/schema.ts';
import { DEFAULT_TIMEOUTS, type Timeouts } from '../model/defaults.ts';
import { jsonPath } from '../config/errors.ts';
import { acceptanceSchemas } from '../config/accept-schema.ts';
import { loadScanConfig } from '../config/load.ts';
import type { ScanConfig } from '../model/site.ts';
import { CHECKS } from '../checks/index.ts';
import { DEFAULT_FAIL_ON, SEVERITIES, type Severity } from '../model/findings.ts';
import type { ConnectToRules } from '../net/connect-to.ts';

const acceptanceSchema = acceptanceSchemas(CHECKS).library;

const judgingShape = {
  failOn: z.enum(SEVERITIES).optional(),
  accept: z.array(acceptanceSchema).optional(),
};

const matcherOptionsSchema = z.strictObject(judgingShape);

/** A host name as sites.json takes it: no scheme, port or path (the port is 443, or where connectTo sends it). */
export function checkHostName(name: string): string {
  const parsed = siteSchema.shape.subdomains.unwrap().element.safeParse(name);
  if (!parsed.success)
    throw new Error(`security.host(${JSON.stringify(name)}): ${parsed.error.issues[0]?.message ?? 'not a host name'}`);
  return name.toLowerCase();
}

const securityOptionsSchema = z.strictObject({
  sitesFile: z.string().optional(),
  site: z.string().optional(),
  hosts: siteSchema.shape.subdomains.unwrap().optional(),
  policy: policySchema.optional(),
  cookies: cookiePolicySchema.optional(),
  ca: caSchema.optional(),
  connectTo: connectToSchema.optional(),
  timeouts: timeoutsSchema.optional(),
  autoRecord: z.boolean().optional(),
  ...judgingShape,
});

/** A finding the team knows about: reported as accepted (with the reason), never failing. */
export type Acceptance = z.infer<typeof acceptanceSchema>;

/** Options of one matcher call; `accept` adds to the fixture's list. */
export type MatcherOptions = z.input<typeof matcherOptionsSchema>;

export interface SecurityOptions {
  /** A sites.json (relative to the Playwright config's folder): its site holding the page's host gives policy, cookie rules and hosts; its ca, connectTo and timeouts apply. */
  sitesFile?: string;
  /** The site of `sitesFile` to use, by name, instead of the one holding the page's host. */
  site?: string;
  /** The team's own hosts (hsts, links to http): default the site's hosts, else the hosts of the https pages the test opened. */
  hosts?: string[];
  policy?: PolicyOverrides;
  cookies?: CookiePolicyInput;
  /** PEM file of extra trusted roots (relative to the Playwright config's folder) for the host checks made from Node. */
  ca?: string;
  /** Like curl's --connect-to, for the host checks made from Node: "host:port" -> "address:port". */
  connectTo?: ConnectToRules;
  /** connectMs and requestMs bound the host checks, settleMs how long a matcher waits for late content. */
  timeouts?: z.input<typeof timeoutsSchema>;
  /** The least severity that fails a matcher (default "medium", as in the scan); anything below is an annotation. */
  failOn?: Severity;
  accept?: Acceptance[];
  /**
   * true (default): every test that gets a browser context is recorded from its first navigation,
   * whether or not it names the `security` fixture. false: only tests that name it (for suites
   * that want no CDP session of the harness on the pages of their other tests).
   */
  autoRecord?: boolean;
}

export interface JudgeSettings {
  failOn: Severity;
  accept: readonly Acceptance[];
}

/** The options with paths resolved and the sites file read. */
export interface ResolvedOptions {
  sitesFile?: ScanConfig;
  site?: string;
  hosts?: string[];
  policy?: PolicyOverrides;
  cookies?: CookiePolicyInput;
  caFile?: string;
  connectTo: ConnectToRules;
  timeouts: Timeouts;
  settings: JudgeSettings;
  /** Values the sites file substituted from the environment: never shown. */
  secrets: readonly string[];
  autoRecord: boolean;
}

/** Bad options are the test author's to fix: one line per problem, by path. */
function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  // A bad record key ("host:port") carries its reason one level down.
  const lines = parsed.error.issues.map(
    (i) => `  - ${jsonPath(i.path)}: ${i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message}`,
  );
  throw new Error(`${what}: ${lines.length} problem${lines.length === 1 ? '' : 's'}\n${lines.join('\n')}`);
}

/** As in the scan: the least severity that fails a check (medium). */

/** `baseDir`: where relative paths start (the folder of the Playwright config). */
export function resolveOptions(options: SecurityOptions | undefined, baseDir: string): ResolvedOptions {
  const o = parse(securityOptionsSchema, options, 'securityOptions');
  const sitesFile = o.sitesFile ? loadScanConfig(CHECKS, path.resolve(baseDir, o.sitesFile)) : undefined;
  if (o.site && !sitesFile?.sites.some((s) => s.name === o.site)) {
    throw new Error(
      `securityOptions: site "${o.site}" is not in ${o.sitesFile ? `the sites file ${o.sitesFile}` : 'any sites file (set sitesFile)'}`,
    );
  }
  const caFile = o.ca ? path.resolve(baseDir, o.ca) : sitesFile?.caFile;
  return {
    ...(sitesFile ? { sitesFile } : {}),
    ...(o.site ? { site: o.site } : {}),
    ...(o.hosts ? { hosts: o.hosts.map((h) => h.toLowerCase()) } : {}),
    ...(o.policy ? { policy: o.policy } : {}),
    ...(o.cookies ? { cookies: o.cookies } : {}),
    ...(caFile ? { caFile } : {}),
    connectTo: { ...sitesFile?.connectTo, ...o.connectTo },
    timeouts: { ...DEFAULT_TIMEOUTS, ...sitesFile?.timeouts, ...o.timeouts },
    settings: { failOn: o.failOn ?? DEFAULT_FAIL_ON, accept: o.accept ?? [] },
    secrets: sitesFile?.secrets ?? [],
    autoRecord: o.autoRecord ?? true,
  };
}

/** A matcher call's options over the fixture's: its own threshold, and its acceptances added. */
export function judgeSettings(base: JudgeSettings, options: MatcherOptions | undefined): JudgeSettings {
  const o = parse(matcherOptionsSchema, options, 'matcher options');
  return { failOn: o.failOn ?? base.failOn, accept: [...base.accept, ...(o.accept ?? [])] };
}
