// One HTTP request from Node, redirects not followed. By default a GET whose body is not read:
// only the status and raw headers matter there, and a huge or endless body cannot hold the run.
// The wait for the headers is bounded by requestMs from the moment the request is sent: http's
// own `timeout` option is never armed on a socket handed over through createConnection.
// `request` also sends other methods, headers and a body, decided only once the connection is up
// (so credentials can depend on the certificate it presented), and reads a bounded body: at most
// `readBody` bytes, within another requestMs after the headers, whatever the server does.
import http from 'node:http';
import { classifyError, openConnection } from './connection.ts';
import { resolveUrl } from '../model/url.ts';
import type { NetContext } from './net-context.ts';
import type { HttpExchange, TlsSession } from '../model/evidence.ts';

export const USER_AGENT = 'site-security-harness/0.1 (+https://github.com/)';

/** What goes with a request, or why nothing is sent at all. */
export type Prepared = { headers: Record<string, string>; body?: string } | { withhold: string };

export interface RequestOptions {
  /** Default GET. */
  method?: string;
  /** Called once the connection is up, before a byte is sent (default: a browser-like Accept header). */
  prepare?: (tls: TlsSession | undefined) => Prepared;
  /** Read the body too, at most this many bytes. */
  readBody?: number;
}

export interface Answer {
  exchange: HttpExchange;
  /** With `readBody`: the bytes read, and why they are not the whole body when they are not. */
  body?: { bytes: Buffer; incomplete?: string };
  /** Why the request was not sent (from `prepare`). */
  withheld?: string;
}

const BROWSER_LIKE: Prepared = { headers: { accept: 'text/html,*/*;q=0.8' } };

export async function exchange(ctx: NetContext, url: string): Promise<HttpExchange> {
  return (await request(ctx, url)).exchange;
}

export async function request(ctx: NetContext, url: string, options: RequestOptions = {}): Promise<Answer> {
  const started = Date.now();
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const port = Number(u.port || (secure ? 443 : 80));
  const conn = await openConnection(ctx, u.hostname, port, secure);
  const base = { url, connectedTo: conn.connectedTo, headers: [] as [string, string][] };
  if (!conn.ok) return { exchange: { ...base, error: conn.error, elapsedMs: Date.now() - started } };
  const tls = conn.tls;
  const prepared = options.prepare?.(tls) ?? BROWSER_LIKE;
  if ('withhold' in prepared) {
    conn.socket.destroy();
    return { exchange: { ...base, tls, elapsedMs: Date.now() - started }, withheld: prepared.withhold };
  }

  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let req: http.ClientRequest | undefined;
    const done = (result: Omit<HttpExchange, 'url' | 'connectedTo' | 'elapsedMs'>, body?: Answer['body']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      conn.socket.destroy();
      resolve({ exchange: { ...base, tls, ...result, elapsedMs: Date.now() - started }, ...(body ? { body } : {}) });
    };
    const timeout = (what: string) =>
      done({
        headers: [],
        error: {
          kind: 'timeout',
          phase: 'http',
          code: 'ETIMEDOUT',
          message: `${what} within ${ctx.timeouts.requestMs} ms`,
        },
      });
    const body = prepared.body === undefined ? undefined : Buffer.from(prepared.body, 'utf8');
    try {
      req = http.request({
        method: options.method ?? 'GET',
        path: `${u.pathname}${u.search}`,
        headers: {
          host: u.host,
          'user-agent': USER_AGENT,
          ...prepared.headers,
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
        createConnection: () => conn.socket,
      });
    } catch (err) {
      // A header Node refuses (a document's parameter with a line break, say) fails this request only.
      return done({ headers: [], error: classifyError(err as NodeJS.ErrnoException, 'http') });
    }
    req.on('response', (res) => {
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
        headers.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
      const header = res.headers.location;
      const head = {
        status: res.statusCode,
        headers,
        location: header ? (resolveUrl(header, url) ?? header) : undefined,
      };
      const limit = options.readBody;
      if (limit === undefined) return done(head);
      // The body gets its own bound: a server may trickle it, or never end it.
      clearTimeout(timer);
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (incomplete?: string) =>
        done(head, { bytes: Buffer.concat(chunks), ...(incomplete ? { incomplete } : {}) });
      timer = setTimeout(
        () => finish(`the body did not end within ${ctx.timeouts.requestMs} ms`),
        ctx.timeouts.requestMs,
      );
      res.on('data', (chunk: Buffer) => {
        const room = limit - size;
        size += chunk.length;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        if (size > limit) finish(`the body is longer than ${limit} bytes`);
      });
      res.on('end', () => finish());
      res.on('error', () => finish('the connection failed before the body ended'));
      res.on('close', () => finish(res.complete ? undefined : 'the connection closed before the body ended'));
    });
    req.on('error', (err) => done({ headers: [], error: classifyError(err as NodeJS.ErrnoException, 'http') }));
    req.end(body);
    timer = setTimeout(() => timeout('no HTTP response headers'), ctx.timeouts.requestMs);
  });
}
