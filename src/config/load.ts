// Reads, substitutes and validates a sites file into the resolved form every other
// module uses. Throws only ConfigError, whose message lists each problem by JSON path.
import path from 'node:path';
import dotenv from 'dotenv';
import type { z } from 'zod';
import { printParseErrorCode, visit as visitJson } from 'jsonc-parser';
import { severitySchema, sitesFileSchema } from './schema.ts';
import { crossFieldProblems } from './cross-field.ts';
import { resolveFlows } from './resolve-flows.ts';
import { apiGroup, resolveApi } from './resolve-apis.ts';
import { ConfigError, jsonPath, MAX_LISTED_PROBLEMS } from './errors.ts';
import { readInputFile } from './input-file.ts';
import { missingFieldMessage } from './fields.ts';
import { redact } from '../model/redact.ts';
import { substituteEnv } from './env-vars.ts';
import { DEFAULT_POLICY, DEFAULT_SESSION_COOKIE_NAMES, DEFAULT_TIMEOUTS } from '../model/defaults.ts';
import type { CheckCatalogue } from '../model/check.ts';
import type { DiscoverSettings, ScanConfig } from '../model/site.ts';
import { resolveDiscover } from './discover-schema.ts';

export const DEFAULT_SITES_FILE = 'sites.json';

export function sitesFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SITES_FILE || DEFAULT_SITES_FILE);
}

/** `catalogue`: the checks, whose ids and finding codes `accept` may name. */
export function loadScanConfig(
  catalogue: CheckCatalogue,
  file = sitesFilePath(),
  env: NodeJS.ProcessEnv = process.env,
): ScanConfig {
  dotenv.config({ quiet: true });
  const read = readInputFile(file);
  if ('reason' in read) throw new ConfigError(file, [`cannot read the sites file: ${read.reason}`]);
  return parseScanConfig(catalogue, read.text, file, env);
}

export function parseScanConfig(
  catalogue: CheckCatalogue,
  text: string,
  file: string,
  env: NodeJS.ProcessEnv,
): ScanConfig {
  try {
    return validate(catalogue, text, file, env);
  } catch (err) {
    // A file nested 100,000 deep overflows the stack of any recursive walk: whatever breaks
    // while validating is still a problem of the file, reported as one, never as a stack trace.
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(file, [`the file could not be validated: ${String(err)}`]);
  }
}

function validate(catalogue: CheckCatalogue, text: string, file: string, env: NodeJS.ProcessEnv): ScanConfig {
  syntaxCheck(text, file);
  // Strict JSON by now, so the platform's parser reads it (and keeps a "__proto__" key as a plain field).
  const { value, secrets, substitutedPaths, problems: unset } = substituteEnv(JSON.parse(text), env);
  // FAIL_ON, when set, overrides policy.failOn of the file and of every site.
  const failOn = env.FAIL_ON ? severitySchema.safeParse(env.FAIL_ON) : undefined;
  const parsed = sitesFileSchema(catalogue).safeParse(value, { error: missingFieldMessage });
  const baseDir = path.dirname(file);
  // Array literals, not push(...list): a list of a million problems overflows a call's arguments.
  const problems = [
    ...unset,
    ...placeholderNameProblems(substitutedPaths),
    ...(failOn?.error ? [`FAIL_ON: ${failOn.error.issues[0]!.message}`] : []),
    ...(parsed.error?.issues.map(describeIssue) ?? []),
    ...crossFieldProblems(value, baseDir).map((p) => `${jsonPath(p.path)}: ${p.message}`),
  ];
  // A message may quote any value of the file: none may show a secret.
  if (problems.length > 0 || !parsed.success)
    throw new ConfigError(
      file,
      problems.map((p) => redact(p, secrets)),
    );

  const data = parsed.data;
  const config: ScanConfig = {
    sitesFile: file,
    caFile: data.ca === undefined ? undefined : path.resolve(baseDir, data.ca),
    connectTo: data.connectTo,
    timeouts: { ...DEFAULT_TIMEOUTS, ...data.timeouts },
    // A flow's secrets are secrets even when written out rather than taken from ${VAR}.
    secrets: [
      ...new Set([
        ...secrets,
        ...data.sites.flatMap((site) => site.flows.flatMap((flow) => Object.values(flow.secrets ?? {}))),
      ]),
    ],
    accept: data.accept,
    sites: data.sites.map((site, i) => ({
      name: site.name,
      url: site.url,
      hosts: [new URL(site.url).hostname, ...site.subdomains.map((h) => h.toLowerCase())],
      pages: site.pages,
      policy: {
        ...DEFAULT_POLICY,
        ...data.policy,
        ...site.policy,
        ...(failOn?.success ? { failOn: failOn.data } : {}),
      },
      cookies: {
        sessionNames: [...(site.cookies?.sessionNames ?? DEFAULT_SESSION_COOKIE_NAMES)],
        ignore: site.cookies?.ignore ?? [],
      },
      screenshots: site.screenshots,
      flows: resolveFlows(site, `$.sites[${i}]`, substitutedPaths, baseDir),
      ...(site.apis.length > 0 ? { apis: site.apis.map((api) => resolveApi(api, baseDir)) } : {}),
      ...withDiscover(resolveDiscover(site.discover ?? data.discover)),
    })),
  };
  // Top-level APIs are reported after the sites, each as a group of its own (see resolve-apis.ts).
  const policy = { ...DEFAULT_POLICY, ...data.policy, ...(failOn?.success ? { failOn: failOn.data } : {}) };
  const cookies = { sessionNames: [...DEFAULT_SESSION_COOKIE_NAMES], ignore: [] };
  config.sites.push(...data.apis.map((api) => apiGroup(resolveApi(api, baseDir), { policy, cookies })));
  return config;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = jsonPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `${where}: ${issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message}`;
}

