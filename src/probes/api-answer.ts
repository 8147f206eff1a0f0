// The facts of an API's answer body that the API check judges, never the body itself (it may
// hold anyone's data): how much was read, whether it is JSON, and the http:// and ws:// URLs
// among its string values with their JSON paths. The walk is iterative and keeps no path until a
// URL is found: a hostile answer nested 500,000 deep costs one pass, not a stack overflow or
// quadratic time.
import { jsonPath } from '../model/json-path.ts';
import type { ApiBody } from '../model/evidence.ts';

/** URLs listed per answer; the rest are counted. */
export const MAX_URLS_LISTED = 50;
/** A path deeper than this is shown by its last segments. */
const PATH_SEGMENTS_SHOWN = 12;
/** A URL is shown up to this many characters. */
const URL_SHOWN = 500;

const INSECURE = /^(http|ws):\/\//i;
const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text);

interface Node {
  value: unknown;
  key: string | number | undefined;
  parent: Node | undefined;
}

function pathOf(node: Node): string {
  const keys: (string | number)[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) keys.push(n.key);
  keys.reverse();
  if (keys.length <= PATH_SEGMENTS_SHOWN) return jsonPath(keys);
  return `$…${jsonPath(keys.slice(-PATH_SEGMENTS_SHOWN)).slice(1)}`;
}

/** Every string value of `root` that is an http:// or ws:// URL, the first MAX_URLS_LISTED with their paths. */
export function insecureUrlsIn(root: unknown): Pick<ApiBody, 'insecureUrls' | 'moreInsecureUrls'> {
  const insecureUrls: ApiBody['insecureUrls'] = [];
  let more = 0;
  const stack: Node[] = [{ value: root, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const text = value.trim();
      if (!INSECURE.test(text) || !URL.canParse(text)) continue;
      if (insecureUrls.length < MAX_URLS_LISTED)
        insecureUrls.push({ path: pathOf(node), url: text.slice(0, URL_SHOWN) });
      else more++;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
    }
  }
  return { insecureUrls, moreInsecureUrls: more };
}

/** The facts of a body read (bounded) from an answer whose Content-Type is `contentType`. */
export function bodyFacts(body: { bytes: Buffer; incomplete?: string }, contentType: string | undefined): ApiBody {
  const base = { bytes: body.bytes.length, ...(body.incomplete ? { incomplete: body.incomplete } : {}) };
  const text = body.bytes.toString('utf8').replace(/^\uFEFF/, '');
  const saysJson = /json/i.test(contentType ?? '');
  if (!saysJson && !looksLikeJson(text)) return { ...base, format: 'not-json', insecureUrls: [], moreInsecureUrls: 0 };
  if (body.incomplete) return { ...base, format: 'invalid-json', insecureUrls: [], moreInsecureUrls: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...base, format: saysJson ? 'invalid-json' : 'not-json', insecureUrls: [], moreInsecureUrls: 0 };
  }
  return { ...base, format: 'json', ...insecureUrlsIn(parsed) };
}
