// Starting the collection process (global setup), telling it the run's plan (the plan
// reporter), and asking it for evidence (the test fixtures). The address travels in
// SCAN_SERVICE, which the runner's global setup sets and every worker inherits.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type { EvidenceKind } from '../model/evidence.ts';
import type { PlanEntry, RunConfig } from './protocol.ts';

export const SERVICE_ENV = 'SCAN_SERVICE';
const ENTRY = fileURLToPath(new URL('./service-main.ts', import.meta.url));
const START_MS = 60_000;
/** Sites whose browser work runs at once, per Playwright worker. */
export const SITES_PER_WORKER = 2;

export interface RunningService {
  /** http://127.0.0.1:port/token */
  address: string;
  stop(): Promise<void>;
}

export function startService(options: {
  workDir: string;
  sitesAtOnce: number;
  env?: NodeJS.ProcessEnv;
}): Promise<RunningService> {
  const token = randomBytes(16).toString('hex');
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...(options.env ?? process.env),
      SCAN_SERVICE_TOKEN: token,
      SCAN_WORK_DIR: options.workDir,
      SCAN_SITES_AT_ONCE: String(options.sitesAtOnce),
      // tsx caches what it compiles in the temp folder, with each file's path: a flow script's
      // path may hold a secret (${VAR}), and no cache may.
      TSX_DISABLE_CACHE: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.send({ stop: true });
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the collection process did not start within ${START_MS} ms`));
    }, START_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the collection process exited at start (code ${code})`));
    });
    child.once('message', (message: { ready?: number }) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ address: `http://127.0.0.1:${message.ready}/${token}`, stop });
    });
  });
}

function request(url: string, method: 'GET' | 'POST', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // A connection of its own for each request (agent: false). Node 20's global agent keeps
    // sockets alive and reuses them, while the server closes an idle one after 5 s: a request
    // sent on a socket the server is closing at that moment fails with "read ECONNRESET", and a
    // test lost its evidence on a busy machine. A local connection costs nothing.
    const headers = body ? { 'content-type': 'application/json' } : {};
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function sendPlan(address: string, plan: PlanEntry[]): Promise<void> {
  await request(`${address}/plan`, 'POST', JSON.stringify(plan));
}

/** What the collection process tells a test worker of the run (run-config.ts). */
export async function fetchRunConfig(address: string): Promise<RunConfig> {
  const { status, text } = await request(`${address}/config`, 'GET');
  if (status !== 200) throw new Error(`the collection process did not give the run's config (HTTP ${status}): ${text}`);
  return JSON.parse(text) as RunConfig;
}

/** The evidence of one kind for a site; waits as long as its collection takes. */
export async function fetchEvidence<T>(address: string, site: string, kind: EvidenceKind, attempt: number): Promise<T> {
  const query = new URLSearchParams({ site, kind, attempt: String(attempt) });
  const { status, text } = await request(`${address}/evidence?${query}`, 'GET');
  if (status !== 200) throw new Error(`the collection process could not collect ${kind} evidence for ${site}: ${text}`);
  return JSON.parse(text) as T;
}
