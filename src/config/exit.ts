// Bad input stops the run with one clear message and exit code 2, before any browser starts.
// The message is written synchronously: process.exit does not wait for a piped stderr to
// drain, and a long list of problems was cut off mid-line.
import { writeSync } from 'node:fs';
import { ConfigError } from './errors.ts';
import { redact } from '../model/redact.ts';

export function stopRun(message: string): never {
  writeSync(2, `\n${message}\n\n`);
  process.exit(2);
}

/** Runs `load`; a ConfigError stops the run, its message redacted of the given secrets (a path may hold a ${VAR}). */
export function exitOnConfigError<T>(load: () => T, secrets: readonly string[] = []): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    stopRun(redact(err.message, secrets));
  }
}
