// A sitemap (sitemaps.org protocol): a <urlset> of page URLs or a <sitemapindex> of further
// sitemaps, read with cheerio in XML mode.
import * as cheerio from 'cheerio';

export type Sitemap =
  | { kind: 'urlset'; urls: string[] }
  | { kind: 'index'; sitemaps: string[] }
  | { kind: 'invalid'; reason: string };

/** Most <loc> entries read from one file: the protocol allows 50,000. */
export const MAX_LOCS = 50_000;

export function parseSitemap(xml: string): Sitemap {
  const $ = cheerio.load(xml, { xml: true });
  const root = $.root().children().first();
  const name = root.length > 0 ? (root.prop('tagName') ?? '').toLowerCase().replace(/^.*:/, '') : '';
  const locs = (entry: string) =>
    root
      .children()
      .filter((_, el) => ($(el).prop('tagName') ?? '').toLowerCase().replace(/^.*:/, '') === entry)
      .toArray()
      .slice(0, MAX_LOCS)
      .map((el) =>
        $(el)
          .children()
          .filter((_, c) => ($(c).prop('tagName') ?? '').toLowerCase().replace(/^.*:/, '') === 'loc')
          .first()
          .text()
          .trim(),
      )
      .filter((loc) => /^https?:\/\//i.test(loc));
  if (name === 'urlset') return { kind: 'urlset', urls: locs('url') };
  if (name === 'sitemapindex') return { kind: 'index', sitemaps: locs('sitemap') };
  return {
    kind: 'invalid',
    reason: name ? `the root element is <${name}>, not <urlset> or <sitemapindex>` : 'not XML',
  };
}
