// The certificate database Linux Chromium reads its extra roots from ($HOME/.pki/nssdb),
// created for one run under the browser's own HOME and holding exactly the given roots,
// each trusted to identify web sites (certutil trust "C,,").
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const nssDbDir = (home: string): string => path.join(home, '.pki', 'nssdb');

export async function createNssDb(certutil: string, home: string, roots: readonly string[]): Promise<void> {
  const dir = nssDbDir(home);
  // A database left from before would make certutil -N ask for its password.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = `sql:${dir}`;
  await run(certutil, ['-d', db, '-N', '--empty-password']);
  // One at a time: certutil writes one SQLite database.
  for (const [i, pem] of roots.entries())
    await run(certutil, ['-d', db, '-A', '-t', 'C,,', '-n', `ca root ${i + 1}`], pem);
}

function run(certutil: string, args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(certutil, args, { timeout: 10_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${certutil} ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve();
    });
    child.stdin?.end(input);
  });
}
