// How many connection attempts (TCP connect plus TLS handshake) may run at once. Opening
// every probe of every host together made handshakes on a loaded 2-core machine outlast
// connectMs, so checks said "could not measure" where an idle run judged. Like sslyze, the
// harness bounds them per server and per process; the collection of a run happens in one
// process, so the process limit is the run's. A slot is held for the handshake only, never
// while an HTTP answer is awaited, so a slow application cannot starve the probes.
import pLimit, { type LimitFunction } from 'p-limit';

/** At most this many attempts at once to one server (the address:port dialled, after connectTo). */
export const HANDSHAKES_PER_SERVER = 4;
/** At most this many attempts at once in the whole process, whatever the servers. */
export const HANDSHAKES_PER_RUN = 16;

const perRun = pLimit(HANDSHAKES_PER_RUN);
const perServer = new Map<string, LimitFunction>();

/** Runs `attempt` once it has a slot for `server` and one for the run; the server slot is taken first so no run slot waits idle. */
export function withHandshakeSlot<T>(server: string, attempt: () => Promise<T>): Promise<T> {
  let serverLimit = perServer.get(server);
  if (!serverLimit) {
    serverLimit = pLimit(HANDSHAKES_PER_SERVER);
    perServer.set(server, serverLimit);
  }
  return serverLimit(() => perRun(attempt)).finally(() => {
    const idle = serverLimit.activeCount === 0 && serverLimit.pendingCount === 0;
    if (idle && perServer.get(server) === serverLimit) perServer.delete(server);
  });
}
