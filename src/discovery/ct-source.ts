// Certificate transparency as a discovery source: one query to the configured crt.sh-compatible
// endpoint for the site's registrable domain. A failure (no answer, an HTTP error, not a JSON
// array, too large) is the source's status, never "no hosts".
import type { DiscoverySource } from '../model/evidence.ts';
import type { NetContext } from '../net/net-context.ts';
import { hostOf } from '../model/url.ts';
import { ctQueryUrl, parseCtAnswer } from './ct.ts';
import { fetchDocument } from './fetch.ts';
import type { FoundNames } from './names.ts';
import type { Scope } from './scope.ts';

/** crt.sh answers for a large domain run to megabytes; a larger answer is refused, not cut. */
const CT_MAX_BYTES = 32 * 1024 * 1024;

export async function readCt(
  ctx: NetContext,
  template: string,
  scope: Scope,
  found: FoundNames,
): Promise<DiscoverySource> {
  const url = ctQueryUrl(template, scope.domain);
  const endpoint = hostOf(url);
  const source: DiscoverySource = { kind: 'ct', target: url, status: 'failed', hosts: 0, pages: 0 };
  const fetched = await fetchDocument(ctx, url, CT_MAX_BYTES, (host) => host === endpoint);
  if (!fetched.ok) return { ...source, detail: fetched.reason };
  if (fetched.status < 200 || fetched.status > 299) return { ...source, detail: `HTTP ${fetched.status}` };
  if (fetched.incomplete) return { ...source, detail: `the answer was not read whole: ${fetched.incomplete}` };
  const answer = parseCtAnswer(fetched.body);
  if (!answer.ok) return { ...source, detail: answer.reason };
  let outside = 0;
  for (const name of answer.names) {
    // A log that names other domains answers another question: those names are not the site's.
    if (!scope.inScope(name)) outside++;
    else if (found.add(name, `certificate transparency (${endpoint})`, 'ct') !== undefined) source.hosts++;
  }
  const left = [
    ...(answer.dropped > 0 ? [`${answer.dropped} entries that are not host names dropped`] : []),
    ...(outside > 0 ? [`${outside} names outside ${scope.domain} ignored`] : []),
    ...(answer.capped ? ['only the first names were read'] : []),
  ];
  return { ...source, status: 'ok', ...(left.length > 0 ? { detail: left.join('; ') } : {}) };
}
