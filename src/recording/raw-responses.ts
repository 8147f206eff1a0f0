// Chromium's own record of each response it received for a page, header lines as they came on
// the wire (CDP Network.responseReceivedExtraInfo). Playwright's response events miss or reorder
// two things the checks need:
// - requests the browser makes for the page outside its renderer: the favicon's. Chromium 156
//   reports its request to Playwright, but not a redirect it got (a favicon answering 301 to
//   http:// is a downgrade no-downgrade must see);
// - the order of a header repeated with different spellings: Playwright lists names sorted by
//   spelling ("Strict-Transport-Security" before "strict-transport-security"), while browsers
//   honour the first Strict-Transport-Security line on the wire.
// The page log matches these records with Playwright's responses (same URL and status): a
// matched response takes the wire's header lines, an unmatched record becomes a response.
import type { CDPSession } from '@playwright/test';
import type { ObservedResponse } from '../model/evidence.ts';
import { resolveUrl } from '../model/url.ts';

export interface RawResponse {
  url: string;
  status: number;
  /** CDP's resource type, lower-cased ("other" for a favicon). */
  resourceType: string;
  /** As they came: names lower-cased, repeats kept in order; Set-Cookie values not yet masked. */
  headers: [string, string][];
}

export interface WillBeSent {
  requestId: string;
  request: { url: string };
  type?: string;
  /** The answer of the hop this request leaves (a redirect keeps the id and changes the URL). */
  redirectResponse?: {
    url: string;
    status: number;
    headers: Record<string, string>;
    fromDiskCache?: boolean;
    fromServiceWorker?: boolean;
    fromPrefetchCache?: boolean;
  };
}

export interface ExtraInfo {
  requestId: string;
  statusCode: number;
  headers: Record<string, string>;
  /** The raw header block (HTTP/1.x only). */
  headersText?: string;
}

/** Header lines from the raw block ("HTTP/1.1 200 OK\r\nName: value\r\n..."), else from CDP's object (repeats joined by "\n"). */
export function headerLines(info: Pick<ExtraInfo, 'headers' | 'headersText'>): [string, string][] {
  if (info.headersText) {
    return info.headersText
      .split(/\r?\n/)
      .slice(1)
      .flatMap((line): [string, string][] => {
        const colon = line.indexOf(':');
        return colon > 0 ? [[line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]] : [];
      });
  }
  return Object.entries(info.headers).flatMap(([name, values]) =>
    values.split('\n').map((value): [string, string] => [name.toLowerCase(), value]),
  );
}

export class RawResponses {
  /** requestId -> the URL it asks for now, and the redirects it left whose record has not come yet. */
  private readonly requests = new Map<string, { url: string; type: string; answered: boolean; hops: Hop[] }>();
  /** Records that came before their request was announced. */
  private readonly early = new Map<string, ExtraInfo[]>();
  private records: RawResponse[] = [];

  /** Listens on one of the page's CDP sessions (the page's own, or an out-of-process frame's). */
  async listen(session: CDPSession): Promise<void> {
    session.on('Network.requestWillBeSent', (e: WillBeSent) => this.willBeSent(e));
    session.on('Network.responseReceivedExtraInfo', (e: ExtraInfo) => this.extraInfo(e));
    // Headers only: this session keeps no response bodies (Playwright's own session does).
    await session.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 }).catch(() => {});
  }

  willBeSent(e: WillBeSent): void {
    const before = this.requests.get(e.requestId);
    const hops = before?.hops ?? [];
    // A redirect: the record of the hop it leaves may still come, after this event (it travels
    // from the network process on a path of its own). The browser's own redirects (an HSTS
    // upgrade) and answers from a cache or a service worker have none. Chromium 156 announces the
    // favicon's redirect without its redirectResponse: the hop is then known by where it went.
    const left = e.redirectResponse;
    if (before && !before.answered) {
      if (left) {
        if (onTheWire(left)) hops.push({ url: left.url, next: e.request.url, status: left.status });
      } else if (before.url !== e.request.url) hops.push({ url: before.url, next: e.request.url });
    }
    this.requests.set(e.requestId, {
      url: e.request.url,
      type: (e.type ?? 'other').toLowerCase(),
      answered: false,
      hops,
    });
    if (!before) for (const info of this.early.get(e.requestId) ?? []) this.add(info);
    this.early.delete(e.requestId);
  }

  extraInfo(e: ExtraInfo): void {
    if (this.requests.has(e.requestId)) this.add(e);
    else this.early.set(e.requestId, [...(this.early.get(e.requestId) ?? []), e]);
  }

  private add(info: ExtraInfo): void {
    const request = this.requests.get(info.requestId)!;
    // A redirect's record that came after the request moved on belongs to the hop it left.
    const hop = request.hops.findIndex((h) =>
      h.status === undefined ? redirectsTo(info, h) : h.status === info.statusCode,
    );
    let url = request.url;
    if (hop >= 0) url = request.hops.splice(hop, 1)[0]!.url;
    else request.answered = true;
    this.records.push({
      url,
      status: info.statusCode,
      resourceType: request.type,
      headers: headerLines(info),
    });
  }

  /** Every record since the last call. */
  take(): RawResponse[] {
    return this.records.splice(0);
  }
}

interface Hop {
  url: string;
  /** The URL the request asked for next. */
  next: string;
  /** The status redirectResponse gave; undefined when the redirect came without one. */
  status?: number;
}

/**
 * Whether a record is the redirect of a hop known only by where it went: a 3xx whose Location,
 * resolved against the hop, is the next URL (CDP's request URLs carry no fragment). An answer of
 * the next URL, or a hop that has no record (a browser's own redirect), does not match.
 */
function redirectsTo(info: ExtraInfo, hop: Hop): boolean {
  if (info.statusCode < 300 || info.statusCode > 399) return false;
  const location = headerLines(info).find(([name]) => name === 'location')?.[1];
  const target = location === undefined ? undefined : resolveUrl(location, hop.url);
  return target !== undefined && target.replace(/#.*$/s, '') === hop.next;
}

/** Whether an answer came from the network (Chromium's internal redirects say why in a header of their own). */
const onTheWire = (r: NonNullable<WillBeSent['redirectResponse']>): boolean =>
  !r.fromDiskCache &&
  !r.fromServiceWorker &&
  !r.fromPrefetchCache &&
  !Object.keys(r.headers).some((name) => name.toLowerCase() === 'non-authoritative-reason');

/**
 * Playwright's responses with the wire's header lines where Chromium recorded them, and the
 * responses only Chromium recorded (a favicon's redirect). `mask` hides cookie values.
 */
export function withRawResponses(
  responses: ObservedResponse[],
  raw: RawResponse[],
  mask: (headers: [string, string][]) => [string, string][],
): ObservedResponse[] {
  const unmatched = [...raw];
  const matched = responses.map((r) => {
    const i = unmatched.findIndex((x) => x.url === r.url && x.status === r.status);
    if (i < 0) return r;
    const [record] = unmatched.splice(i, 1);
    return { ...r, headers: mask(record!.headers) };
  });
  const only = unmatched.map((x): ObservedResponse => {
    const location = x.headers.find(([n]) => n === 'location')?.[1];
    return {
      url: x.url,
      status: x.status,
      resourceType: x.resourceType,
      isNavigation: x.resourceType === 'document',
      mainFrame: false,
      headers: mask(x.headers),
      ...(location ? { location: resolveUrl(location, x.url) ?? location } : {}),
    };
  });
  return [...matched, ...only];
}
