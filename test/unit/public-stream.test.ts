import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPublicStream, type PublicStream } from '../../src/http/public-stream.ts';
import type { PublicCorridorEvent } from '../../src/services/live.service.ts';

/** A stream on a real server, fed by hand the events the live hub would send. */
async function serve(options: Parameters<typeof createPublicStream>[2]) {
  let emit: (event: PublicCorridorEvent) => void = () => {};
  const stream = createPublicStream({ subscribePublic: (listener) => ((emit = listener), () => {}) }, null, options);
  const server = http.createServer((req, res) => stream.attach(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { stream, server, port, emit: (event: PublicCorridorEvent) => emit(event) };
}

/** A raw reader: reads (and keeps) everything, or, paused, reads nothing at all. */
function reader(port: number, paused: boolean): Promise<{ socket: net.Socket; received: () => string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('error', () => {});
    socket.on('connect', () => {
      socket.write('GET /api/v1/public/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n');
      if (paused) socket.pause();
      else socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      resolve({ socket, received: () => text });
    });
  });
}

const until = async (condition: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('public event stream for many readers', () => {
  let stream: PublicStream | undefined;
  let server: http.Server | undefined;
  afterEach(async () => {
    stream?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('drops a reader that stops reading instead of buffering for it, and keeps serving the others', async () => {
    const s = await serve({ maxBufferedBytes: 64 * 1024, heartbeatMs: 60_000 });
    ({ stream, server } = s);
    const fast = await reader(s.port, false);
    const slow = await reader(s.port, true);
    await until(() => s.stream.subscribers === 2);
    const big = { id: 'c1', status: 'suspended', removed: true, padding: 'x'.repeat(32 * 1024) } as unknown as PublicCorridorEvent;
    let sent = 0;
    // Loopback sockets take megabytes before they push back; keep sending until the slow one is cut.
    while (s.stream.dropped === 0 && sent < 2000) {
      s.emit(big);
      sent += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(s.stream.dropped).toBe(1);
    expect(s.stream.subscribers).toBe(1);
    await until(() => (fast.received().match(/event: corridor/g) ?? []).length === sent);
    expect((fast.received().match(/event: corridor/g) ?? []).length).toBe(sent);
    fast.socket.destroy();
    slow.socket.destroy();
  });

  it('sends heartbeats as comment lines, and ids on every event', async () => {
    const s = await serve({ heartbeatMs: 50 });
    ({ stream, server } = s);
    const r = await reader(s.port, false);
    await until(() => s.stream.subscribers === 1);
    s.emit({ id: 'c1', status: 'closed', removed: true });
    await until(() => r.received().includes(': keep-alive\n\n'));
    expect(r.received()).toContain(': keep-alive\n\n');
    expect(r.received()).toMatch(/id: \w+-1\nevent: corridor\ndata: \{"id":"c1","status":"closed","removed":true\}\n\n/);
    r.socket.destroy();
  });
});
