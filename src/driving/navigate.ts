// What a driver does to a page before it is read: navigate (bounded, an error recorded rather
// than thrown) and scroll to the bottom, so that lazy images and frames start loading.
import type { Page } from '@playwright/test';
import { firstLine } from '../model/text.ts';
import { bounded } from '../recording/bounded.ts';
import { ANSWER_MS } from '../recording/recorder.ts';

export async function goto(page: Page, url: string, timeoutMs: number): Promise<{ status?: number; error?: string }> {
  try {
    const response = await page.goto(url, { timeout: timeoutMs, waitUntil: 'load' });
    return { status: response?.status() };
  } catch (err) {
    // Still loading after its limit (an endless or huge page): stop it, so reading it stays quick.
    await bounded(
      page.evaluate(() => window.stop()),
      ANSWER_MS,
      undefined,
    );
    return { error: firstLine(err) };
  }
}

/** Bounded: a renderer busy with a script that never ends may not answer. */
export async function scrollToBottom(page: Page, ms: number): Promise<void> {
  await bounded(
    page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight)),
    ms,
    undefined,
  );
}
