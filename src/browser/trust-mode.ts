// How the browser is made to trust the sites file's `ca`, decided before anything starts.
// Linux Chromium reads extra roots from the NSS database at $HOME/.pki/nssdb. Each run gives
// the browser a HOME of its own whose database holds exactly the `ca` roots (filled with
// certutil), so the browser judges every certificate itself, as a browser with that CA
// installed would: an expired or wrong-name certificate fails as in production, and valid
// ones load as "secure". The user's own database never counts, as it never counts for Node.
// Where that cannot work (no certutil; Chromium on macOS or Windows reads the system store),
// the fallback accepts the leaf keys of the hosts Node verified (see spki-fallback.ts).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface BrowserTrust {
  /** For the run's output and the report environment: "nss-db", "spki-fallback (why)" or "browser-roots (no ca)". */
  mode: string;
  /** The browser runs with HOME in the run's directory, where it reads its NSS database. */
  ownHome: boolean;
  /** certutil, to put the `ca` roots in that database. */
  certutil?: string;
  /** The fallback: the browser accepts the leaf keys of the hosts Node verified (never a root's key). */
  acceptVerifiedLeafKeys: boolean;
  /** What the fallback costs and how to avoid it: to be said once per run. */
  notice?: string;
}

const INSTALL_CERTUTIL = 'apt-get install libnss3-tools';

export function chooseBrowserTrust(
  hasCa: boolean,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): BrowserTrust {
  // Only Linux Chromium reads NSS (on Windows "certutil" is another program altogether).
  const readsNss = platform === 'linux';
  if (!hasCa) return { mode: 'browser-roots (no ca)', ownHome: readsNss, acceptVerifiedLeafKeys: false };
  const certutil = readsNss ? onPath('certutil', env) : undefined;
  if (certutil) return { mode: 'nss-db', ownHome: true, certutil, acceptVerifiedLeafKeys: false };
  const why = readsNss
    ? `certutil not found: ${INSTALL_CERTUTIL}`
    : `Chromium on ${platform} does not read an NSS database`;
  return {
    mode: `spki-fallback (${why})`,
    ownHome: readsNss,
    acceptVerifiedLeafKeys: true,
    notice: [
      `browser trust: spki-fallback (${why}).`,
      '  The browser cannot be given the ca roots, so it accepts the keys of the hosts whose certificates Node verified.',
      '  A bad certificate (expired, wrong name) on such a key, from a host the scan did not probe, loads in the browser as if valid.',
      readsNss
        ? `  To judge certificates as a browser with the CA installed: ${INSTALL_CERTUTIL}`
        : '  To judge certificates as a browser with the CA installed, run the scan on Linux.',
    ].join('\n'),
  };
}

function onPath(program: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, program);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}
