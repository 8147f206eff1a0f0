// `npm run browser`: which Chromium a scan will drive, or how to get one (exit code 1).
import { chromiumVersion, findChromium } from '../src/browser/chromium.ts';

const choice = findChromium();
if (choice.ok) console.log(`${chromiumVersion(choice)} - ${choice.source}${choice.executablePath ? ` at ${choice.executablePath}` : ''}`);
else {
  console.error(choice.message);
  process.exit(1);
}
