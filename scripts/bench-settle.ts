// What settling a page costs in wall time when its late content comes near the end of settleMs:
// the page of the lab's late-content-flaws site whose timers fire at 90% of settleMs, settled in
// virtual time as the scan does for listed pages (the wall-clock rule costs settleMs by definition).
// Each run also says whether the late content was there when the settle ended.
import type { Browser } from '@playwright/test';
import type { Timeouts } from '../src/model/defaults.ts';
import { readMs } from '../src/recording/recorder.ts';
import { settleVirtually } from '../src/recording/virtual-settle.ts';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median wall ms of the settle step over a few fresh tabs, and in how many runs the late form was in the DOM. */
export async function benchSettle(browser: Browser, url: string, timeouts: Timeouts): Promise<void> {
  const { settleMs } = timeouts;
  const times: number[] = [];
  let seen = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const started = Date.now();
      const settled = await settleVirtually(page, settleMs, readMs(timeouts));
      times.push(Date.now() - started);
      // The form is the last thing the timer inserts: it is in the DOM only if the timer ran.
      if (settled.outcome === 'expired' && (await page.locator('form[action$="/subscribe"]').count()) > 0) seen++;
      await settled.release();
    } finally {
      await context.close();
    }
  }
  console.log(
    `settling a page whose content comes ${url.split('/').pop()} ms after load (settleMs ${settleMs}), virtual time: median ${median(times)} ms of wall time (runs: ${times.join(', ')} ms), content seen in ${seen} of ${RUNS}`,
  );
}
