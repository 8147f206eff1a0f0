// How a local test site is described: its hosts, what each answers on 443 and 80,
// and the sites.json entry that scans it. Every planted flaw is a LabHost setting.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SecureContextOptions } from 'node:tls';
import type { CookiePolicyInput, PolicyOverrides, SitesFileInput } from '../src/config/schema.ts';
import type { ApiInput } from '../src/config/api-schema.ts';
import type { Issued } from './pki.ts';

type SiteInput = SitesFileInput['sites'][number];

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The lab's certificate authority: a root and the intermediate that signs leaves. */
export interface LabPki {
  root: Issued;
  intermediate: Issued;
  /** A root no client trusts (like a TLS-intercepting proxy's), never in the lab's ca.pem. */
  untrustedRoot: Issued;
}

/** What the server presents: a key and the certificate chain it sends. */
export interface Credentials {
  key: string;
  cert: string;
}

export type HttpsBehaviour =
  /** A real HTTPS server. `credentials` defaults to a leaf for the host from the lab intermediate. */
  | {
      kind: 'serve';
      handler: Handler;
      credentials?: (pki: LabPki, host: string) => Promise<Credentials>;
      tls?: SecureContextOptions;
    }
  /** Nothing listens: connection refused. */
  | { kind: 'refuse' }
  /** Accepts TCP and never answers: a timeout. */
  | { kind: 'silent' }
  /** Completes the TLS handshake and never sends a byte: no HTTP answer, ever. */
  | { kind: 'mute' }
  /** Plain HTTP on the TLS port: the handshake fails. */
  | { kind: 'plain-http' }
  /** No connectTo entry and a name that does not resolve: a DNS failure. */
  | { kind: 'no-dns' };

export interface LabHost {
  host: string;
  https: HttpsBehaviour;
  /** Port 80. Defaults to a 301 to the same URL on https. 'refuse' maps port 80 to a closed port. */
  http?: Handler | 'refuse';
  /** Other ports the same https server answers on, as https://host:port/ (a 'serve' host only). */
  alsoOn?: number[];
}

/**
 * A finding the scan must report: severity, finding code and target. A pattern for the message
 * is given only where the message carries a measured fact worth pinning (days left, what the browser did).
 */
export type ExpectedFinding = [severity: string, code: string, target: string, message?: RegExp];

/** What the scan must conclude for one check on a lab site. Checks not listed must pass clean. */
export interface ExpectedCheck {
  status: 'passed' | 'failed' | 'warning' | 'error' | 'skipped';
  findings?: ExpectedFinding[];
  /** Targets expected as "could not measure", with a pattern for the reason where it pins a measured fact. */
  unmeasured?: (string | [target: string, reason: RegExp])[];
  /** Notes the check must make (each pattern matches one of them); other notes are free. */
  notes?: RegExp[];
}

export interface LabSite {
  name: string;
  /** What this site proves, shown by `npm run lab`. */
  purpose: string;
  /** The first host is the site URL's host; the others are listed as subdomains unless `unlisted`. */
  hosts: LabHost[];
  /** Hosts served by the lab but not listed in sites.json (third-party CDNs and the like). */
  unlisted?: LabHost[];
  pages: string[];
  /** Login and checkout flows, as written in sites.json (a script path is relative to the repository). */
  flows?: Record<string, unknown>[];
  policy?: PolicyOverrides;
  cookies?: CookiePolicyInput;
  /** The site's `apis`, as written in sites.json (an `openapi` path is relative to the repository). */
  apis?: ApiInput[];
  /**
   * Written as a top-level `apis` entry named after this lab site (reported as a group of its own),
   * not as a site: its hosts serve the API, and `pages` is empty.
   */
  topLevelApi?: Omit<ApiInput, 'name'>;
  /** sites.json `discover` for this site; off when absent (its discovery check is then not applicable). */
  discover?: SiteInput['discover'];
  /** The exact verdicts the integration test demands, by check id. */
  expect: Record<string, ExpectedCheck>;
}

/**
 * The lab's `timeouts.settleMs`: the default, as the README promises it, so that late content up
 * to it is waited for by the rule and not by chance (500 ms of network quiet would end sooner).
 */
export const LAB_SETTLE_MS = 1_500;

/** Verdicts of the cookie checks on a site whose pages set no cookie: nothing to judge. */
export const NO_COOKIES: Record<string, ExpectedCheck> = {
  'cookie-secure': { status: 'skipped' },
  'cookie-httponly': { status: 'skipped' },
  'cookie-samesite': { status: 'skipped' },
};

/** The verdict of secure-forms on a site without password, card or login forms. */
export const NO_SENSITIVE_FORMS: Record<string, ExpectedCheck> = { 'secure-forms': { status: 'skipped' } };

/** Verdicts on a top-level API's group of the checks that judge only a site's hosts and pages, and of the cookie checks when its answers set none. */
export const API_GROUP: Record<string, ExpectedCheck> = {
  'https-port-443': { status: 'skipped' },
  'http-redirect': { status: 'skipped' },
  'no-downgrade': { status: 'skipped' },
  hsts: { status: 'skipped' },
  'mixed-content': { status: 'skipped' },
  'secure-forms': { status: 'skipped' },
  ...NO_COOKIES,
};

/**
 * The verdict a check must reach on a lab site that does not list it: passed, or skipped for
 * api-transport on a site without APIs and for discovery on a site that does not turn it on.
 */
export function expectedVerdict(site: LabSite, checkId: string): ExpectedCheck {
  const skipped =
    (checkId === 'api-transport' && !site.apis && !site.topLevelApi) || (checkId === 'discovery' && !site.discover);
  return site.expect[checkId] ?? { status: skipped ? 'skipped' : 'passed' };
}
