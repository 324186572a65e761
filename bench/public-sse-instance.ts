/**
 * One server instance for bench/public-sse-instances.bench.ts, in its own process so each holds
 * its own subscribers' descriptors. Told (IPC) the database and whether to load the demo; says
 * where it listens, and on request its subscribers, RSS and when it wrote each round's event to
 * every one of its sockets.
 */
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/demo.service.ts';
import { now } from './sse-readers.ts';

interface Start {
  databaseUrl: string;
  serverKey: string;
  demo: boolean;
}
type Message = { type: 'start'; start: Start } | { type: 'measure' } | { type: 'stop' };

let app: Awaited<ReturnType<typeof createApp>> | null = null;
let writtenAt = 0;
let rssBefore = 0;

async function start({ databaseUrl, serverKey, demo }: Start): Promise<void> {
  app = await createApp({ ...loadConfig({}), databaseUrl, serverKey, logLevel: 'warn' });
  if (demo) await seedDemo(app.ctx);
  await app.live.idle();
  await app.publicSnapshot.fresh();
  // Subscribed after the public stream, so this runs once the stream has written the event to every socket.
  app.live.subscribePublic(() => {
    writtenAt = now();
  });
  const origin = await app.server.listen({ port: 0, host: '127.0.0.1' });
  rssBefore = process.memoryUsage().rss;
  process.send?.({ type: 'listening', port: Number(new URL(origin).port) });
}

process.on('message', (message: Message) => {
  if (message.type === 'start') {
    start(message.start).catch((error: unknown) => {
      process.send?.({ type: 'error', message: String(error) });
      process.exit(1);
    });
  } else if (message.type === 'measure' && app) {
    process.send?.({ type: 'measured', subscribers: app.publicStream.subscribers, dropped: app.publicStream.dropped, rssBefore, rss: process.memoryUsage().rss, writtenAt });
  } else if (message.type === 'stop') {
    void (app?.close() ?? Promise.resolve()).then(() => process.exit(0));
  }
});
