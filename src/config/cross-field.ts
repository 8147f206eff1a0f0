// Rules across fields, which JSON Schema cannot express. They run on the raw value even when
// other fields are invalid, so one run reports every problem at once.
import { under, type FieldProblem } from './errors.ts';
import { flowProblems } from './flow-rules.ts';
import { duplicateNameProblems } from './unique-names.ts';

interface RawSite {
  name?: unknown;
  url?: unknown;
  subdomains?: unknown;
  flows?: unknown;
}

/** `baseDir`: the sites file's folder, which flow script paths are relative to. */
export function crossFieldProblems(raw: unknown, baseDir: string): FieldProblem[] {
  const sites = (raw as { sites?: unknown })?.sites;
  if (!Array.isArray(sites)) return [];
  return [
    ...under(['sites'], duplicateNameProblems(sites, 'site')),
    ...sites.flatMap((site: RawSite, i) => under(['sites', i], siteProblems(site, baseDir))),
    ...acceptProblems((raw as { accept?: unknown }).accept, sites),
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
  ];
}

function acceptProblems(accept: unknown, sites: RawSite[]): FieldProblem[] {
  if (!Array.isArray(accept)) return [];
  const names = new Set(sites.map((site) => site?.name));
  return accept.flatMap((acceptance: { site?: unknown }, i) =>
    typeof acceptance?.site === 'string' && !names.has(acceptance.site)
      ? [{ path: ['accept', i, 'site'], message: `no site of this file is named "${acceptance.site}"` }]
      : [],
  );
}
