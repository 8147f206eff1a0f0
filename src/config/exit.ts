// Bad input stops the run with one clear message and exit code 2, before any browser starts.
// The message is written synchronously: a piped stderr must get all of it before the exit.
import { writeSync } from 'node:fs';
import { ConfigError } from './errors.ts';

export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    writeSync(2, `\n${err.message}\n\n`);
    process.exit(2);
  }
}
