// An API's own hosts, shared by the collector (which sends credentials only to them) and the
// API check (which tells their http:// links from those of other hosts).
import type { Api } from './site.ts';
import type { ApisEvidence } from './evidence.ts';
import { hostOf } from './url.ts';

/** The hosts of the API's endpoints and of its OpenAPI document's absolute server URLs, lower case. */
export function apiHosts(api: Api, servers: readonly { url: string }[] = []): string[] {
  const urls = [...api.endpoints.map((e) => e.url), ...servers.map((s) => s.url)];
  return [
    ...new Set(
      urls
        .map(hostOf)
        .filter((h) => h !== '')
        .map((h) => h.toLowerCase()),
    ),
  ];
}

/** API evidence of a site without APIs (and of a team's own test, which asks none). */
export const NO_APIS: ApisEvidence = { apis: [] };
