// The run's sites file (SITES_FILE, default sites.json), read and validated once per process
// with the check catalogue: the runner's config, global setup and spec, each worker's spec and
// fixtures, and the collection process all ask here instead of parsing it themselves. Throws
// ConfigError (see config/exit.ts for stopping a run on it).
import { CHECKS } from '../checks/index.ts';
import { loadScanConfig, sitesFilePath } from '../config/load.ts';
import type { ScanConfig } from '../model/site.ts';

const read = new Map<string, ScanConfig>();

export function scanConfig(file = sitesFilePath()): ScanConfig {
  let config = read.get(file);
  if (!config) {
    config = loadScanConfig(CHECKS, file);
    read.set(file, config);
  }
  return config;
}
