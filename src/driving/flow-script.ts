// A flow written as a Playwright script, for what steps cannot express:
//   export default async ({ page, secrets, site }) => { ... }
// The script drives a guarded page. Before each action, a page the script reached since the
// last action is recorded (so every page it passes through is judged, as with steps), and any
// typing whose text holds a secret first passes the secret guard; a refusal stops the script.
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import type { DriveResult, FlowSession } from './flow-session.ts';
import { snapshotStep } from './flow-session.ts';
import { bounded } from '../recording/bounded.ts';
import { firstLine } from '../model/text.ts';
import { inspectSecretField } from './secret-guard.ts';
import type { RefusedSecret } from '../model/evidence.ts';
import type { Timeouts } from '../model/defaults.ts';

/** What a flow script receives. */
export interface FlowScriptArgs {
  page: Page;
  /** The flow's `secrets`, by alias. Typing one anywhere goes through the secret guard. */
  secrets: Readonly<Record<string, string>>;
  site: { name: string; url: string; hosts: readonly string[] };
}

/** A script flow may take at most this many times `stepMs` (plus one page load). */
const SCRIPT_STEPS_BUDGET = 10;
export const scriptBudgetMs = (t: Timeouts): number => SCRIPT_STEPS_BUDGET * t.stepMs + t.pageMs;

/** Methods that act on the page: a new page is recorded before any of them runs. */
const ACTIONS = new Set([
  'check',
  'click',
  'dblclick',
  'dispatchEvent',
  'dragAndDrop',
  'dragTo',
  'fill',
  'focus',
  'goBack',
  'goForward',
  'goto',
  'hover',
  'insertText',
  'press',
  'pressSequentially',
  'reload',
  'selectOption',
  'selectText',
  'setChecked',
  'setInputFiles',
  'tap',
  'type',
  'uncheck',
]);
type Kind = 'Page' | 'Frame' | 'FrameLocator' | 'Locator' | 'ElementHandle' | 'Keyboard';

const has = (obj: object, ...methods: string[]): boolean =>
  methods.every((m) => typeof (obj as Record<string, unknown>)[m] === 'function');

/** What a Playwright object is, by its methods (its class names are not public and are minified). */
function kindOf(value: unknown): Kind | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (has(value, 'mainFrame', 'goto')) return 'Page';
  if (has(value, 'parentFrame', 'fill')) return 'Frame';
  if (has(value, 'owner', 'locator') && !has(value, 'fill')) return 'FrameLocator';
  if (has(value, 'asElement', 'fill')) return 'ElementHandle';
  if (has(value, 'fill', 'nth', 'filter')) return 'Locator';
  if (has(value, 'insertText', 'down', 'up')) return 'Keyboard';
  return undefined;
}

class SecretRefused extends Error {
  constructor(readonly refused: Omit<RefusedSecret, 'step'>) {
    super(`refused to type the ${refused.field} into ${refused.pageUrl}: ${refused.why}`);
  }
}

/** The field a call types into: the locator or handle itself, the selector of a page/frame call, or the focused element. */
function fieldOf(page: Page, target: object, kind: Kind, args: unknown[]): Locator | { evaluate: Locator['evaluate'] } {
  if (kind === 'Locator' || kind === 'ElementHandle') return target as Locator;
  if ((kind === 'Page' || kind === 'Frame') && typeof args[0] === 'string')
    return (target as Page).locator(args[0]).first();
  return page.locator('*:focus').first();
}

export async function runScript(s: FlowSession): Promise<DriveResult> {
  const { page, recorder, flow, options } = s;
  const secrets = Object.values(flow.secrets).filter((v) => v.length > 0);
  let reached = 0;
  const recordNewPage = async () => {
    if ((await recorder.newDocuments(page)) > 0) {
      await snapshotStep(s, ++reached, 'script');
      recorder.markLogin(false);
    }
  };
  const guard = async (target: object, kind: Kind, args: unknown[]) => {
    if (!args.some((a) => typeof a === 'string' && secrets.some((secret) => a.includes(secret)))) return;
    const field = fieldOf(page, target, kind, args);
    const inspected = await inspectSecretField(field, options.timeouts.stepMs, s.allowedHosts);
    if ('refused' in inspected) throw new SecretRefused(inspected.refused);
    if (kind !== 'ElementHandle' && 'first' in field) await recorder.noteSecretField(page, field as Locator);
    if (inspected.password) recorder.markLogin(true);
  };
  const wrap = <T extends object>(target: T, kind: Kind): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver) as unknown;
        // page.keyboard and the like are properties: wrapped too, so typing through them is guarded.
        const propertyKind = kindOf(value);
        if (propertyKind) return wrap(value as object, propertyKind);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const call = async () => {
            if (ACTIONS.has(String(prop))) {
              await recordNewPage();
              await guard(obj, kind, args);
            }
            return (value as (...a: unknown[]) => unknown).apply(obj, args);
          };
          if (ACTIONS.has(String(prop))) return call();
          const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
          const resultKind = kindOf(result);
          return resultKind ? wrap(result as object, resultKind) : result;
        };
      },
    });

  const budget = scriptBudgetMs(options.timeouts);
  try {
    const module = (await import(pathToFileURL(flow.script!).href)) as { default?: unknown };
    if (typeof module.default !== 'function')
      return {
        completed: false,
        stoppedAt: 'its script',
        reason: `${flow.script} has no default export function`,
        notReached: [],
      };
    const script = module.default as (args: FlowScriptArgs) => Promise<unknown>;
    const run = script({
      page: wrap(page, 'Page'),
      secrets: flow.secrets,
      site: { name: s.site.name, url: s.site.url, hosts: s.site.hosts },
    });
    const outcome = await bounded(
      run.then(
        () => ({ done: true as const }),
        (error: unknown) => ({ error }),
      ),
      budget,
      { timeout: true as const },
    );
    if ('timeout' in outcome) throw new Error(`the script did not finish within ${budget} ms`);
    if ('error' in outcome) throw outcome.error;
    await snapshotStep(s, ++reached, 'script');
    return { completed: true, notReached: [] };
  } catch (err) {
    await snapshotStep(s, ++reached, 'script');
    const at = `script (after ${reached - 1} page(s))`;
    if (err instanceof SecretRefused) {
      const refusedSecret = { step: at, ...err.refused };
      return {
        completed: false,
        stoppedAt: at,
        reason: err.message,
        refusedSecret,
        notReached: ['the rest of its script'],
      };
    }
    return { completed: false, stoppedAt: at, reason: firstLine(err), notReached: ['the rest of its script'] };
  }
}
