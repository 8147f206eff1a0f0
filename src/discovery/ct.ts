// Certificate transparency through a crt.sh-compatible JSON endpoint: an array of entries whose
// `name_value` holds the logged names, one a line (and `common_name`). Names are lower-cased,
// "*." is stripped and what is not a host name (e-mail addresses, IPs, garbage) is dropped. The
// endpoint is a network source that can fail or lie: anything but a JSON array is a failure.
import { hostName } from './scope.ts';

/** Most names taken from one answer: a lying endpoint may send millions. */
export const MAX_CT_NAMES = 10_000;

export type CtAnswer = { ok: true; names: string[]; dropped: number; capped: boolean } | { ok: false; reason: string };

/** The query URL: `{domain}` replaced by the registrable domain. */
export const ctQueryUrl = (template: string, domain: string): string =>
  template.split('{domain}').join(encodeURIComponent(domain));

export function parseCtAnswer(text: string): CtAnswer {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `the answer is not JSON (${(err as Error).message})` };
  }
  if (!Array.isArray(value)) return { ok: false, reason: 'the answer is not a JSON array of log entries' };
  const names = new Set<string>();
  let dropped = 0;
  for (const entry of value) {
    if (!entry || typeof entry !== 'object') continue;
    const { name_value: nameValue, common_name: commonName } = entry as Record<string, unknown>;
    for (const raw of [nameValue, commonName].flatMap((v) => (typeof v === 'string' ? v.split(/\s+/) : []))) {
      if (raw === '') continue;
      const name = hostName(raw.replace(/^\*\./, ''));
      if (!name) dropped++;
      else if (names.size < MAX_CT_NAMES) names.add(name);
    }
  }
  return { ok: true, names: [...names].sort(), dropped, capped: names.size >= MAX_CT_NAMES };
}
