// Handshake slots: at most 4 attempts at once to one server and 16 in the process, and a
// timed-out attempt made once more. Counted, never timed: nothing here depends on CPU speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { HANDSHAKES_PER_RUN, HANDSHAKES_PER_SERVER, withHandshakeSlot } from '../../src/net/handshake-slots.ts';
import { openConnection } from '../../src/net/connection.ts';

test('at most 4 attempts at once per server and 16 in the process', async () => {
  const running = new Map<string, number>();
  let total = 0;
  let maxTotal = 0;
  const maxPerServer = new Map<string, number>();
  const attempt = (server: string) =>
    withHandshakeSlot(server, async () => {
      running.set(server, (running.get(server) ?? 0) + 1);
      maxPerServer.set(server, Math.max(maxPerServer.get(server) ?? 0, running.get(server)!));
      maxTotal = Math.max(maxTotal, ++total);
      await new Promise((r) => setImmediate(r));
      running.set(server, running.get(server)! - 1);
      total--;
      return server;
    });
  const servers = Array.from({ length: 8 }, (_, i) => `127.0.0.1:${1000 + i}`);
  const results = await Promise.all(servers.flatMap((s) => Array.from({ length: 10 }, () => attempt(s))));
  assert.equal(results.length, 80);
  assert.deepEqual([...new Set(maxPerServer.values())], [HANDSHAKES_PER_SERVER]);
  assert.equal(maxTotal, HANDSHAKES_PER_RUN);
});

/** A TCP server that accepts and never answers: a TLS handshake against it can only time out. */
async function silentServer() {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    socket.resume();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  const ctx = (connectMs: number) => ({
    connectTo: { 'silent.test:443': `127.0.0.1:${port}` },
    ca: [],
    timeouts: { connectMs, requestMs: 1000, pageMs: 1000, settleMs: 0, stepMs: 1000 },
  });
  return { sockets, ctx, close: () => server.close() };
}

test('a timed-out attempt is made once more, then recorded as a timeout', async () => {
  const silent = await silentServer();
  try {
    const result = await openConnection(silent.ctx(100), 'silent.test', 443, true);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.kind, 'timeout');
      assert.equal(result.error.message, 'TLS handshake did not complete within 100 ms (tried twice)');
    }
    // The server may be told of the second connection after the client gave up on it (a busy
    // process runs its timers before its pending I/O): wait for it, generously, then count.
    for (let waited = 0; silent.sockets.length < 2 && waited < 10_000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(silent.sockets.length, 2);
  } finally {
    silent.close();
  }
});

test('connections to one server wait for a slot: 6 attempts open 4 connections, the others only once one ends', async () => {
  const silent = await silentServer();
  try {
    const attempts = Promise.all(
      Array.from({ length: 6 }, () => openConnection(silent.ctx(60_000), 'silent.test', 443, true)),
    );
    while (silent.sockets.length < HANDSHAKES_PER_SERVER) await new Promise((r) => setTimeout(r, 10));
    // Without slots all six would be here within milliseconds; with them, none comes until one ends.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(silent.sockets.length, HANDSHAKES_PER_SERVER);
    // The server hangs up: each attempt ends (no retry: a closed connection is an answer), freeing its slot.
    while (silent.sockets.length < 6 || silent.sockets.some((s) => !s.destroyed)) {
      for (const s of silent.sockets) s.destroy();
      await new Promise((r) => setTimeout(r, 10));
    }
    const results = await attempts;
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : r.error.kind)),
      Array(6).fill('tls'),
    );
    assert.equal(silent.sockets.length, 6);
  } finally {
    silent.close();
  }
});
