import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHead } from '../../src/http/wire-front.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { openCorridor, rawGet } from '../helpers/public-paths.ts';
import { openSse } from '../helpers/sse.ts';

const LIST = '/api/v1/public/corridors';
const get = (target: string, extra = ''): string => `GET ${target} HTTP/1.1\r\nHost: sp.test\r\n${extra}\r\n`;
// Refused by validation before any account is touched, so every attempt is answered alike.
const LOGIN_BODY = '{"email":"x@y.test"}';
const login = `POST /api/v1/auth/login HTTP/1.1\r\nHost: sp.test\r\nContent-Type: application/json\r\nContent-Length: ${LOGIN_BODY.length}\r\n\r\n${LOGIN_BODY}`;

/** Sends each packet in turn on one connection; resolves with every byte answered, and whether the server closed it. */
function exchange(port: number, packets: string[]): Promise<{ bytes: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let bytes = '';
    let closed = false;
    let quiet: NodeJS.Timeout | undefined;
    const settle = (): void => {
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        socket.destroy();
        resolve({ bytes, closed });
      }, 400);
    };
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.toString('latin1');
      settle();
    });
    socket.on('end', () => {
      closed = true;
      settle();
    });
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const packet of packets) {
        socket.write(packet, 'latin1');
        await new Promise((r) => setTimeout(r, 15));
      }
      settle();
    });
  });
}

/** What differs between two answers to the same request for reasons of time or identity only. */
const normalised = (bytes: string): string =>
  bytes
    .replace(/\r\nDate: [^\r]*/g, '')
    .replace(/\r\nx-request-id: [^\r]*/gi, '')
    .replace(/"requestId":"[^"]*"/g, '"requestId":"-"');

