// How a run uses its collection phase, on a few lab sites: --shard splits the run by site (no
// site is collected by two shards, every site x check is judged once), and --retries collects
// again only what could not be measured: a retried check with real findings keeps its
// evidence. Both shards run with --retries=1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScan, type Summary } from '../../lab/run-scan.ts';
import { startLab, type RunningLab } from '../../lab/server.ts';
import { freePortBase } from '../../lab/ports.ts';
import { labSitesFile } from '../../lab/sites-file.ts';
import { LAB_SITES } from '../../lab/sites/index.ts';
import { LAB_ENV } from '../../lab/credentials.ts';
import { CHECKS } from '../../src/checks/index.ts';

/** A clean site, one with findings only, and one with hosts that cannot be measured. */
const SITES = ['good', 'cookie-flaws', 'unreachable-hosts'];
const KINDS = [...new Set(CHECKS.flatMap((c) => c.needs))];

let lab: RunningLab;
const shards: { summary: Summary; output: string }[] = [];

before(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'run-behaviour-'));
  const base = await freePortBase(LAB_SITES);
  lab = await startLab(base, dir);
  const file = labSitesFile(base, lab.caFile, LAB_SITES, dir);
  const sitesFile = path.join(dir, 'sites.json');
  // The three sites alone: the lab's top-level APIs are left out too.
  const { apis: _apis, ...withoutApis } = file;
  writeFileSync(sitesFile, JSON.stringify({ ...withoutApis, sites: file.sites.filter((s) => SITES.includes(s.name)) }));
  for (const shard of ['1/2', '2/2']) {
    const summaryFile = path.join(dir, `summary-${shard.replace('/', '-')}.json`);
    const run = await runScan(
      [
        '--reporter=line,./reporters/plan-reporter.ts,./reporters/summary-reporter.ts',
        `--shard=${shard}`,
        '--retries=1',
        `--output=${path.join(dir, `results-${shard.replace('/', '-')}`)}`,
      ],
      { ...LAB_ENV, SITES_FILE: sitesFile, SUMMARY_FILE: summaryFile, LAB: '0' },
    );
    shards.push({ summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary, output: run.output });
  }
});
after(async () => {
  await lab?.close();
});

const collected = (output: string) =>
  [...output.matchAll(/collected (\w+) evidence for (\S+) in \d+ ms( \(again, for retry (\d+)\))?/g)].map((m) => ({
    kind: m[1]!,
    site: m[2]!,
    retry: Number(m[4] ?? 0),
  }));

test('--shard splits by site: each site is collected by one shard only, once per kind', () => {
  const firstTime = shards.flatMap((s, shard) =>
    collected(s.output)
      .filter((c) => c.retry === 0)
      .map((c) => `${c.site} ${c.kind} (shard ${shard + 1})`),
  );
  const bySite = new Map<string, Set<string>>();
  for (const line of firstTime) {
    const [site, , shard] = line.split(' ');
    bySite.set(site!, (bySite.get(site!) ?? new Set()).add(shard!));
  }
  for (const site of SITES)
    assert.equal(bySite.get(site)?.size, 1, `${site} collected by shards ${[...(bySite.get(site) ?? [])].join(', ')}`);
  const kinds = firstTime.map((l) => l.replace(/ \(shard \d\)\)?$/, '')).sort();
  assert.deepEqual(kinds, SITES.flatMap((site) => KINDS.map((k) => `${site} ${k}`)).sort());
});

test('every site x check is judged in exactly one shard', () => {
  const judged = shards
    .flatMap((s) => s.summary.sites.flatMap((site) => site.checks.map((c) => `${site.name} ${c.id}`)))
    .sort();
  assert.deepEqual(judged, SITES.flatMap((site) => CHECKS.map((c) => `${site} ${c.id}`)).sort());
});

test('a retry collects again only the evidence of checks that could not measure', () => {
  const again = shards.flatMap((s) => collected(s.output).filter((c) => c.retry === 1));
  const status = (site: string, id: string) =>
    shards
      .flatMap((s) => s.summary.sites)
      .find((x) => x.name === site)
      ?.checks.find((c) => c.id === id)?.status;
  // unreachable-hosts cannot be measured by its transport, tls and pages checks: each of their kinds once
  // more, for retry 1 (not discovery's nor the APIs': it has neither, so their checks do not apply).
  const unmeasuredKinds = [
    ...new Set(CHECKS.filter((c) => status('unreachable-hosts', c.id) === 'error').flatMap((c) => c.needs)),
  ];
  assert.deepEqual(unmeasuredKinds.sort(), KINDS.filter((k) => k !== 'discovery' && k !== 'apis').sort());
  assert.deepEqual(
    again.map((c) => `${c.site} ${c.kind}`).sort(),
    unmeasuredKinds.map((k) => `unreachable-hosts ${k}`).sort(),
  );
  // cookie-flaws fails on real findings: retried, but judged on the same evidence.
  assert.ok(!again.some((c) => c.site === 'cookie-flaws'));
  assert.equal(status('cookie-flaws', 'cookie-secure'), 'failed');
  assert.equal(status('unreachable-hosts', 'tls-protocols'), 'error');
  assert.equal(status('good', 'hsts'), 'passed');
});
