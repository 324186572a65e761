import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/services/events.ts';
import { createPostgresBus, eventsOfPayload, NOTIFY_PAYLOAD_MAX, notifyPayloads } from '../../src/services/postgres-bus.ts';
import { createTestDatabase } from '../helpers/databases.ts';

const event = (i: number, data?: Record<string, unknown>): ChangeEvent => ({
  type: 'movement.changed',
  subjectType: 'movement',
  subjectId: `m-${i}`,
  orgId: 'agency',
  at: '2022-03-07T10:00:00.000Z',
  ...(data ? { data } : {}),
});

describe('NOTIFY payloads of one turn', () => {
  it('packs events in order into arrays each under the limit, and reads both arrays and single events back', () => {
    const events = Array.from({ length: 300 }, (_, i) => event(i, { note: 'Енергодар '.repeat(i % 7) }));
    const payloads = notifyPayloads(events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(NOTIFY_PAYLOAD_MAX);
    expect(payloads.flatMap(eventsOfPayload)).toEqual(events);
    expect(notifyPayloads([])).toEqual([]);
    // An instance not yet upgraded sends one event per notification.
    expect(eventsOfPayload(JSON.stringify(event(1)))).toEqual([event(1)]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the PostgreSQL bus', () => {
  it('delivers every event published in one turn to another instance, in order', async () => {
    const database = await createTestDatabase('postgres');
    const errors: unknown[] = [];
    const one = await createPostgresBus(database.url, (e) => errors.push(e));
    const other = await createPostgresBus(database.url, (e) => errors.push(e));
    try {
      const heard: ChangeEvent[] = [];
      const all = new Promise<void>((resolve) => {
        other.subscribe((e) => {
          heard.push(e);
          if (heard.length === 500) resolve();
        });
      });
      const warnings: string[] = [];
      const onWarning = (warning: Error): void => void warnings.push(warning.message);
      process.on('warning', onWarning);
      // Half in one turn, the rest one per turn while the first NOTIFY is still on its way.
      const events = Array.from({ length: 500 }, (_, i) => event(i, { n: i }));
      for (const e of events.slice(0, 250)) one.publish(e);
      for (const e of events.slice(250)) {
        one.publish(e);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await all;
      process.off('warning', onWarning);
      expect(heard).toEqual(events);
      expect(errors).toEqual([]);
      // pg warns when a query is sent on a client still busy with one: the bus never does that.
      expect(warnings.filter((w) => w.includes('already executing'))).toEqual([]);
    } finally {
      await one.close();
      await other.close();
      await database.drop();
    }
  });
});
