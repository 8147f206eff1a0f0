// The one source of truth for sites.json: TypeScript types, runtime validation and
// sites.schema.json (written by `npm run schema`) all come from these definitions.
import { z } from 'zod';

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*$/i, {
    message: 'expected a hostname such as "api.example.com" (no scheme, port or path)',
  });

const hostPort = z.string().regex(/^(\*\.)?[a-z0-9_.-]+:\d{1,5}$/i, {
  message: 'expected "host:port", for example "shop.example.com:443" (a leading "*." matches every subdomain)',
});

const addressPort = z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+):\d{1,5}$/i, {
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
  .superRefine((site, ctx) => {
    const main = new URL(site.url).hostname;
    site.subdomains.forEach((host, i) => {
      if (host.toLowerCase() === main.toLowerCase()) {
        ctx.addIssue({ code: 'custom', path: ['subdomains', i], message: `"${host}" is already the site URL's host` });
      }
    });
  });

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
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.sites.forEach((site, i) => {
      const key = site.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sites', i, 'name'],
          message: `duplicate site name "${site.name}" (also used by sites[${first}])`,
        });
      } else seen.set(key, i);
    });
  });

export type SitesFileInput = z.input<typeof sitesFileSchema>;
export type SitesFile = z.output<typeof sitesFileSchema>;
export type SiteConfig = z.output<typeof siteSchema>;
export type PolicyOverrides = z.output<typeof policySchema>;
export type CookiePolicyInput = z.input<typeof cookiePolicySchema>;
