// One declarative flow step, done in the browser with Playwright selectors (css, role=,
// text=...) so that what `npx playwright codegen` records can be pasted in. Every step is
// bounded by its timeout; a failure is returned, never thrown. A secret is typed only after
// the field passed the secret guard.
import type { Locator, Page } from '@playwright/test';
import type { Flow, FlowStep } from '../model/site.ts';
import { inspectSecretField } from './secret-guard.ts';
import type { Recorder } from '../recording/recorder.ts';
import { goto } from './navigate.ts';
import type { RefusedSecret } from '../model/evidence.ts';
import { firstLine } from '../model/text.ts';

export type StepResult =
  | { ok: true; status?: number; typedPassword?: boolean }
  | { ok: false; error: string }
  | { ok: false; refused: Omit<RefusedSecret, 'step'> };

/** "click #go-to-checkout", "fill #password", "waitFor url /account": never a value. */
export function describeStep(step: FlowStep, siteUrl: string): string {
  switch (step.kind) {
    case 'goto': {
      const u = new URL(step.url);
      return `goto ${u.origin === new URL(siteUrl).origin ? `${u.pathname}${u.search}` : step.url}`;
    }
    case 'press':
      return `press ${step.selector} ${step.key}`;
    case 'waitFor':
      return `waitFor ${step.url !== undefined ? `url ${step.url}` : step.selector !== undefined ? `selector ${step.selector}` : `text "${step.text}"`}`;
    default:
      return `${step.kind} ${step.selector}`;
  }
}

/** "step 1 goto /login", "step 2 fill #username"...: how reports name each step of a flow. */
export const stepLabels = (flow: Pick<Flow, 'steps'>, siteUrl: string): string[] =>
  (flow.steps ?? []).map((step, i) => `step ${i + 1} ${describeStep(step, siteUrl)}`);

/** Steps that can navigate or change what the page shows. */
export const changesPage = (step: FlowStep): boolean =>
  step.kind === 'goto' || step.kind === 'click' || step.kind === 'press';

/** A path waits for that path on any of the page's own URL (query ignored unless given); anything else is a Playwright URL glob. */
export function urlMatcher(value: string): string | ((url: URL) => boolean) {
  if (!value.startsWith('/')) return value;
  const wanted = new URL(value, 'https://x.invalid');
  return (url: URL) => url.pathname === wanted.pathname && (wanted.search === '' || url.search === wanted.search);
}

export interface StepContext {
  page: Page;
  recorder: Recorder;
  /** Hosts where secrets may be typed: the site's and the flow's allowHosts. */
  allowedHosts: ReadonlySet<string>;
  timeoutMs: number;
  pageMs: number;
}

/** Checks the field first: a secret goes only into a field that passes the guard. */
async function typeSecret(ctx: StepContext, field: Locator, type: () => Promise<unknown>): Promise<StepResult> {
  const inspected = await inspectSecretField(field.first(), ctx.timeoutMs, ctx.allowedHosts);
  if ('refused' in inspected) return { ok: false, refused: inspected.refused };
  await ctx.recorder.noteSecretField(ctx.page, field);
  await type();
  return { ok: true, typedPassword: inspected.password };
}

async function act(step: FlowStep, ctx: StepContext): Promise<StepResult> {
  const { page, timeoutMs: timeout } = ctx;
  switch (step.kind) {
    case 'goto': {
      const nav = await goto(page, step.url, step.timeoutMs ?? ctx.pageMs);
      return nav.error
        ? { ok: false, error: nav.error }
        : { ok: true, ...(nav.status !== undefined ? { status: nav.status } : {}) };
    }
    case 'click':
      await page.locator(step.selector).click({ timeout });
      return { ok: true };
    case 'check':
      await page.locator(step.selector).check({ timeout });
      return { ok: true };
    case 'uncheck':
      await page.locator(step.selector).uncheck({ timeout });
      return { ok: true };
    case 'press':
      await page.locator(step.selector).press(step.key, { timeout });
      return { ok: true };
    case 'fill': {
      const field = page.locator(step.selector);
      if (step.secret) return typeSecret(ctx, field, () => field.fill(step.value, { timeout }));
      await field.fill(step.value, { timeout });
      return { ok: true };
    }
    case 'select': {
      const field = page.locator(step.selector);
      const choose = () => field.selectOption(step.values, { timeout });
      if (step.secret) return typeSecret(ctx, field, choose);
      await choose();
      return { ok: true };
    }
    case 'waitFor':
      if (step.url !== undefined) await page.waitForURL(urlMatcher(step.url), { timeout, waitUntil: 'load' });
      else if (step.selector !== undefined) await page.locator(step.selector).first().waitFor({ timeout });
      else
        await page
          .getByText(step.text ?? '')
          .first()
          .waitFor({ timeout });
      return { ok: true };
  }
}

export async function runStep(step: FlowStep, ctx: StepContext): Promise<StepResult> {
  try {
    const result = await act(step, { ...ctx, timeoutMs: step.timeoutMs ?? ctx.timeoutMs });
    // A click or key press may start a navigation: let it load, within the step's limit.
    if (result.ok && (step.kind === 'click' || step.kind === 'press')) {
      await ctx.page.waitForLoadState('load', { timeout: step.timeoutMs ?? ctx.timeoutMs }).catch(() => {});
    }
    return result;
  } catch (err) {
    return { ok: false, error: firstLine(err) };
  }
}
