// A hostile or stuck page must not hang the run: browser calls that take no timeout of
// their own (evaluate, content, CDP) are raced against one, with a fallback value.
export function bounded<T, F>(work: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}
