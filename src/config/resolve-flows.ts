// From the flows as written to the resolved Flow every other module uses: absolute goto URLs
// and script paths, which typed values are secrets, and an order that runs every flow after
// the one it starts from.
import path from 'node:path';
import type { ParsedStep } from './flow-schema.ts';
import type { SiteConfig } from './schema.ts';
import type { Flow, FlowStep } from '../model/site.ts';

/**
 * `where` is the site's JSON path ("$.sites[0]"); `substitutedPaths` the JSON paths whose
 * strings held a ${VAR}; `baseDir` the sites file's folder.
 */
export function resolveFlows(site: SiteConfig, where: string, substitutedPaths: Set<string>, baseDir: string): Flow[] {
  const flows = site.flows.map(
    (flow, j): Flow => ({
      name: flow.name,
      ...(flow.after === undefined ? {} : { after: flow.after }),
      ...(flow.steps === undefined
        ? {}
        : {
            steps: flow.steps.map((step, k) =>
              resolveStep(step, site.url, `${where}.flows[${j}].steps[${k}].value`, substitutedPaths),
            ),
          }),
      ...(flow.script === undefined ? {} : { script: path.resolve(baseDir, flow.script) }),
      visit: flow.visit,
      allowHosts: flow.allowHosts.map((h) => h.toLowerCase()),
      secrets: flow.secrets ?? {},
    }),
  );
  return afterFirst(flows);
}

/** `valuePath`: where the step's value is in the file, to tell whether it came from a ${VAR}. */
function resolveStep(step: ParsedStep, siteUrl: string, valuePath: string, substitutedPaths: Set<string>): FlowStep {
  const timeout = step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs };
  switch (step.kind) {
    case 'goto':
      return { kind: 'goto', url: new URL(step.goto, siteUrl).href, ...timeout };
    case 'click':
      return { kind: 'click', selector: step.click, ...timeout };
    case 'check':
      return { kind: 'check', selector: step.check, ...timeout };
    case 'uncheck':
      return { kind: 'uncheck', selector: step.uncheck, ...timeout };
    case 'fill':
      return {
        kind: 'fill',
        selector: step.fill,
        value: step.value,
        secret: substitutedPaths.has(valuePath),
        ...timeout,
      };
    case 'select': {
      const secret =
        typeof step.value === 'string'
          ? substitutedPaths.has(valuePath)
          : step.value.some((_, m) => substitutedPaths.has(`${valuePath}[${m}]`));
      return {
        kind: 'select',
        selector: step.select,
        values: typeof step.value === 'string' ? [step.value] : step.value,
        secret,
        ...timeout,
      };
    }
    case 'press':
      return { kind: 'press', selector: step.press, key: step.key, ...timeout };
    case 'waitFor':
      return { kind: 'waitFor', ...step.waitFor, ...timeout };
  }
}

/** File order, except that a flow comes after the flow named in its `after` (no cycles by now). */
function afterFirst(flows: Flow[]): Flow[] {
  const byName = new Map(flows.map((flow) => [flow.name, flow]));
  const ordered = new Set<Flow>();
  for (const flow of flows) {
    const chain: Flow[] = [];
    for (
      let f: Flow | undefined = flow;
      f !== undefined && !ordered.has(f);
      f = f.after === undefined ? undefined : byName.get(f.after)
    ) {
      chain.push(f);
    }
    for (const f of chain.reverse()) ordered.add(f);
  }
  return [...ordered];
}
