// Files named by the user (the sites file, the ca file, flow scripts) are checked with stat
// before anything opens them: opening a FIFO blocks forever, and a directory or device is
// never what was meant.
import { readFileSync, statSync, type Stats } from 'node:fs';

/** No real sites or CA file comes near this; a larger one is a mistake, or hostile. */
export const MAX_INPUT_FILE_BYTES = 10 * 1024 * 1024;

/** Why `file` is not a regular file of at most `maxBytes` ("ENOENT", "it is a FIFO..."), or undefined. */
export function unreadableReason(file: string, maxBytes = Infinity): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
  if (!stats.isFile()) return `it is ${kindOf(stats)}, not a regular file`;
  if (stats.size > maxBytes) return `it is ${megabytes(stats.size)}, over the ${megabytes(maxBytes)} limit`;
  return undefined;
}

/** The text of a regular file, or the reason it cannot be read. */
export function readInputFile(file: string): { text: string } | { reason: string } {
  const reason = unreadableReason(file, MAX_INPUT_FILE_BYTES);
  if (reason !== undefined) return { reason };
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (err) {
    return { reason: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
