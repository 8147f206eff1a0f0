// A screenshot of a page for the report, with what holds a secret masked: the fields the harness
// typed a secret into, and any element whose text shows one. Bounded; never throws.
import type { Locator, Page } from '@playwright/test';
import { bounded } from './bounded.ts';

/** The file written, or undefined when it could not be taken within `ms`. */
export function maskedScreenshot(
  page: Page,
  file: string,
  secretFields: readonly Locator[],
  secrets: readonly string[],
  ms: number,
): Promise<string | undefined> {
  const mask: Locator[] = [...secretFields, ...secrets.filter((s) => s.length > 0).map((s) => page.getByText(s))];
  const shot = page.screenshot({ path: file, timeout: Math.max(1, ms), mask, maskColor: '#000' }).then(
    () => file,
    () => undefined,
  );
  return bounded(shot, ms, undefined);
}
