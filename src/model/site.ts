// A site as every layer sees it once the sites file is read: its hosts, pages, policy, cookie
// rules and flows, and the run's own settings (connectTo, ca, timeouts, accepted findings).
import type { Policy, Timeouts } from './defaults.ts';

export interface Site {
  name: string;
  url: string;
  /** The URL's host first, then the listed subdomains. */
  hosts: string[];
  pages: string[];
  policy: Policy;
  cookies: CookiePolicy;
  /** False: no screenshot of this site's pages and flows (its pages show secrets). */
  screenshots: boolean;
  /** Every flow comes after the flow named in its `after`; otherwise file order. */
  flows: Flow[];
  /** The site's APIs (`sites[].apis`); for a top-level API's group, that one API. None when absent. */
  apis?: Api[];
  /**
   * 'api': a top-level `apis` entry, reported as a group of its own (named after the API): it has
   * the API and its hosts, and no hosts, pages or flows of a site (`hosts`, `pages` and `flows` are empty).
   */
  group?: 'api';
  /** Set when discovery is on for this site (its own `discover`, else the file's). */
  discover?: DiscoverSettings;
}

/** One request an API is asked with: listed in `endpoints`, or an operation of its OpenAPI document. */
export interface ApiEndpoint {
  /** Absolute http(s) URL. */
  url: string;
  /** Upper case: GET, HEAD, POST... */
  method: string;
  body?: string;
  /** The endpoint's own headers, over the API's. */
  headers: Record<string, string>;
}

/**
 * An API of `apis`: its listed endpoints and its OpenAPI document, asked over https with its
 * headers. Its own hosts are those of its endpoints and of the document's absolute server URLs:
 * the only hosts its headers and secret bodies go to, over https only.
 */
export interface Api {
  name: string;
  /** Absolute path of the OpenAPI 3.x document (JSON or YAML), when listed. Read by the collection process. */
  openapi?: string;
  endpoints: ApiEndpoint[];
  /** Sent with every request of the API over https to its own hosts, never over http. */
  headers: Record<string, string>;
}

/** What an API's OpenAPI document lists, and which of its operations are asked (see config/openapi.ts). */
export interface OpenApiPlan {
  /** Every server URL of the document (top level, path and operation `servers`), variables replaced by their defaults. */
  servers: { url: string; where: string }[];
  /** Operations the document has, of every method. */
  operations: number;
  /** The operations that are asked, in document order; `source` is e.g. "openapi GET /items/{id}". */
  calls: (ApiEndpoint & { source: string })[];
  /** The operations left out, each with why. */
  notCalled: string[];
}

/** What discovery may do for a site, defaults applied (config/schema.ts describes each field). */
export interface DiscoverSettings {
  /** Probe the in-scope hosts found and judge them with the host checks. */
  hosts: boolean;
  maxHosts: number;
  /** The crawl of the main host, or false for none. */
  pages: CrawlBounds | false;
  /** A crt.sh-compatible JSON endpoint; `{domain}` stands for the registrable domain. */
  ct?: { url: string };
}

export interface CrawlBounds {
  maxPages: number;
  maxDepth: number;
  /** Case-insensitive regular expressions on a URL's path and query: such links are never followed. */
  exclude: string[];
  budgetMs: number;
}

/** `secret`: the value as written held a ${VAR} placeholder. */
export type FlowStep =
  | { kind: 'goto'; url: string /* absolute, resolved against the site URL */; timeoutMs?: number }
  | { kind: 'click' | 'check' | 'uncheck'; selector: string; timeoutMs?: number }
  | { kind: 'fill'; selector: string; value: string; secret: boolean; timeoutMs?: number }
  | { kind: 'select'; selector: string; values: string[]; secret: boolean; timeoutMs?: number }
  | { kind: 'press'; selector: string; key: string; timeoutMs?: number }
  | { kind: 'waitFor'; url?: string; selector?: string; text?: string; timeoutMs?: number };

export interface Flow {
  name: string;
  after?: string;
  steps?: FlowStep[]; // exactly one of steps / script
  script?: string; // absolute path
  visit: string[]; // paths, default []
  allowHosts: string[]; // lower-cased, default []
  secrets: Record<string, string>; // substituted values, default {}
}

export interface CookiePolicy {
  sessionNames: string[];
  ignore: { name: string; domain?: string; reason: string }[];
}

/** A known finding accepted until `expires` (YYYY-MM-DD): at least one of check and code. */
export interface Acceptance {
  check?: string;
  /** "<check id>.<code>" */
  code?: string;
  site?: string;
  /** The exact target; a team's own tests may give a RegExp. */
  target?: string | RegExp;
  reason: string;
  /** The last day it holds (YYYY-MM-DD, UTC): always in sites.json, optional in a team's own tests. */
  expires?: string;
}

export interface ScanConfig {
  sitesFile: string;
  /** Absolute path of the extra CA bundle, when configured (read when used: it may be generated later). */
  caFile?: string;
  connectTo: Record<string, string>;
  timeouts: Timeouts;
  sites: Site[];
  accept: Acceptance[];
  /** Values substituted from the environment, and flows' secrets: never to appear in any report. */
  secrets: string[];
}
