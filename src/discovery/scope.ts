// Which names discovery counts, and which of them belong to the site: the Public Suffix List
// (tldts, private suffixes included, as browsers draw cookie bounds) gives the registrable
// domain of the site's URL; a host under it is in scope, any other is a third party.
import { parse } from 'tldts';

const PSL = { allowPrivateDomains: true } as const;

/** A DNS host name as discovery counts it (lower-case, valid, no IP address, no wildcard), or undefined. */
export function hostName(name: string): string | undefined {
  const cleaned = name.trim().toLowerCase().replace(/\.$/, '');
  const parsed = parse(cleaned, PSL);
  // tldts also pulls a host out of a URL or an e-mail address: only a bare name counts here.
  return parsed.hostname === cleaned && !parsed.isIp ? cleaned : undefined;
}

/** The registrable domain ("example.co.uk" for "shop.example.co.uk"), or undefined when the name has none. */
export const registrableDomain = (host: string): string | undefined => parse(host, PSL).domain ?? undefined;

export interface Scope {
  domain: string;
  inScope(host: string): boolean;
}

/** The scope of a site: its URL's registrable domain (the host itself when the PSL gives none, e.g. "localhost"). */
export function scopeOf(siteUrl: string): Scope {
  const main = new URL(siteUrl).hostname.toLowerCase();
  const domain = registrableDomain(main) ?? main;
  return { domain, inScope: (host) => host === domain || host.endsWith(`.${domain}`) };
}
