// `npm run lab`: start the local test sites by hand (Playwright's webServer runs the same).
// `npm run lab -- --write-sites` rewrites sites.json from the lab's site list instead.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab } from './server.ts';
import { DEFAULT_PORT_BASE } from './ports.ts';
import { labSitesFile } from './sites-file.ts';
import { LAB_SITES } from './sites/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const portBase = Number(process.env.LAB_PORT_BASE ?? DEFAULT_PORT_BASE);

if (process.argv.includes('--write-sites')) {
  const file = path.join(root, 'sites.json');
  writeFileSync(file, `${JSON.stringify(labSitesFile(portBase, 'lab/.generated/ca.pem'), null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)} for ${LAB_SITES.length} lab sites`);
} else {
  try {
    const lab = await startLab(portBase, path.join(root, 'lab', '.generated'));
    console.log(
      `lab: ${LAB_SITES.length} sites on 127.0.0.1:${portBase}+ (CA: ${path.relative(process.cwd(), lab.caFile)})`,
    );
    for (const site of LAB_SITES) console.log(`  ${site.name.padEnd(20)} ${site.purpose}`);
    const stop = () => void lab.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    console.error(
      e.code === 'EADDRINUSE'
        ? `lab: port ${(e as { port?: number }).port ?? ''} is in use. Stop the other lab, or set LAB_PORT_BASE (and regenerate sites.json with --write-sites).`
        : `lab: cannot start: ${e.message}`,
    );
    process.exit(1);
  }
}
