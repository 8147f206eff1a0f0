// "${NAME}" placeholders in any string of sites.json are read from the environment
// (after .env is loaded). The values are remembered as secrets so reports can redact them.
import { jsonPath } from './errors.ts';

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface Substituted {
  value: unknown;
  secrets: string[];
  /** JSON paths ("$.sites[0].name") of the strings that held a placeholder. */
  substitutedPaths: Set<string>;
  problems: string[];
}

export function substituteEnv(raw: unknown, env: NodeJS.ProcessEnv): Substituted {
  const secrets = new Set<string>();
  const substitutedPaths = new Set<string>();
  const problems: string[] = [];
  const walk = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (_, name: string) => {
        substitutedPaths.add(jsonPath(path));
        const value = env[name];
        if (value === undefined || value === '') {
          problems.push(
            `${jsonPath(path)}: environment variable ${name} is not set (set it in the environment or in .env)`,
          );
          return '';
        }
        secrets.add(value);
        return value;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return node;
  };
  const value = walk(raw, []);
  return { value, secrets: [...secrets], substitutedPaths, problems };
}
