// One HTTP request from Node, redirects not followed, body not read: only the status
// and raw headers matter here, and a huge or endless body cannot hold the run. The wait
// for the headers is bounded by requestMs from the moment the request is sent: http's own
// `timeout` option is never armed on a socket handed over through createConnection.
import http from 'node:http';
import { classifyError, openConnection } from './connection.ts';
import { resolveUrl } from '../model/url.ts';
import type { NetContext } from './net-context.ts';
import type { HttpExchange, ProbeError } from '../model/evidence.ts';

export const USER_AGENT = 'site-security-harness/0.1 (+https://github.com/)';

/** An exchange whose body was read too (discovery's robots.txt, sitemaps and CT answers). */
export interface ExchangeWithBody extends HttpExchange {
  /** The body as text, at most `bodyLimit` bytes of it. */
  body?: string;
  /** The body was longer than the limit and was cut there. */
  truncated?: boolean;
}

/**
 * `bodyLimit` > 0 also reads the body, up to that many bytes, bounded by requestMs from the
 * headers on: only for documents the harness reads (robots.txt, sitemaps), never for a probe.
 */
export async function exchange(ctx: NetContext, url: string, bodyLimit = 0): Promise<ExchangeWithBody> {
  const started = Date.now();
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const port = Number(u.port || (secure ? 443 : 80));
  const conn = await openConnection(ctx, u.hostname, port, secure);
  const base = { url, connectedTo: conn.connectedTo, headers: [] as [string, string][] };
  if (!conn.ok) return { ...base, error: conn.error, elapsedMs: Date.now() - started };
  const tls = conn.tls;

  return new Promise((resolve) => {
    const req = http.request({
      method: 'GET',
      path: `${u.pathname}${u.search}`,
      headers: { host: u.host, 'user-agent': USER_AGENT, accept: 'text/html,*/*;q=0.8' },
      createConnection: () => conn.socket,
    });
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const done = (result: Omit<ExchangeWithBody, 'url' | 'connectedTo' | 'elapsedMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      conn.socket.destroy();
      resolve({ ...base, tls, ...result, elapsedMs: Date.now() - started });
    };
    req.on('response', (res) => {
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
        headers.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
      const header = res.headers.location;
      const answer = {
        status: res.statusCode,
        headers,
        location: header ? (resolveUrl(header, url) ?? header) : undefined,
      };
      if (bodyLimit <= 0) return done(answer);
      readBody(res, bodyLimit, (body, truncated) => done({ ...answer, body, ...(truncated ? { truncated } : {}) }));
      clearTimeout(timer);
      timer = setTimeout(() => done({ ...answer, error: bodyTimeout(ctx) }), ctx.timeouts.requestMs);
    });
    req.on('error', (err) => done({ headers: [], error: classifyError(err as NodeJS.ErrnoException, 'http') }));
    req.end();
    timer = setTimeout(
      () =>
        done({
          headers: [],
          error: {
            kind: 'timeout',
            phase: 'http',
            code: 'ETIMEDOUT',
            message: `no HTTP response headers within ${ctx.timeouts.requestMs} ms`,
          },
        }),
      ctx.timeouts.requestMs,
    );
  });
}

/** Collects at most `limit` bytes of a body, then calls back once (the caller destroys the socket). */
function readBody(res: http.IncomingMessage, limit: number, onEnd: (body: string, truncated: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) onEnd(Buffer.concat(chunks).subarray(0, limit).toString('utf8'), true);
  });
  res.on('end', () => onEnd(Buffer.concat(chunks).toString('utf8'), false));
  res.on('error', () => onEnd(Buffer.concat(chunks).toString('utf8'), true));
}

const bodyTimeout = (ctx: NetContext): ProbeError => ({
  kind: 'timeout',
  phase: 'http',
  code: 'ETIMEDOUT',
  message: `the body did not arrive within ${ctx.timeouts.requestMs} ms`,
});
