// Real sessions for the lab's shops: a login form posts credentials, the server checks them
// and answers with a session cookie; later requests are recognised by that cookie.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';

export interface Session {
  user: string;
  cart: string[];
}

export class Sessions {
  private readonly byId = new Map<string, Session>();

  constructor(private readonly cookieName: string) {}

  open(user: string): string {
    const id = randomBytes(12).toString('hex');
    this.byId.set(id, { user, cart: [] });
    return id;
  }

  of(req: IncomingMessage): Session | undefined {
    const id = parseCookies(req.headers.cookie ?? '')[this.cookieName];
    return id ? this.byId.get(id) : undefined;
  }
}

/** The urlencoded body of a form submission. */
export function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk.slice(0, 10_000)));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', () => resolve(new URLSearchParams()));
  });
}
