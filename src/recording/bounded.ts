// A hostile or stuck page must not hang the run: browser calls that take no timeout of
// their own (evaluate, content, CDP) are raced against one, with a fallback value.
export function bounded<T, F>(work: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  // The fallback waits one more turn of the event loop (setImmediate runs after pending I/O):
  // when the process was busy past the bound, an answer that arrived meanwhile still wins.
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(() => setImmediate(() => resolve(fallback)), Math.max(0, ms));
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}

/** The time left of an overall budget: every wait of a visit takes at most what is left of it. */
export class Deadline {
  private readonly end: number;

  constructor(readonly ms: number) {
    this.end = Date.now() + ms;
  }

  left(): number {
    return Math.max(0, this.end - Date.now());
  }

  /** At most `ms`, and never past the deadline. */
  cap(ms: number): number {
    return Math.min(ms, this.left());
  }

  /** A deadline of at most `ms` from now, never past this one. */
  within(ms: number): Deadline {
    return new Deadline(this.cap(ms));
  }

  get passed(): boolean {
    return this.left() === 0;
  }
}
