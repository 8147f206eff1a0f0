// Hand-made API evidence for the unit tests of api-transport and the cookie checks.
import type { Api, Site } from '../../src/model/site.ts';
import type { ApiBody, ApiCall, ApiExchange, ApiRecord, ApisEvidence } from '../../src/model/evidence.ts';
import { site } from './evidence-builders.ts';

export const TOKEN_HEADERS = { authorization: 'Bearer t0ken' };

export function api(name: string, urls: string[], over: Partial<Api> = {}): Api {
  return { name, endpoints: urls.map((url) => ({ url, method: 'GET', headers: {} })), headers: TOKEN_HEADERS, ...over };
}

/** A site with these APIs; `group` makes it a top-level API's group. */
export function apiSite(apis: Api[], over: Partial<Site> = {}): Site {
  return site({ apis, ...over });
}

export function json(insecureUrls: ApiBody['insecureUrls'] = [], bytes = 42): ApiBody {
  return { bytes, format: 'json', insecureUrls, moreInsecureUrls: 0 };
}

/** An answer over https with the API's credentials: 200, JSON, HSTS. */
export function httpsAnswer(url: string, over: Partial<ApiExchange> = {}): ApiExchange {
  return {
    url,
    connectedTo: `${new URL(url).hostname}:443`,
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', authorized: true },
    status: 200,
    headers: [
      ['content-type', 'application/json'],
      ['strict-transport-security', 'max-age=31536000'],
    ],
    method: 'GET',
    credentials: true,
    body: json(),
    elapsedMs: 1,
    ...over,
  };
}

const twinUrl = (url: string): string => {
  const u = new URL(url);
  return `http://${u.hostname}${u.pathname}${u.search}`;
};

/** The http:// twin refusing the connection: what a clean API does. */
export function twinRefused(url: string, method = 'GET'): ApiExchange {
  return {
    url: twinUrl(url),
    connectedTo: `${new URL(url).hostname}:80`,
    headers: [],
    error: { kind: 'refused', phase: 'connect', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
    method,
    credentials: false,
    elapsedMs: 1,
  };
}

/** The http:// twin answering with this status (and Location for a redirect). */
export function twinAnswer(url: string, status: number, over: Partial<ApiExchange> = {}): ApiExchange {
  return {
    url: twinUrl(url),
    connectedTo: `${new URL(url).hostname}:80`,
    status,
    headers: [],
    method: 'GET',
    credentials: false,
    elapsedMs: 1,
    ...over,
  };
}

export function apiCall(url: string, over: Partial<ApiCall> = {}): ApiCall {
  return {
    source: 'endpoints[0]',
    method: 'GET',
    url,
    https: httpsAnswer(url),
    twin: twinRefused(url),
    ...over,
  };
}

export function record(name: string, calls: ApiCall[], over: Partial<ApiRecord> = {}): ApiRecord {
  return { name, calls, notes: [], ...over };
}

export const apisEvidence = (...apis: ApiRecord[]): ApisEvidence => ({ apis });
