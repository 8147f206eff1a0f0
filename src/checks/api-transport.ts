// api-transport: an API is https:// on 443 for a client that is not a browser. Such a client
// has no HSTS and no mixed-content blocking: an http:// URL it is given, or an http:// twin that
// answers or redirects, has received its token in clear text before anything could stop it.
// Judged: the URLs the API is listed with (endpoints, OpenAPI servers), the http:// twin of each
// request asked without credentials, and what the API's own https answers point to (Location,
// Link and other URL headers, http:// URLs anywhere in their JSON). HSTS is noted, not required:
// API clients do not apply it. The answers' cookies are judged by the cookie checks.
import type { Api, Site } from '../model/site.ts';
import type { ApiCall, ApiExchange, ApiRecord } from '../model/evidence.ts';
import type { Check } from '../model/check.ts';
import { apiHosts } from '../model/apis.ts';
import { isRedirect } from '../model/redirects.ts';
import { hostOf, resolveUrl } from '../model/url.ts';
import { describeFailure } from './describe-failure.ts';
import { parseSts } from './hsts.ts';
import { Outcome } from './outcome.ts';

const CODES = {
  'http-endpoint': 'a listed endpoint URL is http://',
  'http-server': 'a server of the OpenAPI document is http://',
  'not-port-443': 'an https:// endpoint or server on a port other than 443',
  'http-twin-answers':
    'the http:// twin of a request answers it (neither an error nor a redirect): a client configured with http:// works, in clear text',
  'http-twin-redirects':
    'the http:// twin redirects with 301, 302 or 303: the credentials went in clear text first, and a POST turns into a GET',
  'http-twin-redirects-keeping-method':
    'the http:// twin redirects with 307 or 308: the credentials went in clear text first (lower: the method and body are kept)',
  'redirect-to-http': 'an https answer of the API redirects to an http:// URL',
  'http-link': "an http:// or ws:// URL of the API's (or the site's) own hosts in an answer's JSON or URL headers",
  'http-link-other-host': "an http:// or ws:// URL of another host in an answer's JSON or URL headers (low)",
};
type Code = keyof typeof CODES;

const REMEDIATIONS: Partial<Record<Code, string>> = {
  'http-twin-answers':
    'Do not serve the API on port 80: close it, or answer every http:// request with an error (e.g. 403 or 426 with no data) so that a misconfigured client fails at once instead of working in clear text.',
  'http-twin-redirects':
    'Do not redirect API requests from http:// to https://: the client has sent its token in clear text before it sees the redirect, and 301/302/303 turn a POST into a GET. Refuse port 80, or answer with an error; where a redirect must stay for browsers, use 308.',
  'http-twin-redirects-keeping-method':
    'Do not redirect API requests from http:// to https://: the client has sent its token in clear text before it sees the redirect. Refuse port 80 for the API, or answer with an error (e.g. 403 or 426 with no data).',
  'http-link':
    'Build every URL in API answers (links, pagination, Location, asset URLs) with https://, or relative to the request: behind a TLS-terminating proxy, from X-Forwarded-Proto.',
  'http-link-other-host':
    'Reference other hosts with https:// URLs in API answers: a client that follows an http:// URL sends and receives it in clear text.',
};

