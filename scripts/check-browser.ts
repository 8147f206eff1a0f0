// `npm run browser`: which Chromium a scan will drive and how it will trust the sites file's
// `ca` (nss-db, or the SPKI fallback and how to avoid it), or how to get a browser (exit code 1).
import { chromiumVersion, findChromium } from '../src/browser/chromium.ts';
import { chooseBrowserTrust } from '../src/browser/trust-mode.ts';
import { scanConfig } from '../src/evidence/scan-config.ts';
import { ConfigError } from '../src/config/errors.ts';

const choice = findChromium();
if (!choice.ok) {
  console.error(choice.message);
  process.exit(1);
}
console.log(
  `${chromiumVersion(choice)} - ${choice.source}${choice.executablePath ? ` at ${choice.executablePath}` : ''}`,
);

let hasCa: boolean;
try {
  hasCa = scanConfig().caFile !== undefined;
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  // The sites file is judged by the scan itself; here, tell what a `ca` would get.
  hasCa = true;
  console.log(`(${err.file} cannot be read as a sites file: the trust below is for a sites file with a ca)`);
}
const trust = chooseBrowserTrust(hasCa);
console.log(`browser trust: ${trust.mode}`);
if (trust.notice) console.warn(trust.notice);