/**
 * Fields whose values are public identifiers, by their JSON path with `[*]` for any index: they
 * appear as is in test titles, tags, file names and report keys, where a secret could not be
 * redacted, so they may not come from the environment at all. Every other string field may
 * hold ${VAR} (tests/integration/secrets.test.ts puts a secret in each).
 */
const NAMES = 'a name cannot use ${VAR}: names appear in test titles and file names, which cannot be redacted';
/**
 * Discovery sends its CT query to a third party and writes every name and URL it finds into the
 * reports and the discovery history: no secret may go there.
 */
const DISCOVER =
  "discover settings cannot use ${VAR}: the CT query goes to a third party, and discovery's names and URLs are written into reports";

export const NO_PLACEHOLDER_FIELDS: Readonly<Record<string, string>> = {
  '$.sites[*].name': NAMES,
  '$.sites[*].flows[*].name': NAMES,
  '$.sites[*].apis[*].name': NAMES,
  '$.apis[*].name': NAMES,
  '$.sites[*].flows[*].after':
    'cannot use ${VAR}: it names a flow, and flow names appear in reports as they are written',
  '$.accept[*].site': 'cannot use ${VAR}: it names a site, and site names appear in test titles and file names',
  '$.accept[*].check': 'cannot use ${VAR}: check ids appear as is in test titles and tags',
  '$.accept[*].code': 'cannot use ${VAR}: finding codes appear as is in every report',
  '$.sites[*].apis[*].endpoints[*].method': 'cannot use ${VAR}: request methods appear as is in every report',
  '$.apis[*].endpoints[*].method': 'cannot use ${VAR}: request methods appear as is in every report',
  '$.policy.failOn': 'cannot use ${VAR}: severities appear as is in every report',
  '$.sites[*].policy.failOn': 'cannot use ${VAR}: severities appear as is in every report',
  '$.discover.ct.url': DISCOVER,
  '$.discover.pages.exclude[*]': DISCOVER,
  '$.sites[*].discover.ct.url': DISCOVER,
  '$.sites[*].discover.pages.exclude[*]': DISCOVER,
};

/** "$.sites[*].flows[*].name" for "$.sites[2].flows[0].name". */
export const anyIndex = (where: string): string => where.replace(/\[\d+\]/g, '[*]');

function placeholderNameProblems(substitutedPaths: Set<string>): string[] {
  return [...substitutedPaths].flatMap((where) => {
    const why = NO_PLACEHOLDER_FIELDS[anyIndex(where)];
    return why ? [`${where}: ${why}`] : [];
  });
}

/** An optional field only when set: a site without discovery keeps today's shape. */
const withDiscover = (discover: DiscoverSettings | undefined) => (discover ? { discover } : {});

/**
 * jsonc-parser says where each syntax error is (JSON.parse on Node 20 often does not). Only the
 * listed errors are kept: a garbled 10 MB file has millions.
 */
function syntaxCheck(text: string, file: string): void {
  const listed: string[] = [];
  let total = 0;
  visitJson(
    text,
    {
      onError: (error, _offset, _length, line, column) => {
        if (total++ < MAX_LISTED_PROBLEMS)
          listed.push(`not valid JSON: ${printParseErrorCode(error)} at line ${line + 1}, column ${column + 1}`);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (total > 0) throw new ConfigError(file, listed, total);
}
