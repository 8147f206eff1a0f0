// The one source of truth for sites.json: TypeScript types, runtime validation and
// sites.schema.json (written by `npm run schema`) all come from these definitions.
import { z } from 'zod';
import { SEVERITIES } from '../checks/types.ts';

const hostname = z
  .string()
  // No regex flags anywhere: JSON Schema patterns cannot carry them.
  .regex(/^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*$/, {
    message: 'expected a hostname such as "api.example.com" (no scheme, port or path)',
  });

const hostPort = z.string().regex(/^(\*\.)?[A-Za-z0-9_.-]+:\d{1,5}$/, {
  message: 'expected "host:port", for example "shop.example.com:443" (a leading "*." matches every subdomain)',
});

const addressPort = z.string().regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}$/, {
  message: 'expected "address:port", for example "10.0.0.5:8443" or "[::1]:8443"',
});

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
    // Stub until the config-input branch merges (it defines the same field): the gate is built on it.
    failOn: z
      .enum(SEVERITIES)
      .describe('Findings of this severity and above fail; those below are warnings (default "medium"). FAIL_ON overrides it everywhere.'),
  })
  .partial()
  .describe('Policy overrides; anything left out keeps its default.');

const regex = z.string().min(1).refine(
  (source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a valid regular expression' },
);

export const cookiePolicySchema = z
  .strictObject({
    sessionNames: z
      .array(regex)
      .describe(
        'Case-insensitive regular expressions for the names of session and authentication cookies (default: sess, sid$, auth, token, login, jwt). Names containing csrf or xsrf never count: scripts must read them.',
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
  .describe('How the cookie checks treat this site\'s cookies.');

export const siteSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, {
        message: 'expected a short name of letters, digits, spaces, ".", "_" or "-"',
      })
      .describe('Unique name, used in test titles and reports.'),
    url: z
      .url({ message: 'expected an absolute URL such as "https://example.com/"' })
      .refine((u) => u.startsWith('https://'), { message: 'the site URL must start with https://' })
      .describe('The site home page, https:// only.'),
    subdomains: z
      .array(hostname)
      .default([])
      .describe('Other hostnames that belong to the site; every one is checked like the main host.'),
    pages: z
      .array(z.string().startsWith('/', { message: 'expected a path starting with "/"' }))
      .default(['/'])
      .describe('Paths on the main host to visit in the browser (default ["/"]).'),
    policy: policySchema.optional(),
    cookies: cookiePolicySchema.optional(),
    flows: z
      .array(z.looseObject({ name: z.string() }))
      .default([])
      .describe('Login and checkout flows (reserved for the flows feature; accepted and not yet run).'),
  })
  .describe('One site: its main URL, the hosts that belong to it, and the pages to visit.');

export const timeoutsSchema = z
  .strictObject({
    connectMs: z.number().int().positive().describe('TCP connect + TLS handshake limit per probe (default 5000).'),
    requestMs: z.number().int().positive().describe('Limit for one HTTP request made from Node (default 10000).'),
    pageMs: z.number().int().positive().describe('Limit for one page navigation in the browser (default 20000).'),
    settleMs: z
      .number()
      .int()
      .nonnegative()
      .describe('How long a page may keep loading late content after "load" (default 1500).'),
  })
  .partial();

export const sitesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    ca: z
      .string()
      .optional()
      .describe('PEM file of extra trusted root certificates (relative to this file), added to the system roots.'),
    connectTo: z
      .record(hostPort, addressPort)
      .default({})
      .describe('Like curl --connect-to: "host:port" -> "address:port". Checks still see the real host name and port.'),
    timeouts: timeoutsSchema.optional(),
    policy: policySchema.optional().describe('Policy defaults for every site; a site may override them.'),
    sites: z.array(siteSchema).min(1, { message: 'list at least one site' }),
    // Stub until the config-input branch merges (it validates check ids, codes and dates too).
    accept: z
      .array(
        z.strictObject({
          check: z.string().optional(),
          code: z.string().optional(),
          site: z.string().optional(),
          target: z.string().optional(),
          reason: z.string().min(1),
          expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date "YYYY-MM-DD"' }),
        }),
      )
      .default([])
      .describe('Known findings accepted for a while, each with a reason and an expiry date.'),
  });

/**
 * Rules across fields, which JSON Schema cannot express. They run on the raw value even
 * when other fields are invalid, so one run reports every problem at once.
 */
export function crossFieldProblems(raw: unknown): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const sites = (raw as { sites?: unknown })?.sites;
  if (!Array.isArray(sites)) return problems;
  const seen = new Map<string, number>();
  sites.forEach((site: { name?: unknown; url?: unknown; subdomains?: unknown }, i) => {
    if (typeof site?.name === 'string') {
      const first = seen.get(site.name.toLowerCase());
      if (first !== undefined) {
        problems.push({ path: ['sites', i, 'name'], message: `duplicate site name "${site.name}" (also used by sites[${first}])` });
      } else seen.set(site.name.toLowerCase(), i);
    }
    const main = URL.canParse(String(site?.url)) ? new URL(String(site.url)).hostname : undefined;
    if (main && Array.isArray(site.subdomains)) {
      site.subdomains.forEach((host, j) => {
        if (typeof host === 'string' && host.toLowerCase() === main) {
          problems.push({ path: ['sites', i, 'subdomains', j], message: `"${host}" is already the site URL's host` });
        }
      });
    }
  });
  return problems;
}

export type SitesFileInput = z.input<typeof sitesFileSchema>;
export type SiteConfig = z.output<typeof siteSchema>;
export type PolicyOverrides = z.output<typeof policySchema>;
export type CookiePolicyInput = z.input<typeof cookiePolicySchema>;