describe('wire front', () => {
  let t: TestApp;
  let front: number;
  let plain: http.Server;
  let reference: number;
  let requestEvents = 0;
  let admin: string;
  let corridorId: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { schedulerIntervalMs: 0 });
    const base = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
    front = Number(new URL(base).port);
    ({ admin, id: corridorId } = await openCorridor(t, 'Wire'));
    const server = t.app.server.server;
    server.on('request', () => (requestEvents += 1));
    // The same application behind a listener with node:http's own request cycle only: what a
    // client gets without the front.
    plain = http.createServer((req, res) => server.emit('request', req, res));
    plain.keepAliveTimeout = server.keepAliveTimeout;
    // Malformed requests get Fastify's answer there too.
    for (const listener of server.listeners('clientError')) plain.on('clientError', listener as (error: Error, socket: net.Socket) => void);
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    reference = (plain.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    plain?.closeAllConnections();
    plain?.close();
    await t?.close();
  });

  it('reads only heads written exactly by the rules, and only GET or HEAD with one Host and no body', () => {
    expect(readHead('GET /a?lang=uk HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nIf-None-Match: "e"')).toMatchObject({
      method: 'GET',
      url: '/a?lang=uk',
      acceptEncoding: 'br',
      ifNoneMatch: '"e"',
      close: false,
    });
    expect(readHead('HEAD / HTTP/1.1\r\nhost: x\r\nConnection: close')).toMatchObject({ method: 'HEAD', close: true });
    for (const head of [
      'POST / HTTP/1.1\r\nHost: x',
      'get / HTTP/1.1\r\nHost: x',
      'GET / HTTP/1.0\r\nHost: x',
      'GET http://x/ HTTP/1.1\r\nHost: x',
      'GET  / HTTP/1.1\r\nHost: x',
      'GET / HTTP/1.1\r\nHost: x\r\nHost: y',
      'GET / HTTP/1.1',
      'GET / HTTP/1.1\r\nHost : x',
      'GET / HTTP/1.1\r\nHost: x\r\n folded',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0',
      'GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked',
      'GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: websocket',
      'GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nAccept-Encoding: gzip',
      'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b',
      'GET /\u00e9 HTTP/1.1\r\nHost: x',
    ]) {
      expect(readHead(head), JSON.stringify(head)).toBeNull();
    }
  });

  it('answers public artefacts itself, and gives every client the same bytes node:http would', async () => {
    const list = await rawGet(`http://127.0.0.1:${reference}`, LIST);
    const etag = String(list.headers.etag);
    const before = requestEvents;
    const own = await exchange(front, [get(LIST) + get(LIST, 'Accept-Encoding: gzip, br\r\n') + get(LIST, `If-None-Match: ${etag}\r\n`)]);
    // None of these reached node:http's request cycle.
    expect(requestEvents).toBe(before);
    expect([...own.bytes.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1])).toEqual(['200', '200', '304']);
    expect(normalised(own.bytes)).toBe(normalised((await exchange(reference, [get(LIST) + get(LIST, 'Accept-Encoding: gzip, br\r\n') + get(LIST, `If-None-Match: ${etag}\r\n`)])).bytes));
  });

  const cases: [string, string[]][] = [
    ['HEAD, languages and a path the front does not hold', [`HEAD ${LIST} HTTP/1.1\r\nHost: x\r\n\r\n`, get('/api/v1/public/page?lang=ru'), get(`${LIST}?lang=xx`), get('/api/v1/me')]],
    ['pipelined: public, a sign-in with a body, public again', [get(LIST) + login + get(LIST)]],
    ['the same, each in its own packet', [get(LIST), login, get(LIST)]],
    ['a head split into single bytes', get(LIST).split('')],
    ['a body hidden behind Content-Length on a public GET', [`GET ${LIST} HTTP/1.1\r\nHost: x\r\nContent-Length: ${get('/api/v1/me').length}\r\n\r\n${get('/api/v1/me')}`]],
    ['Transfer-Encoding and Content-Length together', [`GET ${LIST} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`]],
    ['bare LF line ends', [`GET ${LIST} HTTP/1.1\nHost: x\n\n`]],
    ['a folded header', [`GET ${LIST} HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n`]],
    ['no Host', [`GET ${LIST} HTTP/1.1\r\n\r\n`]],
    ['two Hosts', [`GET ${LIST} HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n`]],
    ['HTTP/1.0', [`GET ${LIST} HTTP/1.0\r\n\r\n`]],
    ['absolute form', [`GET http://sp.test${LIST} HTTP/1.1\r\nHost: sp.test\r\n\r\n`]],
    ['a head over 16 KiB', [get(LIST, `X-Big: ${'a'.repeat(20_000)}\r\n`)]],
    ['Connection: close ends the connection after the answer', [get(LIST, 'Connection: close\r\n')]],
  ];
  it.each(cases)('%s: the same answers and the same end as without the front', async (_name, packets) => {
    const own = await exchange(front, packets);
    const theirs = await exchange(reference, packets);
    expect(own.bytes.length).toBeGreaterThan(0);
    expect(normalised(own.bytes)).toBe(normalised(theirs.bytes));
    expect(own.closed).toBe(theirs.closed);
  });

  it('holds a connection while the snapshot is rebuilt after a change, then answers the new list itself', async () => {
    const socket = net.connect(front, '127.0.0.1');
    await new Promise((resolve) => socket.on('connect', resolve));
    let bytes = '';
    socket.on('data', (chunk: Buffer) => (bytes += chunk.toString('latin1')));
    const answered = async (n: number): Promise<void> => {
      while ([...bytes.matchAll(/HTTP\/1\.1 200/g)].length < n) await new Promise((r) => setTimeout(r, 10));
    };
    socket.write(get(LIST));
    await answered(1);
    const before = requestEvents;
    const suspended = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/suspend`, payload: { reason: 'Shelling' } });
    expect(suspended.statusCode).toBe(200);
    // Asked while the snapshot is stale: the same connection gets the rebuilt list, from the front.
    expect(t.app.publicSnapshot.rebuilding(LIST)).toBe(true);
    socket.write(get(LIST));
    await answered(2);
    expect(requestEvents).toBe(before);
    expect(bytes.slice(bytes.lastIndexOf('HTTP/1.1 200'))).toContain('"status":"suspended"');
    socket.destroy();
    const resumed = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/resume`, payload: { reason: 'Quiet again' } });
    expect(resumed.statusCode).toBe(200);
    await t.app.publicSnapshot.fresh();
  });

  it('takes public stream readers itself: the head with the site’s headers, then each event as one chunk', async () => {
    const before = requestEvents;
    const head = await exchange(front, [get('/api/v1/public/stream')]);
    expect(head.bytes).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.bytes).toContain('\r\ncontent-type: text/event-stream; charset=utf-8\r\n');
    expect(head.bytes).toContain('\r\ntransfer-encoding: chunked\r\n');
    expect(head.bytes).toContain('\r\nx-content-type-options: nosniff\r\n');
    // The first chunk is the retry hint, framed by its length in hex.
    expect(head.bytes).toContain('\r\n\r\nd\r\nretry: 5000\n\n\r\n');
    const stream = await openSse(`http://127.0.0.1:${front}/api/v1/public/stream`);
    expect(requestEvents).toBe(before);
    const suspended = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/suspend`, payload: { reason: 'Shelling' } });
    expect(suspended.statusCode).toBe(200);
    const event = await stream.waitFor((e) => (e.data as { id: string; status: string }).status === 'suspended');
    expect((event.data as { id: string }).id).toBe(corridorId);
    // A reader back with the id it last saw gets what it missed, through the front too.
    const again = await openSse(`http://127.0.0.1:${front}/api/v1/public/stream`, { 'last-event-id': event.id ?? '' });
    const resumed = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/resume`, payload: { reason: 'Shelling stopped' } });
    expect(resumed.statusCode, resumed.body).toBe(200);
    await again.waitFor((e) => (e.data as { status: string }).status === 'open');
    stream.close();
    again.close();
  });

  it('closes the connections it holds when the server closes', async () => {
    const socket = net.connect(front, '127.0.0.1');
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.write(get(LIST));
    await new Promise((resolve) => socket.once('data', resolve));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    t.app.server.server.closeIdleConnections();
    await ended;
    expect(socket.destroyed).toBe(true);
  });
});
