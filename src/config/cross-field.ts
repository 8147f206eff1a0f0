// Rules across fields, which JSON Schema cannot express. They run on the raw value even when
// other fields are invalid, so one run reports every problem at once.
import { under, type FieldProblem } from './errors.ts';
import { flowProblems } from './flow-rules.ts';
import { duplicateNameProblems } from './unique-names.ts';
import { apiListProblems, apiSiteNameProblems } from './api-rules.ts';

interface RawSite {
  name?: unknown;
  url?: unknown;
  subdomains?: unknown;
  flows?: unknown;
  apis?: unknown;
}

/** `baseDir`: the sites file's folder, which flow script paths are relative to. */
export function crossFieldProblems(raw: unknown, baseDir: string): FieldProblem[] {
  const sites = (raw as { sites?: unknown })?.sites;
  if (!Array.isArray(sites)) return [];
  const apis = (raw as { apis?: unknown }).apis;
  return [
    ...(sites.length === 0 && !(Array.isArray(apis) && apis.length > 0)
      ? [{ path: ['sites'], message: 'list at least one site (or a top-level API in "apis")' }]
      : []),
    ...under(['sites'], duplicateNameProblems(sites, 'site')),
    ...sites.flatMap((site: RawSite, i) => under(['sites', i], siteProblems(site, baseDir))),
    ...under(['apis'], [...apiListProblems(apis, baseDir), ...apiSiteNameProblems(apis, sites)]),
    ...acceptProblems((raw as { accept?: unknown }).accept, sites, apis),
  ];
}

function siteProblems(site: RawSite, baseDir: string): FieldProblem[] {
  const main = URL.canParse(String(site?.url)) ? new URL(String(site.url)).hostname : undefined;
  const subdomains: unknown[] = Array.isArray(site?.subdomains) ? site.subdomains : [];
  const hosts =
    main === undefined
      ? undefined
      : [main, ...subdomains.filter((h) => typeof h === 'string').map((h) => h.toLowerCase())];
  return [
    ...subdomains.flatMap((host, j) =>
      typeof host === 'string' && host.toLowerCase() === main
        ? [{ path: ['subdomains', j], message: `"${host}" is already the site URL's host` }]
        : [],
    ),
    ...(Array.isArray(site?.flows) ? under(['flows'], flowProblems(site.flows, hosts, baseDir)) : []),
    ...under(['apis'], apiListProblems(site?.apis, baseDir)),
  ];
}

/** `site` names a site, or a top-level API (reported as a group of its own). */
function acceptProblems(accept: unknown, sites: RawSite[], apis: unknown): FieldProblem[] {
  if (!Array.isArray(accept)) return [];
  const names = new Set([...sites, ...(Array.isArray(apis) ? apis : [])].map((site) => site?.name));
  return accept.flatMap((acceptance: { site?: unknown }, i) =>
    typeof acceptance?.site === 'string' && !names.has(acceptance.site)
      ? [{ path: ['accept', i, 'site'], message: `no site of this file is named "${acceptance.site}"` }]
      : [],
  );
}
