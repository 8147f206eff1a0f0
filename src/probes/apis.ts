// API evidence for a site (or a top-level API's group): every listed endpoint and every operation
// its OpenAPI document lets us ask, each asked twice from Node. Once over https with the API's
// headers (its credentials), and once as its http:// twin on port 80, without them, to see what a
// client configured with http:// gets after it has already sent its token in clear text.
//
// Secrets: the API's headers, and a body or URL that holds a secret, go only over https, only to
// the API's own hosts (those of its endpoints and of its document's absolute servers), and only
// over a connection whose certificate Node trusts for the name: otherwise the request is not sent
// at all and the check says it could not measure. The twin never carries them; a twin whose URL
// would carry a secret is not asked. Redirects are never followed. Bodies are read bounded.
import pLimit from 'p-limit';
import type { Api, ApiEndpoint, OpenApiPlan, Site } from '../model/site.ts';
import type { Timeouts } from '../model/defaults.ts';
import type { NetContext } from '../net/net-context.ts';
import { request, type Prepared } from '../net/http-exchange.ts';
import { secretForms } from '../model/redact.ts';
import { apiHosts } from '../model/apis.ts';
import { bodyFacts } from './api-answer.ts';
import type { ApiCall, ApiExchange, ApiRecord, ApisEvidence, TlsSession } from '../model/evidence.ts';

/** At most this many requests (endpoints first, then operations) per API: a scan must not load someone's API. */
export const MAX_CALLS_PER_API = 20;
/** Calls of one API at once (each is an https request and its twin). */
export const CALLS_AT_ONCE = 4;
/** Bytes of an answer's body read at most. */
export const MAX_BODY_BYTES = 1024 * 1024;

const ACCEPT = 'application/json, */*;q=0.5';

/** An API, with its OpenAPI document's plan or why it could not be read. */
export interface ApiToAsk {
  api: Api;
  document?: { plan: OpenApiPlan } | { error: string };
}

/** Header sets merged as HTTP does, names ignoring case: later sets win. */
function mergeHeaders(...sets: Record<string, string>[]): Record<string, string> {
  const byName = new Map<string, [string, string]>();
  for (const set of sets)
    for (const [name, value] of Object.entries(set)) byName.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(byName.values());
}

const holdsSecret = (text: string, secrets: readonly string[]): boolean =>
  secrets.some((s) => s.length > 0 && secretForms(s).some((form) => text.includes(form)));

/** The http:// twin of a URL: same host, path and query, on port 80; without the query when that is where a secret is. */
function twinOf(url: string, secrets: readonly string[]): { url: string; note?: string } | { skipped: string } {
  const u = new URL(url);
  const twin = `http://${u.hostname.includes(':') ? `[${u.hostname}]` : u.hostname}${u.pathname}`;
  if (!holdsSecret(`${twin}${u.search}`, secrets)) return { url: `${twin}${u.search}` };
  if (!holdsSecret(twin, secrets))
    return {
      url: twin,
      note: `the http:// twin of ${u.origin}${u.pathname} was asked without its query, which holds a secret`,
    };
  return { skipped: 'its path holds a secret, which is never sent over http' };
}

function toExchange(method: string, answer: Awaited<ReturnType<typeof request>>, credentials: boolean): ApiExchange {
  const contentType = answer.exchange.headers.find(([n]) => n === 'content-type')?.[1];
  const body = answer.body && (answer.body.bytes.length > 0 || answer.body.incomplete) ? answer.body : undefined;
  // Credentials left only when the request was written: connected, handshake done, not withheld.
  const sent = answer.withheld === undefined && (!answer.exchange.error || answer.exchange.error.phase === 'http');
  return {
    ...answer.exchange,
    method,
    credentials: credentials && sent,
    ...(answer.withheld ? { withheld: answer.withheld } : {}),
    ...(body ? { body: bodyFacts(body, contentType) } : {}),
  };
}

