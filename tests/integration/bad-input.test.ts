// Bad input stops the real scan command before any browser starts, with one clear line per
// problem naming the JSON path, and never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScan } from '../../lab/run-scan.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const fifo = (name: string) => {
  const file = path.join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
};
const noStack = (output: string) => assert.doesNotMatch(output, /^\s+at .+:\d+:\d+\)?$/m, `stack trace in:\n${output}`);

test('a malformed sites file: every problem by JSON path, exit code 2', async () => {
  const file = write(
    'bad.json',
    JSON.stringify({
      sites: [
        { name: 'shop', url: 'http://shop.example.com/', colour: 'red' },
        { name: 'shop', url: 'https://b.example.com/', pages: ['/${MISSING_SECRET_FOR_TEST}'] },
      ],
    }),
  );
  const run = await runScan([], { SITES_FILE: file, LAB: '0' }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(run.output, /\$\.sites\[0\]\.url: the URL must start with https:\/\//);
  assert.match(run.output, /\$\.sites\[0\]: unknown field "colour"/);
  assert.match(run.output, /\$\.sites\[1\]\.name: duplicate site name "shop"/);
  assert.match(run.output, /\$\.sites\[1\]\.pages\[0\]: environment variable MISSING_SECRET_FOR_TEST is not set/);
  assert.doesNotMatch(run.output, /Running \d+ test/);
  noStack(run.output);
});

test('a sites file that is not JSON: line and column', async () => {
  const run = await runScan([], { SITES_FILE: write('broken.json', '{ "sites": [ }'), LAB: '0' }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(run.output, /not valid JSON: .* at line 1, column \d+/);
  noStack(run.output);
});

test('a missing sites file and a missing ca file are named', async () => {
  const missing = await runScan([], { SITES_FILE: path.join(dir, 'nope.json'), LAB: '0' }, 60_000);
  assert.equal(missing.status, 2, missing.output);
  assert.match(missing.output, /nope\.json: 1 problem\s+- cannot read the sites file: ENOENT/);
  const ca = write(
    'ca.json',
    JSON.stringify({ ca: 'no-such-ca.pem', sites: [{ name: 'a', url: 'https://a.invalid/' }] }),
  );
  const run = await runScan([], { SITES_FILE: ca, LAB: '0' }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(run.output, /no-such-ca\.pem: 1 problem\s+- \$\.ca: cannot read the CA file: ENOENT/);
  noStack(run.output);
});

test('a port, an IP address and a bad flow step stop the real command before any browser starts', async () => {
  const file = write(
    'rules.json',
    JSON.stringify({
      sites: [
        { name: 'shop', url: 'https://shop.example.com:8443/', flows: [{ name: 'login', steps: [{ tap: '#go' }] }] },
        { name: 'api', url: 'https://10.0.0.5/' },
      ],
    }),
  );
  const run = await runScan([], { SITES_FILE: file, LAB: '0' }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(run.output, /\$\.sites\[0\]\.url: the URL names port 8443: the checks probe ports 443 and 80/);
  assert.match(run.output, /\$\.sites\[0\]\.flows\[0\]\.steps\[0\]: unknown step kind "tap"/);
  assert.match(run.output, /\$\.sites\[1\]\.url: "10\.0\.0\.5" is an IP address/);
  assert.doesNotMatch(run.output, /Running \d+ test/);
  noStack(run.output);
});

test('a ca path built from ${VAR} is not shown in the message', async () => {
  const secretDir = 'secret-dir-from-env';
  const file = write(
    'ca-secret.json',
    JSON.stringify({ ca: '${CA_DIR}/ca.pem', sites: [{ name: 'a', url: 'https://a.invalid/' }] }),
  );
  const run = await runScan([], { SITES_FILE: file, LAB: '0', CA_DIR: secretDir }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(run.output, /\[redacted\]\/ca\.pem: 1 problem\s+- \$\.ca: cannot read the CA file: ENOENT/);
  assert.doesNotMatch(run.output, new RegExp(secretDir));
  noStack(run.output);
});

test('a FIFO as the sites file or as the ca file is refused at once, not waited on', async () => {
  const sites = await runScan([], { SITES_FILE: fifo('sites-fifo.json'), LAB: '0' }, 30_000);
  assert.equal(sites.status, 2, sites.output);
  assert.match(
    sites.output,
    /sites-fifo\.json: 1 problem\s+- cannot read the sites file: it is a FIFO \(named pipe\), not a regular file/,
  );
  fifo('ca-fifo.pem');
  const ca = write(
    'ca-fifo.json',
    JSON.stringify({ ca: 'ca-fifo.pem', sites: [{ name: 'a', url: 'https://a.invalid/' }] }),
  );
  const run = await runScan([], { SITES_FILE: ca, LAB: '0' }, 30_000);
  assert.equal(run.status, 2, run.output);
  assert.match(
    run.output,
    /ca-fifo\.pem: 1 problem\s+- \$\.ca: cannot read the CA file: it is a FIFO \(named pipe\), not a regular file/,
  );
  noStack(sites.output + run.output);
});

test('a 50 MB file of invalid entries: one message about its size', async () => {
  const entry = JSON.stringify({ name: '!', url: 'x' });
  const file = write(
    'huge.json',
    `{ "sites": [${Array(Math.ceil((50 * 1024 * 1024) / (entry.length + 1)))
      .fill(entry)
      .join(',')}] }`,
  );
  const run = await runScan([], { SITES_FILE: file, LAB: '0' }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(
    run.output,
    /huge\.json: 1 problem\s+- cannot read the sites file: it is 50\.0 MB, over the 10 MB limit/,
  );
  noStack(run.output);
});

test('10,000 problems through a pipe: the whole message arrives, ending with the count of the rest', async () => {
  const sites = Array.from({ length: 5_000 }, (_, i) => ({ name: `!${i}`, url: 'http://a.test/' }));
  const run = await runScan([], { SITES_FILE: write('many.json', JSON.stringify({ sites })), LAB: '0' }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(run.output, /many\.json: 10000 problems\n/);
  assert.match(run.output, /\n {2}\.\.\. and 9950 more problems\n*$/);
  noStack(run.output);
});

test('a bad API and an OpenAPI document that is not valid stop the real command, by JSON path', async () => {
  const file = write(
    'apis.json',
    JSON.stringify({
      sites: [
        {
          name: 'shop',
          url: 'https://shop.example.com/',
          apis: [{ name: 'a', endpoints: [{ url: 'ftp://x.test/' }] }],
        },
      ],
      apis: [{ name: 'b', endpoints: [{ url: 'https://api.example.com/', method: 'POST' }] }],
    }),
  );
  const run = await runScan([], { SITES_FILE: file, LAB: '0' }, 60_000);
  assert.equal(run.status, 2, run.output);
  assert.match(
    run.output,
    /\$\.sites\[0\]\.apis\[0\]\.endpoints\[0\]\.url: expected an https:\/\/ \(or http:\/\/\) URL/,
  );
  assert.match(run.output, /\$\.apis\[0\]\.endpoints\[0\]\.body: a POST request is sent only with the body you list/);
  write('swagger.yaml', 'swagger: "2.0"\ninfo: { title: t, version: "1" }\npaths: {}\n');
  const document = await runScan(
    [],
    {
      SITES_FILE: write(
        'openapi.json',
        JSON.stringify({ sites: [], apis: [{ name: 'docs', openapi: 'swagger.yaml' }] }),
      ),
      LAB: '0',
    },
    60_000,
  );
  assert.equal(document.status, 2, document.output);
  assert.match(
    document.output,
    /\$\.apis\[0\]\.openapi: .*swagger\.yaml is not an OpenAPI 3\.x document \(Swagger 2\.0 is not read/,
  );
  noStack(run.output + document.output);
});
