// Hand-made evidence for unit tests of the checks.
import type { Site } from '../../src/config/load.ts';
import { DEFAULT_POLICY, DEFAULT_SESSION_COOKIE_NAMES } from '../../src/config/defaults.ts';
import type { HostTransport, HttpExchange, ObservedResponse, PageVisit, PagesEvidence, ProbeError, RedirectChain, TransportEvidence } from '../../src/collectors/types.ts';

export function site(overrides: Partial<Site> = {}): Site {
  return {
    name: 'example',
    url: 'https://example.test/',
    hosts: ['example.test', 'www.example.test'],
    pages: ['/'],
    policy: { ...DEFAULT_POLICY },
    cookies: { sessionNames: [...DEFAULT_SESSION_COOKIE_NAMES], ignore: [] },
    flows: [],
    ...overrides,
  };
}

const HSTS: [string, string] = ['strict-transport-security', 'max-age=31536000'];

export function answer(url: string, status = 200, headers: [string, string][] = url.startsWith('https') ? [HSTS] : [], location?: string): HttpExchange {
  const u = new URL(url);
  return {
    url,
    connectedTo: `${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`,
    status,
    headers: location ? [...headers, ['location', location]] : headers,
    location: location ? new URL(location, url).href : undefined,
    ...(u.protocol === 'https:' ? { tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', authorized: true } } : {}),
    elapsedMs: 1,
  };
}

export function redirectHop(url: string, location: string, status = 301): HttpExchange {
  return answer(url, status, url.startsWith('https') ? [HSTS] : [], location);
}

export function failed(url: string, error: Partial<ProbeError> & Pick<ProbeError, 'kind'>): HttpExchange {
  const u = new URL(url);
  return {
    url,
    connectedTo: `${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`,
    headers: [],
    error: { phase: 'connect', message: 'failed', ...error },
    elapsedMs: 1,
  };
}

export function chain(...hops: HttpExchange[]): RedirectChain {
  const last = hops[hops.length - 1]!;
  const urls = new Set<string>();
  let outcome: RedirectChain['outcome'] = last.error ? 'error' : 'final';
  for (const h of hops) urls.add(h.url);
  if (last.location && urls.has(last.location)) outcome = 'loop';
  return { startUrl: hops[0]!.url, hops, outcome };
}

/** A host answering correctly on both ports. */
export function healthyHost(host: string): HostTransport {
  return {
    host,
    https: chain(answer(`https://${host}/`)),
    http: chain(redirectHop(`http://${host}/?https-scan=1`, `https://${host}/?https-scan=1`), answer(`https://${host}/?https-scan=1`)),
  };
}

export function transport(...hosts: HostTransport[]): TransportEvidence {
  return { hosts };
}

export function response(url: string, overrides: Partial<ObservedResponse> = {}): ObservedResponse {
  return { url, status: 200, resourceType: 'document', isNavigation: true, mainFrame: true, headers: [HSTS], ...overrides };
}

export function visit(url: string, overrides: Partial<PageVisit> = {}): PageVisit {
  return {
    path: new URL(url).pathname,
    url,
    finalUrl: url,
    status: 200,
    responses: [response(url)],
    navigations: [{ url, mainFrame: true, redirected: false }],
    links: [],
    mixedContent: [],
    insecureReferences: [],
    forms: [],
    cookies: [],
    elapsedMs: 1,
    ...overrides,
  };
}

export function pages(...visits: PageVisit[]): PagesEvidence {
  return { browserVersion: 'test', visits };
}
