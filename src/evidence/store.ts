// Evidence is collected once per site and kind per run, whatever the number of workers
// and even after Playwright replaces a worker that saw a failing test: the first worker to
// need it collects it under a lock and writes it to the run's cache folder; the others read it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const POLL_MS = 100;

export function runCacheDir(runId: string): string {
  return path.join(os.tmpdir(), `site-security-run-${runId}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class EvidenceStore {
  private readonly memory = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string | undefined) {
    if (dir) mkdirSync(dir, { recursive: true });
  }

  get<T>(key: string, collect: () => Promise<T>): Promise<T> {
    let entry = this.memory.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = this.dir ? this.fromDisk(this.dir, key, collect) : collect();
      this.memory.set(key, entry);
    }
    return entry;
  }

  private async fromDisk<T>(dir: string, key: string, collect: () => Promise<T>): Promise<T> {
    const safe = key.replace(/[^A-Za-z0-9._-]/g, '_');
    const file = path.join(dir, `${safe}.json`);
    const lock = path.join(dir, `${safe}.lock`);
    for (;;) {
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
      try {
        mkdirSync(lock);
      } catch {
        // Another worker is collecting; take over only if it died.
        const owner = Number(readFileSafe(path.join(lock, 'pid')));
        if (owner && !isAlive(owner)) rmSync(lock, { recursive: true, force: true });
        else await new Promise((r) => setTimeout(r, POLL_MS));
        continue;
      }
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      try {
        const value = await collect();
        // Write then rename, so a reader never sees half a file.
        writeFileSync(`${file}.tmp`, JSON.stringify(value));
        renameSync(`${file}.tmp`, file);
        return value;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
