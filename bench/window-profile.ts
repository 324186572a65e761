import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/**
 * A V8 CPU profile of one window of this process (the measured seconds of a bench), written as a
 * `.cpuprofile` that Chrome DevTools or speedscope open. `node --cpu-prof` covers the whole
 * process, start-up and seeding included, which hid the request path under module loading.
 *
 * @example
 *   const profile = await startWindowProfile();
 *   // … the load …
 *   const file = await profile.stop('/tmp/prof', 'checkin-ingest');
 */
export async function startWindowProfile(): Promise<{ stop: (dir: string, name: string) => Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 250 µs: fine enough for sub-millisecond requests, coarse enough not to weigh on them.
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return {
    async stop(dir, name) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}-${process.pid}-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
