// URL helpers shared by collectors and checks: evidence may hold URLs a page or server
// wrote badly, so none of these throws.

/** `href` resolved against `base`, or undefined when it is not a URL at all. */
export function resolveUrl(href: string, base: string): string | undefined {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** The host name of a URL, or "" when it has none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** The scheme of a URL with its colon ("https:", "javascript:"), or undefined when it is not a URL at all. */
export function schemeOf(url: string): string | undefined {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
}

/** Plain http:// or ws://: readable and writable by anyone on the network. */
export const isInsecureUrl = (url: string): boolean => url.startsWith('http://') || url.startsWith('ws://');
