// Parsing a sites file given as a value, for the config tests.
import assert from 'node:assert/strict';
import { parseScanConfig } from '../../src/config/load.ts';
import type { ScanConfig } from '../../src/model/site.ts';
import { ConfigError } from '../../src/config/errors.ts';
import { CHECKS } from '../../src/checks/index.ts';

export const FILE = '/x/sites.json';

export const parse = (value: unknown, env: NodeJS.ProcessEnv = {}): ScanConfig =>
  parseScanConfig(CHECKS, JSON.stringify(value), FILE, env);

/** The ConfigError `load` throws. */
export function rejection(load: () => unknown): ConfigError {
  try {
    load();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
    return err;
  }
  assert.fail('expected the file to be rejected');
}

/** The problems a file (a value, or the text of a file) is rejected with. */
export function problems(value: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  return rejection(() => (typeof value === 'string' ? parseScanConfig(CHECKS, value, FILE, env) : parse(value, env)))
    .problems;
}

/** Each pattern matches one of the problems. */
export function assertProblems(list: string[], expected: RegExp[]): void {
  for (const pattern of expected)
    assert.ok(
      list.some((p) => pattern.test(p)),
      `${pattern} not in:\n${list.join('\n')}`,
    );
}

/** A file with one site, changed by `site` and `file`. */
export function oneSite(
  site: Record<string, unknown> = {},
  file: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...file, sites: [{ name: 'shop', url: 'https://shop.test/', ...site }] };
}
