// The run's sites file as a test worker gets it. Playwright starts a new worker after every
// failing test, so whatever a worker loads is paid once per failing check: a worker asks the
// run's collection process, which read and validated the sites file at its start, for the
// resolved config and each site's collection bound, and so loads neither the validator (zod,
// the sites file's rules) nor the collectors (browser, page recorder, probes). Everything else
// (the runner listing the tests, a worker of a run without a collection process) reads the
// sites file itself.
import type { ScanConfig } from '../model/site.ts';
import type { RunConfig } from './protocol.ts';
import { fetchRunConfig, SERVICE_ENV } from './service-client.ts';

let fetched: Promise<RunConfig> | undefined;

/** The run's config from its collection process, asked once per worker. */
export function workerRunConfig(address: string): Promise<RunConfig> {
  fetched ??= fetchRunConfig(address);
  return fetched;
}

/** The sites file of the run, for the spec that declares one test per site x check. */
export async function specScanConfig(): Promise<ScanConfig> {
  const address = process.env[SERVICE_ENV];
  if (process.env.TEST_WORKER_INDEX && address) return (await workerRunConfig(address)).config;
  const { scanConfig } = await import('./scan-config.ts');
  return scanConfig();
}
