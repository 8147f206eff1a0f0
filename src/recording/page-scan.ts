// Static scan of a frame's final DOM (after scripts ran) with cheerio: the http:// and ws://
// URLs its elements and CSS would load, and its forms. This finds what the browser never
// requested (blocked before a request, srcset candidates not chosen, lazy content never
// scrolled to). Text, comments and links are not content a page loads, so they are ignored.
import * as cheerio from 'cheerio';
import type { FormField, FormSnapshot, PageLink, ResourceKind, ResourceReference } from '../model/evidence.ts';
import { isInsecureUrl as isInsecure, resolveUrl as resolve } from '../model/url.ts';

type Api = cheerio.CheerioAPI;
// cheerio's node types (from domhandler, not a direct dependency), reached through its API.
type AnyNode = Parameters<typeof cheerio.contains>[0];
type Element = Extract<AnyNode, { attribs: Record<string, string> }>;

/** Elements whose attribute makes the browser load a URL, and what it loads. */
const LOADED_BY: [selector: string, attr: string, kind: ResourceKind][] = [
  ['script[src]', 'src', 'script'],
  ['img[src]', 'src', 'image'],
  ['input[type=image][src]', 'src', 'image'],
  ['video[poster]', 'poster', 'image'],
  ['video[src]', 'src', 'video'],
  ['video source[src]', 'src', 'video'],
  ['audio[src]', 'src', 'audio'],
  ['audio source[src]', 'src', 'audio'],
  ['track[src]', 'src', 'track'],
  ['iframe[src]', 'src', 'frame'],
  ['frame[src]', 'src', 'frame'],
  ['embed[src]', 'src', 'object'],
  ['object[data]', 'data', 'object'],
  ['form[action]', 'action', 'form'],
  ['button[formaction]', 'formaction', 'form'],
  ['input[formaction]', 'formaction', 'form'],
];

const SRCSET: [selector: string, kind: ResourceKind][] = [
  ['img[srcset]', 'image'],
  ['picture source[srcset]', 'image'],
];

/** link[rel] tokens that load content; canonical, alternate, preconnect and the like do not. */
const LINK_REL: Record<string, ResourceKind> = {
  stylesheet: 'stylesheet',
  icon: 'favicon',
  'apple-touch-icon': 'favicon',
  manifest: 'manifest',
  preload: 'other',
  modulepreload: 'script',
};

const PRELOAD_AS: Record<string, ResourceKind> = {
  script: 'script',
  style: 'stylesheet',
  font: 'font',
  image: 'image',
  fetch: 'fetch',
  audio: 'audio',
  video: 'video',
  track: 'track',
};

const CSS_IMPORT = /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gi;
const CSS_URL = /url\(\s*["']?([^"')\s]+)["']?\s*\)/gi;

/** The URL candidates of a srcset, by the HTML parsing rules (a URL may contain commas). */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const match = /^\S+/.exec(rest);
    if (!match) return urls;
    let url = match[0];
    rest = rest.slice(url.length);
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      const comma = rest.indexOf(',');
      rest = comma < 0 ? '' : rest.slice(comma + 1);
    }
    if (url) urls.push(url);
  }
}

/** URLs a piece of CSS loads: @import rules (stylesheets) and url() values (images, fonts). */
export function cssUrls(css: string): { url: string; kind: ResourceKind }[] {
  const imports = [...css.matchAll(CSS_IMPORT)].map((m) => m[1]!);
  const others = [...css.matchAll(CSS_URL)].map((m) => m[1]!).filter((url) => !imports.includes(url));
  return [
    ...imports.map((url) => ({ url, kind: 'stylesheet' as const })),
    ...others.map((url) => ({ url, kind: 'image' as const })),
  ];
}

function documentBase($: Api, frameUrl: string): string {
  const href = $('base[href]').first().attr('href');
  return (href && resolve(href, frameUrl)) || frameUrl;
}

/** Every http:// or ws:// URL the document would load. */
function insecureReferences($: Api, frameUrl: string, base: string): ResourceReference[] {
  const found: ResourceReference[] = [];
  const add = (raw: string | undefined, kind: ResourceKind, via: string) => {
    const url = raw && resolve(raw, base);
    if (url && isInsecure(url) && !found.some((r) => r.url === url && r.via === via))
      found.push({ url, frameUrl, kind, via });
  };
  const elements = (selector: string) => $(selector).toArray() as Element[];

  for (const [selector, attr, kind] of LOADED_BY) {
    for (const el of elements(selector)) add(el.attribs[attr], kind, `${el.tagName}[${attr}]`);
  }
  for (const [selector, kind] of SRCSET) {
    for (const el of elements(selector))
      for (const url of srcsetUrls(el.attribs.srcset ?? '')) add(url, kind, `${el.tagName}[srcset]`);
  }
  for (const el of elements('link[href][rel]')) {
    for (const rel of el.attribs.rel!.toLowerCase().split(/\s+/)) {
      const kind = rel === 'preload' ? (PRELOAD_AS[el.attribs.as ?? ''] ?? 'other') : LINK_REL[rel];
      if (kind) add(el.attribs.href, kind, `link[rel=${rel}]`);
    }
  }
  const css = (text: string, via: string) => {
    for (const { url, kind } of cssUrls(text)) add(url, kind, via);
  };
  for (const el of elements('style')) css($(el).text(), 'style url()');
  for (const el of elements('[style]')) css(el.attribs.style ?? '', `${el.tagName}[style] url()`);
  return found;
}

