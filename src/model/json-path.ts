// JSON paths as reports write them ("$.sites[0].url", "$.links.next"): the sites file's problems
// name where they are with them, and so do the API checks for what an answer holds.

/** "$.sites[0].url" from a path such as ["sites", 0, "url"]. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number'
        ? `${acc}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${acc}.${String(key)}`
          : `${acc}[${JSON.stringify(String(key))}]`,
    '$',
  );
}
