// `npm run discover -- <url>`: from a URL to a sites.json ready to scan, on the lab's healthy
// discovery site: its subdomains and pages found, valid against the schema, what was left out on
// stderr; and bad input stops at once with exit 2.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLab, type RunningLab } from '../../lab/server.ts';
import { freePortBase } from '../../lab/ports.ts';
import { labSitesFile } from '../../lab/sites-file.ts';
import { LAB_SITES } from '../../lab/sites/index.ts';
import { LAB_ENV } from '../../lab/credentials.ts';
import { ROOT } from '../../lab/run-scan.ts';
import { parse } from '../unit/config-helpers.ts';

let lab: RunningLab;
let dir: string;
let config: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'discover-command-'));
  const base = await freePortBase(LAB_SITES);
  lab = await startLab(base, dir);
  config = path.join(dir, 'sites.json');
  writeFileSync(config, JSON.stringify(labSitesFile(base, lab.caFile, LAB_SITES, dir)));
});
after(async () => {
  await lab?.close();
});

/** Runs the command; asynchronous, as the lab serves from this process. */
function discover(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'scripts/discover.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...LAB_ENV },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('a URL gives a sites.json with the subdomains and pages found, ready to scan', async () => {
  const out = path.join(dir, 'found.json');
  const run = await discover(['https://healthy-disc.lab.test/', '--config', config, '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  const file = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(file.$schema, './sites.schema.json');
  assert.equal(file.discover, true);
  assert.deepEqual(file.sites, [
    {
      name: 'healthy-disc.lab.test',
      url: 'https://healthy-disc.lab.test/',
      subdomains: ['api.healthy-disc.lab.test', 'status.healthy-disc.lab.test'],
      pages: ['/', '/about'],
    },
  ]);
  // The base file's fields as written: placeholders are never replaced by their values.
  assert.deepEqual(file.connectTo, JSON.parse(readFileSync(config, 'utf8')).connectTo);
  for (const secret of Object.values(LAB_ENV)) assert.ok(!readFileSync(out, 'utf8').includes(secret));
  // It is a sites file the scan accepts as it is.
  assert.equal(parse(file, { ...LAB_ENV }).sites[0]!.hosts.length, 3);
  assert.match(run.stderr, /2 subdomain\(s\) and 2 page\(s\)/);
});

test('what was left out is said on stderr, and stdout is the JSON alone', async () => {
  const run = await discover(['https://shop.disc.lab.test/', '--config', config, '--max-pages', '2']);
  assert.equal(run.status, 0, run.stderr);
  const file = JSON.parse(run.stdout);
  assert.deepEqual(file.sites[0].subdomains, ['blog.disc.lab.test', 'legacy.disc.lab.test']);
  assert.match(run.stderr, /stopped at maxPages 2/);
  assert.match(run.stderr, /look like sign-out or delete links\): https:\/\/shop\.disc\.lab\.test\/logout/);
  assert.match(run.stderr, /not the site's .*cdn\.thirdparty\.test/);
});

test('bad input stops at once with exit 2 and one line', () => {
  for (const args of [[], ['http://shop.example.com/'], ['https://shop.example.com/', '--max-pages', 'many']]) {
    const run = spawnSync('npx', ['tsx', 'scripts/discover.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /^\ndiscover: /);
  }
});
