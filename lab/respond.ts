// Small response helpers shared by the lab sites.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HSTS_GOOD = 'max-age=31536000; includeSubDomains';

export interface PageOptions {
  status?: number;
  /** Strict-Transport-Security value; null sends none. */
  hsts?: string | null;
  headers?: Record<string, string | string[]>;
  /** Extra markup for <head> (stylesheets, icons). */
  head?: string;
}

export function page(res: ServerResponse, title: string, body: string, opts: PageOptions = {}): void {
  const headers: Record<string, string | string[]> = { 'content-type': 'text/html; charset=utf-8', ...opts.headers };
  const hsts = opts.hsts === undefined ? HSTS_GOOD : opts.hsts;
  if (hsts !== null) headers['strict-transport-security'] = hsts;
  res.writeHead(opts.status ?? 200, headers);
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${opts.head ?? '<link rel="icon" href="data:,">'}</head><body><h1>${title}</h1>${body}</body></html>`,
  );
}

export function redirect(res: ServerResponse, status: number, location: string, opts: PageOptions = {}): void {
  const headers: Record<string, string | string[]> = { location, ...opts.headers };
  const hsts = opts.hsts === undefined ? HSTS_GOOD : opts.hsts;
  if (hsts !== null) headers['strict-transport-security'] = hsts;
  res.writeHead(status, headers);
  res.end();
}

export function notFound(res: ServerResponse, opts: PageOptions = {}): void {
  page(res, 'Not found', '<p>No such page.</p>', { ...opts, status: 404 });
}

/** A handler from a path table; unknown paths are 404s. */
export function routes(
  table: Record<string, (res: ServerResponse, url: URL, req: IncomingMessage) => void>,
  opts: PageOptions = {},
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'lab'}`);
    const route = table[url.pathname];
    if (route) route(res, url, req);
    else notFound(res, opts);
  };
}

/** Characters that would break out of HTML text, escaped: the lab echoes what users type. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
