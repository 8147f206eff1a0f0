// curl's --connect-to for every part of the harness: the browser (through Chromium's
// host resolver rules) and Node's own sockets (through resolveConnect) go to the mapped
// address while URLs, SNI and Host headers keep the real name and port.
export interface ConnectTarget {
  address: string;
  port: number;
  /** True when a connectTo rule applied. */
  mapped: boolean;
}

export type ConnectToRules = Record<string, string>;

/** "host:port" or "[v6]:port", split at the last colon. */
export function splitHostPort(value: string): { host: string; port: number } {
  const i = value.lastIndexOf(':');
  return { host: value.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port: Number(value.slice(i + 1)) };
}

function matches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return p.startsWith('*.') ? h.endsWith(p.slice(1)) : p === h;
}

/** Exact rules before wildcards, whatever their order in the file (Chromium takes the first match). */
function orderedRules(rules: ConnectToRules): [string, string][] {
  return Object.entries(rules).sort(([a], [b]) => Number(a.startsWith('*.')) - Number(b.startsWith('*.')));
}

export function resolveConnect(rules: ConnectToRules, host: string, port: number): ConnectTarget {
  for (const [from, to] of orderedRules(rules)) {
    const source = splitHostPort(from);
    if (source.port === port && matches(source.host, host)) {
      const target = splitHostPort(to);
      return { address: target.host, port: target.port, mapped: true };
    }
  }
  return { address: host, port, mapped: false };
}

/** The same mapping as Chromium's --host-resolver-rules value. */
export function chromiumResolverRules(rules: ConnectToRules): string {
  return orderedRules(rules)
    .map(([from, to]) => {
      const target = splitHostPort(to);
      const address = target.host.includes(':') ? `[${target.host}]` : target.host;
      return `MAP ${from} ${address}:${target.port}`;
    })
    .join(', ');
}
