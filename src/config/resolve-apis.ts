// From the APIs as written to the resolved Api every other module uses, and from a top-level API
// to the group it is reported as: a Site of its own, named after the API, with no hosts, pages
// or flows, so that --grep, --shard, the reports and `accept` treat it as they treat a site.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiConfig } from './api-schema.ts';
import type { Api, Site } from '../model/site.ts';

export function resolveApi(api: ApiConfig, baseDir: string): Api {
  return {
    name: api.name,
    ...(api.openapi === undefined ? {} : { openapi: path.resolve(baseDir, api.openapi) }),
    endpoints: api.endpoints.map((e) => ({
      url: e.url,
      method: e.method,
      ...(e.body === undefined ? {} : { body: e.body }),
      headers: e.headers ?? {},
    })),
    headers: api.headers,
  };
}

/** The group a top-level API is reported as; `rules` are the file's policy and the default cookie rules. */
export function apiGroup(api: Api, rules: Pick<Site, 'policy' | 'cookies'>): Site {
  return {
    name: api.name,
    // What the reports show as the group's URL: the first listed endpoint, else the document.
    url: api.endpoints[0]?.url ?? pathToFileURL(api.openapi ?? '').href,
    hosts: [],
    pages: [],
    policy: rules.policy,
    cookies: rules.cookies,
    screenshots: false,
    flows: [],
    apis: [api],
    group: 'api',
  };
}
