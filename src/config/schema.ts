// The one source of truth for sites.json: TypeScript types, runtime validation and
// sites.schema.json (written by `npm run schema`) all come from these definitions.
import { z } from 'zod';
import { TIMEOUT_MAX_MS } from '../model/defaults.ts';
import { SEVERITIES } from '../model/findings.ts';
import type { CheckCatalogue } from '../model/check.ts';
import { acceptanceSchemas } from './accept-schema.ts';
import { flowSchema } from './flow-schema.ts';
import { apiSchema } from './api-schema.ts';
import { addressPort, delayMs, hostname, hostPort, httpsUrl, name, sitePath, timeoutMs } from './fields.ts';
import { regex } from './regex.ts';
import { discoverSchema } from './discover-schema.ts';

export const severitySchema = z.enum(SEVERITIES, { error: `expected one of: ${SEVERITIES.join(', ')}` });

export const policySchema = z
  .strictObject({
    minHstsMaxAge: z
      .number()
      .int()
      .nonnegative()
      .describe('Minimum Strict-Transport-Security max-age in seconds (default 31536000, one year).'),
    maxRedirectHops: z
      .number()
      .int()
      .min(1)
      .max(20)
      .describe('Most redirects allowed from http:// to the final https:// page (default 3).'),
    minCertDaysLeft: z
      .number()
      .int()
      .nonnegative()
      .describe('Fail when a certificate expires in fewer days than this (default 14).'),
    certNoticeDays: z
      .number()
      .int()
      .nonnegative()
      .describe('Warn when a certificate expires in fewer days than this (default 30).'),
    failOn: severitySchema.describe(
      'Findings of this severity and above fail; those below are warnings (default "medium"). The environment variable FAIL_ON overrides it everywhere.',
    ),
  })
  .partial()
  .describe('Policy overrides; anything left out keeps its default.');

export const cookiePolicySchema = z
  .strictObject({
    sessionNames: z
      .array(regex)
      .describe(
        "Case-insensitive regular expressions for the names of session and authentication cookies; replaces the default list (sess, sid$, auth, token, login, jwt). Cookies that are not credentials by design (CSRF tokens, consent records, load-balancer affinity or routing cookies) never count by their names alone; cookies set in answer to a flow's login always count.",
      ),
    ignore: z
      .array(
        z.strictObject({
          name: z.string().min(1).describe('Exact cookie name.'),
          domain: hostname.optional().describe('Only when set for this domain or one of its subdomains.'),
          reason: z.string().min(1).describe('Why it is accepted; shown in the report.'),
        }),
      )
      .describe('Known cookies (typically third-party) that the cookie checks do not judge.'),
  })
  .partial()
  .describe("How the cookie checks treat this site's cookies.");

export const siteSchema = z
  .strictObject({
    name: name.describe('Unique name (at most 64 characters), used in test titles and reports.'),
    url: httpsUrl.describe(
      'The site home page: https://, a host name (not an IP address), no port (the checks probe 443 and 80; use connectTo for another address or port), no user:password@.',
    ),
    subdomains: z
      .array(hostname)
      .default([])
      .describe('Other hostnames that belong to the site; every one is checked like the main host.'),
    pages: z
      .array(sitePath)
      .default(['/'])
      .describe('Paths on the main host to visit in the browser (default ["/"]); no "//" or backslash.'),
    policy: policySchema.optional(),
    cookies: cookiePolicySchema.optional(),
    screenshots: z
      .boolean()
      .default(true)
      .describe(
        "false: no screenshot is taken of this site's pages and flows (for sites that print secrets into their pages).",
      ),
    flows: z
      .array(flowSchema)
      .default([])
      .describe('Named login and checkout flows, in order; a flow may start after another one.'),
    apis: z
      .array(apiSchema)
      .default([])
      .describe("The site's APIs: reported with the site, their hosts get the TLS and certificate checks."),
    discover: discoverSchema.optional().describe("Discovery for this site; wins over the file's `discover`."),
  })
  .describe('One site: its main URL, the hosts that belong to it, and the pages to visit.');

export const timeoutsSchema = z
  .strictObject({
    connectMs: timeoutMs.describe('TCP connect + TLS handshake limit per probe (default 5000).'),
    requestMs: timeoutMs.describe('Limit for one HTTP request made from Node (default 10000).'),
    pageMs: timeoutMs.describe('Limit for one page navigation in the browser (default 20000).'),
    settleMs: delayMs.describe(
      'Late content: what a page does within this many ms of its own time after "load" is seen (default 1500). Listed pages run it in virtual time (Chromium), flows and matchers wait it by the clock.',
    ),
    stepMs: timeoutMs.describe('Limit for one step of a flow (default 10000).'),
  })
  .partial()
  .describe(`Time limits in milliseconds, each at most ${TIMEOUT_MAX_MS} (10 minutes).`);

export const caSchema = z
  .string()
  .min(1, { message: 'expected the path of a PEM file' })
  .describe('PEM file of extra trusted root certificates (relative to this file), added to the system roots.');

export const connectToSchema = z
  .record(hostPort, addressPort)
  .describe('Like curl --connect-to: "host:port" -> "address:port". Checks still see the real host name and port.');

function buildSitesFileSchema(catalogue: CheckCatalogue) {
  return z.strictObject({
    $schema: z.string().optional(),
    ca: caSchema.optional(),
    connectTo: connectToSchema.default({}),
    timeouts: timeoutsSchema.optional(),
    policy: policySchema.optional().describe('Policy defaults for every site; a site may override them.'),
    discover: discoverSchema.optional().describe("Discovery for every site (a site's own `discover` wins)."),
    sites: z.array(siteSchema),
    apis: z
      .array(apiSchema)
      .default([])
      .describe('APIs of no site: each is reported as a group of its own, named after it, as a site is.'),
    accept: z
      .array(acceptanceSchemas(catalogue).sitesFile)
      .default([])
      .describe('Known findings accepted for a while, each with a reason and an expiry date.'),
  });
}

const sitesFileSchemas = new WeakMap<CheckCatalogue, ReturnType<typeof buildSitesFileSchema>>();

/** The whole sites file; `accept` is checked against the catalogue of checks the caller gives. */
export function sitesFileSchema(catalogue: CheckCatalogue): ReturnType<typeof buildSitesFileSchema> {
  let schema = sitesFileSchemas.get(catalogue);
  if (!schema) {
    schema = buildSitesFileSchema(catalogue);
    sitesFileSchemas.set(catalogue, schema);
  }
  return schema;
}

export type SitesFileInput = z.input<ReturnType<typeof sitesFileSchema>>;
export type SiteConfig = z.output<typeof siteSchema>;
export type PolicyOverrides = z.output<typeof policySchema>;
export type CookiePolicyInput = z.input<typeof cookiePolicySchema>;
