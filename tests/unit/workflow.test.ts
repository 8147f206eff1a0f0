// The scheduled CI workflow: valid for GitHub (action-validator, from node_modules: no network),
// and wired as the README says: schedule and manual runs, shards by matrix, one merge of their
// blob reports, Allure history where allurerc.ts keeps it, and the gate last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import allureConfig from '../../allurerc.ts';

const FILE = '.github/workflows/security-scan.yml';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }>;
}

test('action-validator accepts the workflow', () => {
  const run = spawnSync('node_modules/.bin/action-validator', [FILE], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
});

test('scheduled and manual; shards merged once; Allure history cached; gate last', () => {
  const wf = parse(readFileSync(FILE, 'utf8')) as Workflow;
  assert.ok(wf.on.schedule && 'workflow_dispatch' in wf.on);
  const { scan, report } = wf.jobs;
  assert.ok(scan && report);
  assert.ok(scan.strategy!.matrix.shard.length >= 2);
  const scanRun = scan.steps.map((s) => s.run ?? '').join('\n');
  assert.match(
    scanRun,
    /npx playwright test --shard=\$\{\{ matrix\.shard \}\}\/\$\{\{ strategy\.job-total \}\}[\s\S]*--reporter=blob/,
  );
  assert.ok(scan.steps.some((s) => s.uses?.startsWith('actions/upload-artifact') && s.with?.path === 'blob-report'));
  assert.equal(report.needs, 'scan');
  const runs = report.steps.map((s) => s.run ?? '');
  assert.ok(runs.includes('npx playwright merge-reports --config merge.config.ts all-blob-reports'));
  const historyDir = allureConfig.historyPath.split('/').slice(0, -1).join('/').replace(/^\.\//, '');
  for (const action of ['actions/cache/restore', 'actions/cache/save']) {
    assert.ok(
      report.steps.some((s) => s.uses?.startsWith(action) && s.with?.path === historyDir),
      `${action} of ${historyDir}`,
    );
  }
  // The discovery history is restored before the merge writes summary.md, and saved after it.
  const merge = runs.indexOf('npx playwright merge-reports --config merge.config.ts all-blob-reports');
  const cacheOf = (action: string) =>
    report.steps.findIndex((s) => s.uses?.startsWith(action) && s.with?.path === 'discovery-history');
  assert.ok(cacheOf('actions/cache/restore') >= 0 && cacheOf('actions/cache/restore') < merge);
  assert.ok(cacheOf('actions/cache/save') > merge);
  assert.equal(runs.at(-1), 'npm run gate');
});
