// Field types shared across sites.json: names, host names, URLs, paths, addresses, timeouts.
// Each rule rejects an input that was once accepted and then broke or misled the scan.
import { isIP } from 'node:net';
import { z } from 'zod';
import { splitHostPort } from '../net/connect-to.ts';
import { TIMEOUT_MAX_MS } from '../model/defaults.ts';

/** A zod refinement from a function that says what is wrong with a value, if anything. */
export function rule<T>(problem: (value: T) => string | undefined) {
  return (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const message = problem(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value });
  };
}

/** zod's words for a missing field ("expected string, received undefined") hide what is wrong. */
export const missingFieldMessage: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required field is missing' : undefined;

/**
 * Options of an object-level refine that runs even when some fields are invalid (zod skips it
 * otherwise), so one run lists every problem. The rule must then read fields defensively.
 */
export const evenWithInvalidFields = {
  when: ({ value }: z.core.ParsePayload) => typeof value === 'object' && value !== null && !Array.isArray(value),
};

/** Site and flow names become test titles and file names: short, plain characters. */
export const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, {
    message: 'expected a short name of letters, digits, spaces, ".", "_" or "-"',
  })
  .max(64, { message: 'at most 64 characters: names become test titles and file names' });

/** Browsers read a host whose last label is a number ("10.1", "0x7f.1") as an IPv4 address. */
function isIpAddress(host: string): boolean {
  return isIP(host.replace(/^\[(.*)\]$/, '$1')) !== 0 || /(^|\.)(\d+|0x[\da-f]*)\.?$/i.test(host);
}

function ipProblem(host: string): string | undefined {
  return isIpAddress(host)
    ? `"${host}" is an IP address: certificates, HSTS and cookies are bound to names: list the host name and use connectTo to reach the address`
    : undefined;
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*$/;

export function hostnameProblem(host: string): string | undefined {
  return (
    ipProblem(host) ??
    (HOSTNAME.test(host) ? undefined : `expected a host name such as "api.example.com", not "${host}"`)
  );
}

export const hostname = z
  .string()
  // No regex flags in schemas: JSON Schema patterns cannot carry them.
  .regex(HOSTNAME, { message: 'expected a hostname such as "api.example.com" (no scheme, port or path)' })
  .superRefine(rule(ipProblem));

/** Why `text` is not an https URL the scan can use as a site or a flow target, or undefined. */
export function httpsUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return 'expected an absolute URL such as "https://example.com/"';
  if (!text.startsWith('https://')) return 'the URL must start with https://';
  const authority = text.slice('https://'.length).split(/[/\\?#]/)[0]!;
  if (authority === '') return 'the URL has no host (nothing between "https://" and the path)';
  if (authority.includes('@')) return 'a URL may not carry a user name or password ("user:password@")';
  const url = new URL(text);
  if (url.port !== '') {
    return `the URL names port ${url.port}: the checks probe ports 443 and 80 of every host. Keep the host name without a port and send its traffic to the server with connectTo, e.g. "connectTo": { "${url.hostname}:443": "<address>:${url.port}" }`;
  }
  return hostnameProblem(url.hostname);
}

export const httpsUrl = z.string().superRefine(rule(httpsUrlProblem)).meta({ format: 'uri', pattern: '^https://' });

/** Why `path` would not be a path on the site's own host, or undefined. */
function pathProblem(path: string): string | undefined {
  if (path.includes('\\'))
    return 'backslashes are not allowed in a path (browsers read "\\" as "/", and "/\\host" as another host)';
  const base = 'https://site.invalid/';
  if (!URL.canParse(path, base) || new URL(path, base).host !== 'site.invalid') {
    return 'the path leaves the site: a path starting with "//" names another host';
  }
  return undefined;
}

/** A path on the site's own host, such as "/account". */
export const sitePath = z
  .string()
  .startsWith('/', { message: 'expected a path starting with "/"' })
  .superRefine(rule(pathProblem));

/** A path on the site, or an absolute https URL (its host is checked against the site's hosts later). */
export const pathOrUrl = z
  .string()
  .superRefine(
    rule((v) =>
      v.startsWith('/')
        ? pathProblem(v)
        : URL.canParse(v)
          ? httpsUrlProblem(v)
          : 'expected a path starting with "/" or an absolute https:// URL',
    ),
  );

function portProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65_535 ? undefined : `port ${port} is not between 1 and 65535`;
}

const HOST_PORT = /^(\*\.)?[A-Za-z0-9_.-]+:\d{1,5}$/;
const ADDRESS_PORT = /^(\[[^\]]+\]|[A-Za-z0-9_.-]+):\d{1,5}$/;

/** The left side of a connectTo rule: "host:port", where "*." matches every subdomain. */
export const hostPort = z
  .string()
  .regex(HOST_PORT, {
    message: 'expected "host:port", for example "shop.example.com:443" (a leading "*." matches every subdomain)',
  })
  .superRefine(
    rule((value) => {
      if (!HOST_PORT.test(value)) return undefined; // the shape's own message says it all
      const { host, port } = splitHostPort(value);
      return hostnameProblem(host.replace(/^\*\./, '')) ?? portProblem(port);
    }),
  );

/** The right side of a connectTo rule: "address:port", an IPv6 address in brackets. */
export const addressPort = z
  .string()
  .regex(ADDRESS_PORT, { message: 'expected "address:port", for example "10.0.0.5:8443" or "[::1]:8443"' })
  .superRefine(
    rule((value) => {
      if (!ADDRESS_PORT.test(value)) return undefined;
      const { host, port } = splitHostPort(value);
      if (value.startsWith('[')) return isIP(host) === 6 ? portProblem(port) : `"${host}" is not an IPv6 address`;
      return isIP(host) === 4 || hostnameProblem(host) === undefined
        ? portProblem(port)
        : `"${host}" is neither an IPv4 address nor a host name`;
    }),
  );

/** Node turns a timer over 2^31-1 ms into 1 ms: every timeout has a sane ceiling. */
const milliseconds = z
  .number()
  .int()
  .max(TIMEOUT_MAX_MS, { message: `at most ${TIMEOUT_MAX_MS} ms (10 minutes)` });
export const timeoutMs = milliseconds.positive();
export const delayMs = milliseconds.nonnegative();
