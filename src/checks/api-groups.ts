// A top-level API is reported as a group of its own (see config/resolve-apis.ts): it has API
// answers and API hosts, and no hosts, pages or flows of a site. The checks that judge API
// evidence or TLS handshakes apply to it; those that judge only a site's own hosts (transport)
// or pages have nothing to judge there, and say so ("not applicable") instead of passing.
import type { Check } from '../model/check.ts';
import type { CheckOutcome } from '../model/findings.ts';

const judgesApis = (check: Check): boolean => check.needs.some((kind) => kind === 'apis' || kind === 'tls');

const NOT_APPLICABLE: CheckOutcome = {
  findings: [],
  unmeasured: [],
  checked: [],
  notes: [],
  notApplicable: 'a top-level API has no pages and no hosts of a site: this check judges those',
};

/** The check as it is, or, when it judges no API evidence, one that does not apply to an API's group. */
export function forApiGroups(check: Check): Check {
  if (judgesApis(check)) return check;
  return { ...check, run: (site, evidence) => (site.group === 'api' ? NOT_APPLICABLE : check.run(site, evidence)) };
}
