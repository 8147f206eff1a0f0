// The sitemaps a robots.txt announces (its "Sitemap:" lines), read by a robots.txt parser library.
// Discovery reads robots.txt for names only; it does not obey its rules (see docs/discovery.md).
import * as robots from 'robots-parser';
import { resolveUrl } from '../model/url.ts';

// A CommonJS module (module.exports = function) whose types declare an ES default export: in an
// ES module the function is the namespace's `default`, which its types do not say.
const parseRobots = (robots as unknown as { default: (url: string, text: string) => { getSitemaps(): string[] } })
  .default;

/** Absolute http(s) URLs of the sitemaps listed in a robots.txt, in file order, without repeats. */
export function sitemapsOf(robotsUrl: string, text: string): string[] {
  const urls = parseRobots(robotsUrl, text)
    .getSitemaps()
    .map((s) => resolveUrl(s, robotsUrl))
    .filter((u): u is string => u !== undefined && /^https?:\/\//.test(u));
  return [...new Set(urls)];
}
