// Host names in a Content-Security-Policy: the host-sources of every directive (CSP3 §2.3.1).
// The policy is split by a CSP parser library; what remains is telling source expressions apart.
import parseCsp from 'content-security-policy-parser';

/** A host-source with an optional scheme, a host (or "*."-wildcard), port and path. */
const HOST_SOURCE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(\*\.)?([a-z0-9_.-]+)(?::(?:\d+|\*))?(?:\/.*)?$/i;

export interface CspNames {
  hosts: string[];
  /** "*.example.com" sources: a pattern, not a host. */
  wildcards: string[];
}

/** Keywords ('self', nonces, hashes), scheme-only sources (https:, data:) and "*" name no host. */
export function cspNames(policy: string): CspNames {
  const out: CspNames = { hosts: [], wildcards: [] };
  for (const policyPart of policy.split(',')) {
    for (const sources of parseCsp(policyPart).values()) {
      for (const source of sources) {
        if (source.startsWith("'") || /^[a-z][a-z0-9+.-]*:$/i.test(source)) continue;
        const match = HOST_SOURCE.exec(source);
        if (!match) continue;
        const host = match[2]!.toLowerCase();
        if (match[1]) out.wildcards.push(`*.${host}`);
        else out.hosts.push(host);
      }
    }
  }
  return out;
}
