// Which answers are redirects, and which Locations a browser follows: shared by the Node probe
// that walks redirect chains and the checks that judge them.
import { schemeOf } from './url.ts';

export const isRedirect = (status: number | undefined): boolean =>
  status !== undefined && [301, 302, 303, 307, 308].includes(status);

/** Why a Location cannot be followed: as in Fetch, only an http(s) URL is a redirect; anything else ends the chain. */
export function unfollowable(location: string): 'unsafe-scheme' | 'bad-location' | undefined {
  const scheme = schemeOf(location);
  if (scheme === undefined) return 'bad-location';
  return scheme === 'http:' || scheme === 'https:' ? undefined : 'unsafe-scheme';
}