const fieldOf = (el: Element): FormField => ({
  tag: el.tagName,
  type: (el.attribs.type ?? (el.tagName === 'input' ? 'text' : el.tagName)).toLowerCase(),
  name: el.attribs.name ?? '',
  id: el.attribs.id ?? '',
  autocomplete: (el.attribs.autocomplete ?? '').toLowerCase(),
});

const FIELDS = 'input, select, textarea';
const SKIPPED_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

/** Every form of the document with its fields, plus fields that belong to no form. */
function formSnapshots($: Api, frameUrl: string, base: string): FormSnapshot[] {
  const documentUrl = frameUrl.replace(/#.*$/, '');
  const fields = (els: AnyNode[]) => (els as Element[]).map(fieldOf).filter((f) => !SKIPPED_TYPES.has(f.type));

  const forms = ($('form').toArray() as Element[]).map((form): FormSnapshot => {
    const id = form.attribs.id;
    const owned = (selector: string) => [
      ...$(form).find(selector).toArray(),
      ...(id ? $(`[form="${id}"]`).filter(selector).toArray() : []),
    ];
    const rawAction = form.attribs.action?.trim() ?? '';
    return {
      frameUrl,
      action: rawAction ? (resolve(rawAction, base) ?? rawAction) : documentUrl,
      formActions: (owned('button[formaction], input[formaction]') as Element[]).map(
        (b) => resolve(b.attribs.formaction!, base) ?? b.attribs.formaction!,
      ),
      method: (form.attribs.method ?? 'get').toLowerCase(),
      label: [id, form.attribs.name, form.attribs.class, rawAction].filter(Boolean).join(' '),
      fields: fields(owned(FIELDS)),
    };
  });
  const loose = fields(
    $(FIELDS)
      .toArray()
      .filter((el) => $(el).closest('form').length === 0 && !(el as Element).attribs.form),
  );
  if (loose.length > 0) forms.push({ frameUrl, formActions: [], method: '', label: '', fields: loose });
  return forms;
}

/** Every <a>/<area> link of the document, resolved against its base. */
function links($: Api, frameUrl: string, base: string): PageLink[] {
  return $('a[href], area[href]')
    .toArray()
    .map((el) => $(el).attr('href')!.trim())
    .filter((href) => href && !href.startsWith('#'))
    .map((href) => ({ href: resolve(href, base) ?? href, pageUrl: frameUrl }));
}

/**
 * Whether a Content-Security-Policy (one header value, or a <meta http-equiv> content) holds
 * upgrade-insecure-requests: then the browser fetches the document's http:// subresources, frames
 * and form submissions over https (measured on Chromium 156: images, scripts, iframes, favicons
 * and a form posting to another host, by header or by <meta>). A Report-Only policy does not count.
 */
export const upgradesInsecureRequests = (policy: string): boolean =>
  policy
    .split(/[;,]/)
    .some((directive) => directive.trim().toLowerCase().split(/\s+/)[0] === 'upgrade-insecure-requests');

/** Whether the document's own <meta http-equiv="Content-Security-Policy"> asks for the upgrade. */
function metaUpgrades($: Api): boolean {
  return ($('meta[http-equiv][content]').toArray() as Element[]).some(
    (el) =>
      el.attribs['http-equiv']!.trim().toLowerCase() === 'content-security-policy' &&
      upgradesInsecureRequests(el.attribs.content ?? ''),
  );
}

export interface DocumentScan {
  links: PageLink[];
  insecureReferences: ResourceReference[];
  forms: FormSnapshot[];
  /** Its <meta> Content-Security-Policy holds upgrade-insecure-requests. */
  upgradesInsecureRequests: boolean;
}

/** One parse of a frame's HTML for everything the checks read from it. */
export function scanDocument(html: string, frameUrl: string): DocumentScan {
  const $ = cheerio.load(html);
  // Template content is inert until a script clones it (and then it is in the DOM we scan).
  $('template').remove();
  const base = documentBase($, frameUrl);
  return {
    links: links($, frameUrl, base),
    insecureReferences: insecureReferences($, frameUrl, base),
    forms: formSnapshots($, frameUrl, base),
    upgradesInsecureRequests: metaUpgrades($),
  };
}
