// sites.json `discover`: at the top level for every site, or per site (which wins). `true` means
// the defaults (hosts on, a small crawl, CT off); an object sets any of them.
import { z } from 'zod';
import { DEFAULT_DISCOVERY } from '../model/defaults.ts';
import type { DiscoverSettings } from '../model/site.ts';
import { httpsUrlProblem, missingFieldMessage, rule, timeoutMs } from './fields.ts';
import { regex } from './regex.ts';

/** The CT endpoint: an https URL with `{domain}` where the registrable domain goes. */
const ctUrl = z
  .string()
  .superRefine(
    rule((url) =>
      url.includes('{domain}')
        ? httpsUrlProblem(url.split('{domain}').join('example.com'))
        : 'the URL must hold {domain}, which is replaced by the registrable domain, e.g. "https://crt.sh/?q=%25.{domain}&output=json"',
    ),
  );

/**
 * `true`, `false` or an object, checked as the object when it is one, so that a problem is named
 * at its own path ("$.discover.maxHosts: ...") instead of zod's "Invalid input" for a union.
 */
function booleanOr<T extends z.ZodObject>(object: T, example: string) {
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(z.union([z.boolean(), object]), {
    io: 'input',
    unrepresentable: 'any',
  });
  return z
    .unknown()
    .transform((raw, ctx): boolean | z.output<T> => {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        ctx.addIssue({ code: 'custom', message: `expected true, false or an object such as ${example}`, input: raw });
        return z.NEVER;
      }
      const parsed = object.safeParse(raw, { error: missingFieldMessage });
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
            : issue.message;
        ctx.addIssue({ code: 'custom', message, path: issue.path, input: raw });
      }
      return z.NEVER;
    })
    .meta(jsonSchema);
}

const crawlSchema = z
  .strictObject({
    maxPages: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe(`Pages the crawl visits at most, besides the listed ones (default ${DEFAULT_DISCOVERY.maxPages}).`),
    maxDepth: z
      .number()
      .int()
      .min(1)
      .max(20)
      .describe(`Links followed from a listed page at most (default ${DEFAULT_DISCOVERY.maxDepth}).`),
    exclude: z
      .array(regex)
      .describe(
        'Case-insensitive regular expressions on the path and query of a link: matching links are never followed. Links that look like sign-out or delete links never are, whatever this says.',
      ),
    budgetMs: timeoutMs.describe(`The most time the crawl takes (default ${DEFAULT_DISCOVERY.budgetMs}).`),
  })
  .partial();

export const discoverSchema = booleanOr(
  z
    .strictObject({
      hosts: z
        .boolean()
        .describe("Probe the hosts found under the site's registrable domain with every host check (default true)."),
      maxHosts: z
        .number()
        .int()
        .min(1)
        .max(500)
        .describe(`Hosts found that are probed at most per site (default ${DEFAULT_DISCOVERY.maxHosts}).`),
      pages: booleanOr(crawlSchema, '{ "maxPages": 30 }').describe(
        'Crawl the main host from the listed pages and the sitemaps (true: default bounds; false: no crawl).',
      ),
      ct: z
        .strictObject({
          url: ctUrl.describe('A crt.sh-compatible JSON endpoint; {domain} is replaced by the registrable domain.'),
        })
        .describe('Certificate transparency, off unless set.'),
    })
    .partial(),
  '{ "hosts": true, "pages": { "maxPages": 30 } }',
).describe(
  'Find the hosts and pages sites.json does not list (certificates, links, robots.txt, sitemaps, optionally CT) and check them too: true for the defaults, false for none, or an object.',
);

export type DiscoverInput = z.output<typeof discoverSchema>;

/** The site's own `discover` wins over the file's; undefined means off. */
export function resolveDiscover(input: DiscoverInput | undefined): DiscoverSettings | undefined {
  if (input === undefined || input === false) return undefined;
  const o = input === true ? {} : input;
  const pages = o.pages ?? true;
  return {
    hosts: o.hosts ?? true,
    maxHosts: o.maxHosts ?? DEFAULT_DISCOVERY.maxHosts,
    pages:
      pages === false
        ? false
        : {
            maxPages: (pages === true ? undefined : pages.maxPages) ?? DEFAULT_DISCOVERY.maxPages,
            maxDepth: (pages === true ? undefined : pages.maxDepth) ?? DEFAULT_DISCOVERY.maxDepth,
            exclude: (pages === true ? undefined : pages.exclude) ?? [],
            budgetMs: (pages === true ? undefined : pages.budgetMs) ?? DEFAULT_DISCOVERY.budgetMs,
          },
    ...(o.ct ? { ct: { url: o.ct.url } } : {}),
  };
}
