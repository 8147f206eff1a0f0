// Hand-made evidence for unit tests of the checks.
import type { Site } from '../../src/model/site.ts';
import { DEFAULT_POLICY, DEFAULT_SESSION_COOKIE_NAMES } from '../../src/model/defaults.ts';
import { browserErrorWords, netErrorOf } from '../../src/model/browser-errors.ts';
import type {
  CertificateFacts,
  HostTls,
  HostTransport,
  HttpExchange,
  ObservedResponse,
  PageVisit,
  PagesEvidence,
  ProbeError,
  RedirectChain,
  SuiteProbe,
  TlsEvidence,
  TransportEvidence,
} from '../../src/model/evidence.ts';

export function site(overrides: Partial<Site> = {}): Site {
  return {
    name: 'example',
    url: 'https://example.test/',
    hosts: ['example.test', 'www.example.test'],
    pages: ['/'],
    policy: { ...DEFAULT_POLICY, failOn: 'medium' },
    cookies: { sessionNames: [...DEFAULT_SESSION_COOKIE_NAMES], ignore: [] },
    screenshots: true,
    flows: [],
    ...overrides,
  };
}

const HSTS: [string, string] = ['strict-transport-security', 'max-age=31536000'];

export function answer(
  url: string,
  status = 200,
  headers: [string, string][] = url.startsWith('https') ? [HSTS] : [],
  location?: string,
): HttpExchange {
  const u = new URL(url);
  return {
    url,
    connectedTo: `${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`,
    status,
    headers: location ? [...headers, ['location', location]] : headers,
    location: location ? new URL(location, url).href : undefined,
    ...(u.protocol === 'https:'
      ? { tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', authorized: true } }
      : {}),
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
    http: chain(
      redirectHop(`http://${host}/?https-scan=1`, `https://${host}/?https-scan=1`),
      answer(`https://${host}/?https-scan=1`),
    ),
  };
}

export function transport(...hosts: HostTransport[]): TransportEvidence {
  return { hosts };
}

export function response(url: string, overrides: Partial<ObservedResponse> = {}): ObservedResponse {
  return {
    url,
    status: 200,
    resourceType: 'document',
    isNavigation: true,
    mainFrame: true,
    headers: [HSTS],
    ...overrides,
  };
}

export function visit(url: string, overrides: Partial<PageVisit> = {}): PageVisit {
  return {
    origin: { kind: 'page', path: new URL(url).pathname },
    url,
    unread: [],
    finalUrl: url,
    status: 200,
    responses: [response(url)],
    navigations: [{ url, mainFrame: true, redirected: false }],
    links: [],
    notes: [],
    mixedContent: [],
    insecureReferences: [],
    forms: [],
    cookies: [],
    elapsedMs: 1,
    ...overrides,
  };
}

export function pages(...visits: PageVisit[]): PagesEvidence {
  return { browserVersion: 'test', visits, flows: [] };
}

/** The reference time of hand-made tls evidence. */
export const TLS_NOW = '2026-06-01T00:00:00.000Z';
export const daysFromNow = (n: number): string => new Date(Date.parse(TLS_NOW) + n * 86_400_000).toISOString();

export function certificate(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: 'CN=example.test',
    subjectAltNames: ['example.test'],
    issuer: 'CN=Issuing CA',
    validFrom: daysFromNow(-30),
    validTo: daysFromNow(60),
    keyType: 'ec',
    keyBits: 256,
    signatureAlgorithm: 'ECDSA with SHA-256',
    signatureHash: 'SHA-256',
    sha256Fingerprint: 'AA:BB',
    selfSigned: false,
    inTrustStore: false,
    ...overrides,
  };
}

export const intermediate = (overrides: Partial<CertificateFacts> = {}): CertificateFacts =>
  certificate({
    subject: 'CN=Issuing CA',
    subjectAltNames: null,
    issuer: 'CN=Root CA',
    validTo: daysFromNow(300),
    ...overrides,
  });
export const trustedRoot = (): CertificateFacts =>
  certificate({
    subject: 'CN=Root CA',
    subjectAltNames: null,
    issuer: 'CN=Root CA',
    validTo: daysFromNow(3000),
    selfSigned: true,
    inTrustStore: true,
    signatureHash: 'SHA-1',
    signatureAlgorithm: 'RSASSA-PKCS1-v1_5 with SHA-1',
    keyType: 'rsa',
    keyBits: 2048,
  });

export const accepted = (name: string, protocol = name): SuiteProbe => ({
  name,
  result: 'accepted',
  protocol,
  cipher: 'TEST_CIPHER',
});
export const refused = (name: string): SuiteProbe => ({
  name,
  result: 'refused',
  error: { kind: 'tls', phase: 'tls', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', message: 'alert' },
});
export const notProbed = (name: string): SuiteProbe => ({
  name,
  result: 'not-probed',
  reason: `the library cannot offer ${name}`,
});

/** A host with a trusted EC chain (leaf, intermediate, root from the trust store) that offers only TLS 1.2 and 1.3. */
export function tlsHost(host: string, overrides: Partial<HostTls> = {}): HostTls {
  return {
    host,
    connectedTo: `${host}:443`,
    handshake: {
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      authorized: true,
      trustAnchor: 'CN=Root CA',
      coversHost: true,
    },
    chain: [certificate({ subject: `CN=${host}`, subjectAltNames: [host] }), intermediate(), trustedRoot()],
    protocols: [notProbed('SSLv3'), refused('TLSv1'), refused('TLSv1.1'), accepted('TLSv1.2'), accepted('TLSv1.3')],
    ciphers: [refused('NULL'), notProbed('EXPORT'), refused('anonymous'), refused('RC4'), refused('3DES')],
    ...overrides,
  };
}

/** A host whose handshake never happened. */
export function deadTlsHost(host: string, kind: ProbeError['kind'] = 'refused'): HostTls {
  const error: ProbeError = { kind, phase: 'connect', code: 'ECONNREFUSED', message: 'refused' };
  const failedProbe = (name: string): SuiteProbe => ({ name, result: 'failed', error });
  return {
    host,
    connectedTo: `${host}:443`,
    error,
    chain: [],
    protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].map(failedProbe),
    ciphers: ['NULL', 'anonymous'].map(failedProbe),
  };
}

export function tlsEvidence(...hosts: HostTls[]): TlsEvidence {
  return { collectedAt: TLS_NOW, library: 'OpenSSL test', hosts };
}

/** A listed page the browser could not load (or read): the recorder marks it unread. */
export function unloaded(url: string, error: string): PageVisit {
  return visit(url, {
    error,
    responses: [],
    navigations: [],
    unread: [
      {
        target: url,
        kind: 'not-loaded',
        ...(netErrorOf(error) ? { netError: netErrorOf(error) } : {}),
        reason: `the page did not load: ${browserErrorWords(error)}`,
      },
    ],
  });
}