async function call(
  ctx: NetContext,
  api: Api,
  endpoint: ApiEndpoint & { source: string },
  ownHosts: ReadonlySet<string>,
  secrets: readonly string[],
  notes: string[],
): Promise<ApiCall> {
  const url = new URL(endpoint.url);
  url.protocol = 'https:';
  const host = url.hostname.toLowerCase();
  const configured = mergeHeaders(api.headers, endpoint.headers);
  const body = endpoint.body;
  const framing: Record<string, string> =
    body !== undefined && !Object.keys(configured).some((n) => n.toLowerCase() === 'content-type')
      ? { 'content-type': 'application/json' }
      : {};
  const credentials =
    Object.keys(configured).length > 0 || holdsSecret(url.href, secrets) || holdsSecret(body ?? '', secrets);
  const prepare = (tls: TlsSession | undefined): Prepared => {
    if (credentials && !ownHosts.has(host))
      return { withhold: `${host} is not one of the API's own hosts: its credentials were not sent` };
    if (credentials && !tls?.authorized)
      return {
        withhold: `the certificate of ${host} is not trusted (${tls?.authorizationError ?? 'no TLS'}): the API's credentials were not sent (see certificate-trust)`,
      };
    return { headers: mergeHeaders({ accept: ACCEPT }, framing, configured), ...(body === undefined ? {} : { body }) };
  };
  const readBody = endpoint.method === 'HEAD' ? undefined : MAX_BODY_BYTES;

  const twin = twinOf(url.href, secrets);
  const twinBody = body !== undefined && holdsSecret(body, secrets) ? '' : body;
  if (twinBody !== body)
    notes.push(`${endpoint.source}: its http:// twin was asked with an empty body (the body holds a secret)`);
  if ('url' in twin && twin.note) notes.push(`${endpoint.source}: ${twin.note}`);
  const [https, plain] = await Promise.all([
    request(ctx, url.href, { method: endpoint.method, prepare, readBody }),
    'url' in twin
      ? request(ctx, twin.url, {
          method: endpoint.method,
          prepare: () => ({
            headers: mergeHeaders({ accept: ACCEPT }, framing),
            ...(twinBody === undefined ? {} : { body: twinBody }),
          }),
          readBody,
        })
      : undefined,
  ]);
  return {
    source: endpoint.source,
    method: endpoint.method,
    url: url.href,
    https: toExchange(endpoint.method, https, credentials),
    ...(plain ? { twin: toExchange(endpoint.method, plain, false) } : {}),
    ...('skipped' in twin ? { twinSkipped: twin.skipped } : {}),
  };
}

async function askApi(ctx: NetContext, { api, document }: ApiToAsk, secrets: readonly string[]): Promise<ApiRecord> {
  const plan = document && 'plan' in document ? document.plan : undefined;
  const notes: string[] = [];
  const listed = [...api.endpoints.map((e, i) => ({ ...e, source: `endpoints[${i}]` })), ...(plan?.calls ?? [])];
  if (listed.length > MAX_CALLS_PER_API)
    notes.push(
      `${listed.length - MAX_CALLS_PER_API} of ${listed.length} requests were not made (at most ${MAX_CALLS_PER_API} per API): ${listed
        .slice(MAX_CALLS_PER_API)
        .map((c) => c.source)
        .slice(0, 10)
        .join(', ')}${listed.length - MAX_CALLS_PER_API > 10 ? ', ...' : ''}`,
    );
  const ownHosts = new Set(apiHosts(api, plan?.servers));
  const limit = pLimit(CALLS_AT_ONCE);
  const calls = await Promise.all(
    listed
      .slice(0, MAX_CALLS_PER_API)
      .map((endpoint) => limit(() => call(ctx, api, endpoint, ownHosts, secrets, notes))),
  );
  return {
    name: api.name,
    ...(api.openapi === undefined
      ? {}
      : {
          openapi: {
            file: api.openapi,
            servers: plan?.servers ?? [],
            operations: plan?.operations ?? 0,
            notCalled: plan?.notCalled ?? [],
            ...(document && 'error' in document ? { error: document.error } : {}),
          },
        }),
    calls,
    notes,
  };
}

/** `secrets`: the run's secret values, which decide what may go over http (nothing that holds one). */
export async function collectApis(
  ctx: NetContext,
  apis: ApiToAsk[],
  secrets: readonly string[],
): Promise<ApisEvidence> {
  return { apis: await Promise.all(apis.map((a) => askApi(ctx, a, secrets))) };
}

/**
 * The most a site's API requests can take: APIs side by side, each its calls CALLS_AT_ONCE at a
 * time; a call is an https request and its twin side by side, each a connection (tried twice),
 * the wait for the headers and the wait for the body.
 */
export const apisBoundMs = (t: Timeouts): number =>
  Math.ceil(MAX_CALLS_PER_API / CALLS_AT_ONCE) * (2 * t.connectMs + 2 * t.requestMs);

/** The hosts of a site's APIs that are not already hosts of the site: they get the TLS and certificate checks too. */
export function extraTlsHosts(site: Site, apis: ApiToAsk[]): string[] {
  const own = new Set(site.hosts);
  return [
    ...new Set(
      apis.flatMap(({ api, document }) =>
        apiHosts(api, document && 'plan' in document ? document.plan.servers : undefined),
      ),
    ),
  ].filter((h) => !own.has(h));
}
