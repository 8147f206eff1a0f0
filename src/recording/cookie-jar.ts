// The browser's cookie jar, read through CDP rather than context.cookies(): Playwright
// fills in SameSite=Lax for a cookie that set none, CDP leaves it out. Values are only
// compared here, to see which cookies a visit set or changed, and never recorded.
import type { CDPSession } from '@playwright/test';
import type { JarCookie } from '../model/evidence.ts';

/** The fields read from CDP's Network.Cookie (it has more: expiry, size, priority...). */
type CdpCookie = JarCookie & { value: string };

export type JarSnapshot = Map<string, { cookie: JarCookie; fingerprint: string }>;

/** Every cookie of the browser context, through a CDP session of one of its pages. */
export async function readJar(session: CDPSession): Promise<JarSnapshot> {
  const jar: JarSnapshot = new Map();
  const { cookies } = (await session.send('Network.getAllCookies' as never)) as { cookies: CdpCookie[] };
  for (const { value, ...c } of cookies) {
    const cookie: JarCookie = {
      name: c.name,
      domain: c.domain,
      path: c.path,
      secure: c.secure,
      httpOnly: c.httpOnly,
      session: c.session,
      ...(c.sameSite ? { sameSite: c.sameSite } : {}),
    };
    jar.set(`${c.name}\t${c.domain}\t${c.path}`, { cookie, fingerprint: JSON.stringify([value, cookie]) });
  }
  return jar;
}

/** Cookies present in `after` that were absent or different in `before`. */
export function changedCookies(before: JarSnapshot, after: JarSnapshot): JarCookie[] {
  return [...after]
    .filter(([key, entry]) => before.get(key)?.fingerprint !== entry.fingerprint)
    .map(([, entry]) => entry.cookie);
}
