// Rules across the flows of one site, which JSON Schema cannot express: unique names, `after`
// naming another flow without a cycle, goto targets on the flow's hosts, script files that exist.
// They read the raw value, so they run even where other fields are invalid.
import path from 'node:path';
import { unreadableReason } from './input-file.ts';
import { under, type FieldProblem } from './errors.ts';
import { duplicateNameProblems } from './unique-names.ts';

interface RawFlow {
  name?: unknown;
  after?: unknown;
  steps?: unknown;
  script?: unknown;
  allowHosts?: unknown;
}

/**
 * Problems of `flows`, with paths relative to it. `siteHosts`: the site's own hosts, lower case
 * (undefined when its URL is invalid: goto hosts are then not judged).
 */
export function flowProblems(flows: RawFlow[], siteHosts: string[] | undefined, baseDir: string): FieldProblem[] {
  return [
    ...duplicateNameProblems(flows, 'flow'),
    ...afterProblems(flows),
    ...flows.flatMap((flow, i) => under([i], [...gotoProblems(flow, siteHosts), ...scriptProblems(flow, baseDir)])),
  ];
}

/** `after` names another flow of the site, and following `after` never comes back. */
function afterProblems(flows: RawFlow[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byName = new Map<unknown, number>();
  for (const [i, flow] of flows.entries()) byName.set(flow?.name, byName.get(flow?.name) ?? i);
  flows.forEach((flow, i) => {
    if (typeof flow?.after !== 'string') return;
    if (flow.after === flow.name) problems.push({ path: [i, 'after'], message: 'a flow cannot start after itself' });
    else if (!byName.has(flow.after))
      problems.push({ path: [i, 'after'], message: `no flow named "${flow.after}" in this site` });
  });
  return [...problems, ...cycleProblems(flows, byName)];
}

/**
 * Each flow has at most one `after`, so following them from any flow either ends or runs into
 * a cycle. Every flow is walked once; a cycle is reported at its member that comes first.
 */
function cycleProblems(flows: RawFlow[], byName: Map<unknown, number>): FieldProblem[] {
  const afterOf = (i: number): number | undefined => {
    const next = byName.get(flows[i]?.after);
    return next === i ? undefined : next; // a flow after itself is reported on its own
  };
  const problems: FieldProblem[] = [];
  const walked = new Set<number>();
  flows.forEach((_, start) => {
    const walk: number[] = [];
    const onWalk = new Set<number>();
    let i: number | undefined = start;
    for (; i !== undefined && !walked.has(i) && !onWalk.has(i); i = afterOf(i)) {
      walk.push(i);
      onWalk.add(i);
    }
    for (const j of walk) walked.add(j);
    if (i === undefined || !onWalk.has(i)) return; // it ended, or joined a walk already judged
    const cycle = walk.slice(walk.indexOf(i));
    const first = cycle.indexOf(cycle.reduce((a, b) => Math.min(a, b)));
    const names = [...cycle.slice(first), ...cycle.slice(0, first + 1)].map((j) => String(flows[j]!.name));
    problems.push({
      path: [cycle[first]!, 'after'],
      message: `the flows start after each other in a cycle: ${names.join(' -> ')}`,
    });
  });
  return problems;
}

function gotoProblems(flow: RawFlow, siteHosts: string[] | undefined): FieldProblem[] {
  if (siteHosts === undefined || !Array.isArray(flow?.steps)) return [];
  const allowHosts = Array.isArray(flow.allowHosts) ? flow.allowHosts.map((h) => String(h).toLowerCase()) : [];
  const problems: FieldProblem[] = [];
  flow.steps.forEach((step: { goto?: unknown }, k) => {
    // Paths and malformed URLs are judged by the schema; here only where an absolute URL goes.
    if (typeof step?.goto !== 'string' || !step.goto.startsWith('https://') || !URL.canParse(step.goto)) return;
    const host = new URL(step.goto).hostname;
    if (!siteHosts.includes(host) && !allowHosts.includes(host)) {
      problems.push({
        path: ['steps', k, 'goto'],
        message: `${host} is neither a host of this site (${siteHosts.join(', ')}) nor in this flow's allowHosts`,
      });
    }
  });
  return problems;
}

function scriptProblems(flow: RawFlow, baseDir: string): FieldProblem[] {
  if (typeof flow?.script !== 'string' || flow.script === '') return [];
  const file = path.resolve(baseDir, flow.script);
  const reason = unreadableReason(file);
  return reason === undefined ? [] : [{ path: ['script'], message: `cannot use the script file ${file}: ${reason}` }];
}