/** Headers whose value is, or holds, a URL a client may follow. */
function headerUrls(name: string, value: string, base: string): string[] {
  if (name === 'location' || name === 'content-location') return [resolveUrl(value, base) ?? value];
  if (name === 'link') return [...value.matchAll(/<([^>]*)>/g)].map((m) => resolveUrl(m[1]!, base) ?? m[1]!);
  if (name === 'refresh') {
    const url = /url\s*=\s*['"]?([^'"\s;]+)/i.exec(value)?.[1];
    return url ? [resolveUrl(url, base) ?? url] : [];
  }
  return [];
}

const isInsecure = (url: string): boolean => /^(http|ws):\/\//i.test(url);
const HEADER_NAMES: Record<string, string> = {
  location: 'Location',
  'content-location': 'Content-Location',
  link: 'Link',
  refresh: 'Refresh',
};

class ApiJudge {
  constructor(
    private readonly out: Outcome<Code>,
    private readonly api: Api,
    private readonly ownHosts: ReadonlySet<string>,
  ) {}

  private get of(): string {
    return ` (API ${this.api.name})`;
  }

  /** A listed URL (endpoint or server): https:// on 443. */
  url(url: string, what: string, httpCode: 'http-endpoint' | 'http-server'): void {
    const u = new URL(url);
    this.out.judged(url);
    if (u.protocol === 'http:')
      this.out.add(
        httpCode,
        'high',
        url,
        `${what} is http://${this.of}: a client using it sends its credentials and data in clear text, and nothing (no HSTS) upgrades it`,
        `List and publish the API with https:// URLs only${httpCode === 'http-server' ? " (in the OpenAPI document's servers)" : ''}.`,
      );
    else if (u.port !== '')
      this.out.add(
        'not-port-443',
        'medium',
        url,
        `${what} is https:// on port ${u.port}, not 443${this.of}: clients and proxies expect 443 (the TLS and certificate checks probe 443)`,
        'Serve the API on port 443, e.g. behind a reverse proxy or load balancer.',
      );
  }

  /** The http:// twin of a request, asked without credentials. */
  twin(call: ApiCall): void {
    if (call.twinSkipped !== undefined) {
      this.out.cannotMeasure(`http:// twin of ${call.url}`, `not asked: ${call.twinSkipped}`);
      return;
    }
    const twin = call.twin;
    if (!twin) return;
    this.out.judged(twin.url);
    const request = `${twin.method} ${twin.url}`;
    if (twin.error) {
      this.out.note(`${request}: ${describeFailure(twin.error)}, which passes: a client using http:// gets nothing`);
      return;
    }
    const status = twin.status ?? 0;
    if (isRedirect(status)) {
      const changes = status === 301 || status === 302 || status === 303;
      this.out.add(
        changes ? 'http-twin-redirects' : 'http-twin-redirects-keeping-method',
        changes ? 'high' : 'medium',
        twin.url,
        `${request} redirects with HTTP ${status} to ${twin.location ?? '(no Location)'}${this.of}: a client configured with http:// has sent its credentials in clear text before it sees the redirect, and follows it silently${changes ? `; a ${status} also turns a POST (or PUT) into a GET without its body` : ''}`,
        REMEDIATIONS[changes ? 'http-twin-redirects' : 'http-twin-redirects-keeping-method'],
      );
    } else if (status >= 400) {
      this.out.note(`${request}: HTTP ${status}, an error without data, which passes`);
    } else {
      this.out.add(
        'http-twin-answers',
        'high',
        twin.url,
        `${request} answered HTTP ${status}${describeBody(twin)} over plain http, although asked without credentials${this.of}: a client configured with http:// sends its token and gets its data in clear text`,
        REMEDIATIONS['http-twin-answers'],
      );
    }
  }

  /** The API's own answer over https: what it points clients to. */
  answer(call: ApiCall): void {
    const https = call.https;
    const target = `${call.method} ${call.url}`;
    const unasked =
      https.withheld !== undefined
        ? `was not sent: ${https.withheld}`
        : https.error && `failed: ${describeFailure(https.error)}`;
    if (unasked) {
      this.out.cannotMeasure(call.url, `${target} ${unasked}`);
      return;
    }
    this.out.judged(call.url);
    if (isRedirect(https.status) && https.location && isInsecure(https.location)) {
      this.out.add(
        'redirect-to-http',
        'high',
        call.url,
        `${target} redirects to ${https.location} (HTTP ${https.status})${this.of}: a client following it repeats the request in clear text`,
        'Redirect API requests only to https:// URLs; behind a TLS-terminating proxy, build Location from X-Forwarded-Proto or make it relative.',
      );
    }
    for (const [name, value] of https.headers) {
      for (const url of headerUrls(name, value, https.url)) {
        // A redirect's own Location is judged above.
        if (name === 'location' && isRedirect(https.status)) continue;
        if (isInsecure(url))
          this.link(call, `${HEADER_NAMES[name]} header`, `in its ${HEADER_NAMES[name]} header`, url);
      }
    }
    const body = https.body;
    if (!body) return;
    if (body.incomplete && body.format !== 'json')
      this.out.cannotMeasure(`${call.url} › body`, `${target}: ${body.incomplete}, so its JSON could not be searched`);
    else if (body.format === 'invalid-json') this.out.note(`${target}: the answer is not valid JSON, not searched`);
    for (const { path, url } of body.insecureUrls) this.link(call, path, `at ${path}`, url);
    if (body.moreInsecureUrls > 0)
      this.out.note(`${target}: ${body.moreInsecureUrls} more http:// URLs in the answer, not listed one by one`);
  }

  /** `where`: the header or JSON path, as the target names it; `said`: the same in the message. */
  private link(call: ApiCall, where: string, said: string, url: string): void {
    const own = this.ownHosts.has(hostOf(url).toLowerCase());
    this.out.add(
      own ? 'http-link' : 'http-link-other-host',
      own ? 'medium' : 'low',
      `${call.url} › ${where}`,
      `the answer to ${call.method} ${call.url} holds ${url} ${said}${this.of}: a client following it ${own ? 'sends its next request (and credentials) to the API' : 'fetches it'} in clear text`,
      REMEDIATIONS[own ? 'http-link' : 'http-link-other-host'],
    );
  }
}

function describeBody(x: ApiExchange): string {
  if (!x.body || x.body.bytes === 0) return ' with an empty body';
  const kind = x.body.format === 'json' ? 'JSON' : 'data';
  return ` with ${x.body.bytes}${x.body.incomplete ? '+' : ''} bytes of ${kind}`;
}

/** HSTS on the API's https answers: noted per host, never required (API clients do not apply it). */
function noteHsts(out: Outcome<Code>, record: ApiRecord): void {
  const byHost = new Map<string, string | undefined>();
  for (const { https } of record.calls) {
    if (https.status === undefined) continue;
    const host = hostOf(https.url);
    if (byHost.has(host) && byHost.get(host) !== undefined) continue;
    byHost.set(host, https.headers.find(([n]) => n === 'strict-transport-security')?.[1]);
  }
  for (const [host, sts] of byHost) {
    const parsed = sts === undefined ? undefined : parseSts(sts);
    out.note(
      `${host} (API ${record.name}): ${parsed === undefined ? 'no Strict-Transport-Security' : parsed.ok ? `Strict-Transport-Security max-age=${parsed.maxAge}` : `a malformed Strict-Transport-Security (${parsed.reason})`}; noted only: API clients do not apply HSTS`,
    );
  }
}

export const apiTransport: Check<'apis'> = {
  id: 'api-transport',
  title: 'APIs are https:// on 443, and nothing gives their clients an http:// way',
  remediation:
    'List and serve the API only as https:// on port 443; keep port 80 closed for it (or answer errors without data, never a redirect); build every URL in its answers with https://.',
  codes: CODES,
  needs: ['apis'],
  run(site: Site, { apis }) {
    const out = new Outcome<Code>();
    for (const api of site.apis ?? []) {
      const record = apis.apis.find((r) => r.name === api.name);
      if (!record) {
        out.cannotMeasure(api.name, 'the API was not asked');
        continue;
      }
      const servers = record.openapi?.servers ?? [];
      const judge = new ApiJudge(out, api, new Set([...site.hosts, ...apiHosts(api, servers)]));
      for (const [i, e] of api.endpoints.entries())
        judge.url(e.url, `endpoints[${i}] ${e.method} ${e.url}`, 'http-endpoint');
      for (const s of servers) {
        if (/^https?:\/\//i.test(s.url) && URL.canParse(s.url))
          judge.url(s.url, `the server ${s.url} (${s.where} of the OpenAPI document)`, 'http-server');
        else
          out.note(`${s.where} of the OpenAPI document of ${api.name}: "${s.url}" is not an absolute URL, not judged`);
      }
      if (record.openapi?.error) out.cannotMeasure(record.openapi.file, record.openapi.error);
      for (const reason of record.openapi?.notCalled ?? []) out.note(`${api.name}: not asked: ${reason}`);
      for (const note of record.notes) out.note(`${api.name}: ${note}`);
      if (record.calls.length === 0 && !record.openapi?.error)
        out.cannotMeasure(
          api.name,
          'nothing could be asked: no endpoint, and no operation of its document can be called',
        );
      for (const call of record.calls) {
        judge.answer(call);
        judge.twin(call);
      }
      noteHsts(out, record);
    }
    return out.done('the site lists no API');
  },
};
