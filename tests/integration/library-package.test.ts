// The package as a team would use it: `npm pack` this repository, install the tarball in a new
// project beside its own @playwright/test, write two specs from the README's example (one on
// the lab's clean shop, one on the shop whose checkout loads an http script) and one that never
// names the `security` fixture, and run the project's own `npx playwright test` with its own
// config and browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../lab/run-scan.ts';
import { startBrowserLab, type BrowserLab } from '../../lab/browser-lab.ts';
import { LAB_ENV } from '../../lab/credentials.ts';
import { good } from '../../lab/sites/good.ts';
import { shop } from '../../lab/sites/shop.ts';

const run = promisify(execFile);

/** The ```ts blocks of the README section on using the checks in a team's own tests. */
function readmeSnippets(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Use the checks in your own tests\n')[1]!.split('\n## ')[0]!;
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The README's example with the team's steps filled in: sign in to the lab shop on `host` and reach its checkout. */
function exampleSpec(host: string): string {
  const steps = [
    `  await page.fill('#username', ${JSON.stringify(LAB_ENV.LAB_SHOP_USER)});`,
    `  await page.fill('#password', ${JSON.stringify(LAB_ENV.LAB_SHOP_PASSWORD)});`,
    `  await page.getByRole('button', { name: 'Sign in' }).click();`,
    `  await page.waitForURL(/\\/(account|welcome)/);`,
    `  await page.goto('https://shop.example.com/products');`,
    `  await page.click('#add-to-cart');`,
    `  await page.goto('https://shop.example.com/cart');`,
    `  await page.click('#go-to-checkout');`,
    `  await page.waitForURL('**/checkout');`,
  ].join('\n');
  const example = readmeSnippets()[0]!;
  assert.match(
    example,
    /^ {2}\/\/ \.\.\. the team's own steps \.\.\.$/m,
    'the README example keeps its placeholder for the steps',
  );
  return example.replace(/^ {2}\/\/ \.\.\. the team's own steps \.\.\.$/m, steps).replaceAll('shop.example.com', host);
}

const consumerConfig = (env: BrowserLab) => `import { defineConfig } from '@playwright/test';
import type { SecurityTestOptions } from 'site-security-harness/playwright';

// The team's own config: its browser (here the system Chromium) sees the lab hosts and trusts the lab CA.
export default defineConfig<SecurityTestOptions>({
  testDir: 'tests',
  workers: 2,
  reporter: [['line'], ['json', { outputFile: 'results.json' }]],
  use: {
    launchOptions: {
      ${env.launch.executablePath ? `executablePath: ${JSON.stringify(env.launch.executablePath)},` : ''}
      args: ${JSON.stringify(env.launch.args)},
      env: { ...process.env, HOME: ${JSON.stringify(env.launch.home)} },
    },
    securityOptions: { ca: ${JSON.stringify(env.caFile)}, connectTo: ${JSON.stringify(env.connectTo)} },
  },
});
`;

/** The team's own fixtures, which the README's mergeTests snippet merges with the security fixture. */
const SHOP_FIXTURES = `import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ shopUser: string }>({ shopUser: ${JSON.stringify(LAB_ENV.LAB_SHOP_USER)} });
export { expect };
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['*.ts', 'tests'],
};

interface JsonResults {
  suites: {
    file: string;
    specs: {
      title: string;
      tests: {
        results: { status: string; errors: { message?: string }[] }[];
        annotations: { type: string; description?: string }[];
      }[];
    }[];
  }[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

let dir: string;
let env: BrowserLab;
let tarball: string;
let results: JsonResults;
let output: string;
let exitCode: number | undefined;
const timings: Record<string, number> = {};

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Date.now() - start;
  }
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'library-package-'));
  env = await startBrowserLab([good, shop], path.join(dir, 'lab'));
  const packed = await timed('npm pack', () =>
    run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 << 20 }),
  );
  tarball = path.join(dir, packed.stdout.trim().split('\n').pop()!);

  const consumer = path.join(dir, 'consumer');
  mkdirSync(path.join(consumer, 'tests'), { recursive: true });
  // A CommonJS project, as `npm init playwright` makes one.
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'team-e2e', private: true }));
  const own = (name: string) =>
    `${name}@${(JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`;
  await timed('npm install', () =>
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        tarball,
        own('@playwright/test'),
        own('typescript'),
        own('@types/node'),
      ],
      { cwd: consumer, maxBuffer: 16 << 20 },
    ),
  );
  const [, merged] = readmeSnippets();
  writeFileSync(path.join(consumer, 'playwright.config.ts'), consumerConfig(env));
  writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  writeFileSync(path.join(consumer, 'shop-fixtures.ts'), SHOP_FIXTURES);
  writeFileSync(path.join(consumer, 'fixtures.ts'), merged!);
  writeFileSync(path.join(consumer, 'tests', 'clean.spec.ts'), exampleSpec('good.lab.test'));
  // The flawed shop through the suite's own fixtures, merged as the README shows.
  writeFileSync(
    path.join(consumer, 'tests', 'flawed.spec.ts'),
    exampleSpec('shop.lab.test').replace(
      "import { test, expect } from 'site-security-harness/playwright';",
      "import { test, expect } from '../fixtures';",
    ),
  );

  // Importing the package is enough: the page is recorded without naming `security`.
  writeFileSync(
    path.join(consumer, 'tests', 'auto.spec.ts'),
    `import { test, expect } from 'site-security-harness/playwright';

test('a page is judged without naming the security fixture', async ({ page }) => {
  await page.goto('https://good.lab.test/');
  await expect(page).toHaveNoMixedContent();
  await expect(page).toBeSecurePage();
});
`,
  );
  await timed('tsc', () => run('npx', ['tsc', '-p', '.'], { cwd: consumer }));
  const pw = await timed('npx playwright test', () =>
    run('npx', ['playwright', 'test'], { cwd: consumer, maxBuffer: 16 << 20, timeout: 300_000 }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({
        code: err.code,
        out: `${err.stdout ?? ''}${err.stderr ?? ''}`,
      }),
    ),
  );
  exitCode = pw.code;
  output = stripAnsi(pw.out);
  results = JSON.parse(readFileSync(path.join(consumer, 'results.json'), 'utf8')) as JsonResults;
  console.log(
    `package ${Math.round(statSync(tarball).size / 1024)} kB; ${Object.entries(timings)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}`,
  );
});

after(async () => {
  await env?.lab.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function outcome(file: string) {
  const suite = results.suites.find((s) => s.file === file);
  assert.ok(suite, `${file} not run:\n${output}`);
  const t = suite.specs[0]!.tests[0]!;
  return {
    status: t.results[0]!.status,
    error: stripAnsi(t.results[0]!.errors[0]?.message ?? ''),
    annotations: t.annotations,
  };
}

describe('the packed package in a separate Playwright project', () => {
  test('the package holds the built entry point with its types, and not the scan', () => {
    const files = readdirSync(path.join(dir, 'consumer', 'node_modules', 'site-security-harness', 'dist', 'library'));
    assert.ok(files.includes('playwright.js') && files.includes('playwright.d.ts'), files.join(' '));
    assert.throws(() => statSync(path.join(dir, 'consumer', 'node_modules', 'site-security-harness', 'fixtures')));
  });

  test('the README example passes on the clean shop: sign-in, cart and checkout, every page and host check', () => {
    const clean = outcome('clean.spec.ts');
    assert.equal(clean.status, 'passed', `${clean.error}\n${output}`);
    assert.deepEqual(
      clean.annotations.filter((a) => a.type !== 'security note'),
      [],
      'no warning, nothing accepted',
    );
    assert.ok(
      clean.annotations.some((a) => a.description === 'tls-protocols: good.lab.test offers TLSv1.2, TLSv1.3'),
      'the host checks ran',
    );
  });

  test('a test that only imports the package and never names `security` is recorded and judged', () => {
    const auto = outcome('auto.spec.ts');
    assert.equal(auto.status, 'passed', `${auto.error}\n${output}`);
  });

  test("the same example fails on the shop whose checkout loads an http script, with the scan's code, target and message", () => {
    const flawed = outcome('flawed.spec.ts');
    assert.equal(flawed.status, 'failed');
    const lines = flawed.error.split('\n');
    assert.equal(
      lines[0],
      'Error: toHaveNoMixedContent: 1 finding at medium or above (https://shop.lab.test/checkout)',
    );
    assert.equal(
      lines[1],
      '[high] http://cdn.insecure.test/pay.js: script (script[src]) over http on checkout is secure › https://shop.lab.test/checkout: blocked by the browser (the page is missing it) (mixed-content.active)',
    );
    assert.match(lines[2]!, /^ {2}remediation: Serve every resource/);
    assert.equal(exitCode, 1, output);
  });
});
