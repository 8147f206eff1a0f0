// A hostile site must not hang or crash the run: a page that never finishes loading and
// a response far larger than anything worth reading. Its checks must still conclude.
import type { LabSite } from '../types.ts';
import { HSTS_GOOD, page, routes } from '../respond.ts';

const CHUNK = Buffer.alloc(64 * 1024, 'x');
const UNREAD = ['https://hostile.lab.test/endless', 'https://hostile.lab.test/huge'];

export const hostile: LabSite = {
  name: 'hostile',
  purpose: 'robustness: an endless page and a 64 MB response, bounded by the timeouts',
  pages: ['/', '/endless', '/huge'],
  // Neither page finishes loading within pageMs: every page check says "could not measure" for
  // them (never "passed"), while hsts still judges the headers both answered with.
  expect: Object.fromEntries(
    ['no-downgrade', 'mixed-content', 'secure-forms', 'cookie-secure', 'cookie-httponly', 'cookie-samesite'].map(
      (id) => [id, { status: 'error', unmeasured: UNREAD }],
    ),
  ),
  hosts: [
    {
      host: 'hostile.lab.test',
      https: {
        kind: 'serve',
        handler: routes({
          '/': (res) => page(res, 'Hostile', '<a href="/endless">endless</a> <a href="/huge">huge</a>'),
          // Headers at once, then a trickle that never ends: "load" never fires.
          '/endless': (res) => {
            res.writeHead(200, { 'content-type': 'text/html', 'strict-transport-security': HSTS_GOOD });
            res.write('<!doctype html><title>Endless</title><p>');
            const timer = setInterval(() => res.write('.'), 200);
            res.on('close', () => clearInterval(timer));
          },
          // 64 MB of text, written as fast as the client reads it.
          '/huge': (res) => {
            res.writeHead(200, { 'content-type': 'text/plain', 'strict-transport-security': HSTS_GOOD });
            let left = 1024;
            const pump = () => {
              while (left > 0 && res.write(CHUNK)) left--;
              if (left === 0) res.end();
            };
            res.on('drain', pump);
            pump();
          },
        }),
      },
    },
  ],
};
