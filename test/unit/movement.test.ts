import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineString } from '../../src/domain/corridor.ts';
import { IncidentIndex, type IncidentFacts } from '../../src/domain/incident.ts';
import {
  ALLOWED_FROM,
  canApply,
  deconflict,
  deliveryDiscrepancies,
  expectedPassages,
  MOVEMENT_STATUSES,
  movementStatus,
  overdueVerdict,
  type AckDecision,
  type MovementCommand,
  type MovementFacts,
  type MovementPlan,
  type World,
} from '../../src/domain/movement.ts';

const PARTIES = ['ua', 'ru', 'by'];
const stamp = fc.option(fc.constant('2022-03-08T10:00:00.000Z'), { nil: null });
const factsArb: fc.Arbitrary<MovementFacts> = fc.record({
  requiredAcknowledgements: fc.subarray(PARTIES, { minLength: 1 }),
  acknowledgements: fc.uniqueArray(fc.record({ partyId: fc.constantFrom(...PARTIES), decision: fc.constantFrom<AckDecision>('acknowledge', 'deny') }), {
    selector: (a) => a.partyId,
  }),
  startedAt: stamp,
  completedAt: stamp,
  abortedAt: stamp,
});

describe('movement status (property tests)', () => {
  it('is acknowledged only when every required party acknowledged and none denied', () => {
    // Random facts almost never leave a movement unstarted with every party answered (each of the
    // three stamps is set 4 times in 5), so half the cases are drawn that way on purpose.
    const answeredArb: fc.Arbitrary<MovementFacts> = fc.subarray(PARTIES, { minLength: 1 }).chain((required) =>
      fc.record({
        requiredAcknowledgements: fc.constant(required),
        acknowledgements: fc.tuple(...required.map((partyId) => fc.record({ partyId: fc.constant(partyId), decision: fc.constantFrom<AckDecision>('acknowledge', 'acknowledge', 'deny') }))),
        startedAt: fc.constant(null),
        completedAt: fc.constant(null),
        abortedAt: fc.constant(null),
      }),
    );
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(factsArb, answeredArb), (facts) => {
        if (movementStatus(facts) !== 'acknowledged') return;
        checked += 1;
        const acked = new Set(facts.acknowledgements.filter((a) => a.decision === 'acknowledge').map((a) => a.partyId));
        expect(facts.requiredAcknowledgements.every((p) => acked.has(p))).toBe(true);
        expect(facts.acknowledgements.some((a) => a.decision === 'deny')).toBe(false);
      }),
    );
    // The generator must reach the case at all, or the property says nothing.
    expect(checked).toBeGreaterThan(0);
  });

  it('gives ending events precedence: aborted over completed over underway', () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const status = movementStatus(facts);
        if (facts.abortedAt) expect(status).toBe('aborted');
        else if (facts.completedAt) expect(status).toBe('completed');
        else if (facts.startedAt) expect(status).toBe('underway');
        else expect(['submitted', 'acknowledged', 'denied']).toContain(status);
      }),
    );
  });

  it('never lets an ended movement move on, nor a convoy start before every party acknowledged', () => {
    const commands = Object.keys(ALLOWED_FROM) as MovementCommand[];
    for (const command of commands) {
      if (command === 'delivery' || command === 'arrive') continue; // Both happen after arrival by design.
      expect(canApply(command, 'aborted')).toBe(false);
      expect(canApply(command, 'completed')).toBe(false);
    }
    expect(MOVEMENT_STATUSES.filter((s) => canApply('start', s))).toEqual(['acknowledged']);
    expect(MOVEMENT_STATUSES.filter((s) => canApply('checkin', s))).toEqual(['underway']);
  });

  it('walks every random sequence of commands only through allowed transitions', () => {
    type Step = { command: 'ack' | 'deny' | 'start' | 'complete' | 'abort'; party: string };
    fc.assert(
      fc.property(
        fc.array(fc.record({ command: fc.constantFrom<Step['command']>('ack', 'deny', 'start', 'complete', 'abort'), party: fc.constantFrom('ua', 'ru') }), { maxLength: 12 }),
        (steps) => {
          const facts: MovementFacts & { acknowledgements: { partyId: string; decision: AckDecision }[] } = {
            requiredAcknowledgements: ['ua', 'ru'],
            acknowledgements: [],
            startedAt: null,
            completedAt: null,
            abortedAt: null,
          };
          for (const step of steps) {
            const before = movementStatus(facts);
            const command: MovementCommand = step.command === 'ack' || step.command === 'deny' ? 'acknowledge' : step.command;
            if (!canApply(command, before)) continue;
            if (command === 'acknowledge') {
              if (facts.acknowledgements.some((a) => a.partyId === step.party)) continue;
              facts.acknowledgements.push({ partyId: step.party, decision: step.command === 'ack' ? 'acknowledge' : 'deny' });
            } else if (command === 'start') facts.startedAt = '2022-03-08T10:00:00.000Z';
            else if (command === 'complete') facts.completedAt = '2022-03-08T12:00:00.000Z';
            else facts.abortedAt = '2022-03-08T12:00:00.000Z';
            const after = movementStatus(facts);
            if (before === 'underway') expect(['underway', 'completed', 'aborted']).toContain(after);
            if (after === 'underway') expect(facts.acknowledgements.filter((a) => a.decision === 'acknowledge')).toHaveLength(2);
          }
        },
      ),
    );
  });
});

// Sumy → Lokhvytsia → Poltava
const ROUTE: LineString = { type: 'LineString', coordinates: [[34.7981, 50.9077], [33.2667, 50.3667], [34.5514, 49.5883]] };
const NOW = new Date('2022-03-06T06:00:00.000Z'); // 50 h before departure

function plan(overrides: Partial<MovementPlan> = {}): MovementPlan {
  return { kind: 'supply', corridorId: 'c1', route: null, departAt: '2022-03-08T08:00:00.000Z', arriveBy: '2022-03-08T14:00:00.000Z', passengers: null, cargo: [], urgent: false, justification: null, ...overrides };
}

function world(incidents: IncidentFacts[] = [], overrides: Partial<World> = {}): World {
  return {
    now: NOW,
    noticeHours: 48,
    corridor: { id: 'c1', status: 'agreed', route: ROUTE, bufferMeters: 2000, windows: [{ start: '2022-03-08T07:00:00.000Z', end: '2022-03-08T19:00:00.000Z' }], parties: ['ua', 'ru'], checkpoints: [] },
    incidents: new IncidentIndex(incidents),
    defaultBufferMeters: 2000,
    ...overrides,
  };
}

const incident = (id: string, lat: number, lon: number, extra: Partial<IncidentFacts> = {}): IncidentFacts => ({
  id,
  type: 'shelling',
  severity: 'high',
  lat,
  lon,
  occurredAt: '2022-03-06T04:00:00.000Z',
  clearedAt: null,
  ...extra,
});

describe('deconflict', () => {
  it('gives no warning to a well-planned movement', () => {
    expect(deconflict(plan(), world())).toEqual([]);
  });

  it('names each problem with its code and details', () => {
    const codes = (w: ReturnType<typeof deconflict>) => w.map((x) => x.code).sort();
    expect(codes(deconflict(plan(), world([], { now: new Date('2022-03-07T12:00:00.000Z') })))).toEqual(['SHORT_NOTICE']);
    expect(codes(deconflict(plan(), world([], { corridor: { ...world().corridor!, status: 'suspended' } })))).toEqual(['CORRIDOR_NOT_AGREED']);
    expect(codes(deconflict(plan({ arriveBy: '2022-03-08T20:00:00.000Z' }), world()))).toEqual(['OUTSIDE_WINDOW']);
    const detour: LineString = { type: 'LineString', coordinates: [[34.7981, 50.9077], [34.2, 50.4], [34.5514, 49.5883]] };
    const [deviation] = deconflict(plan({ route: detour }), world());
    expect(deviation).toMatchObject({ code: 'OUTSIDE_CORRIDOR' });
    expect(deviation!.maxDeviationMeters as number).toBeGreaterThan(30_000);
  });

  it('uses the index: only incidents within the buffer, recent ones and uncleared mines', () => {
    const hits = deconflict(
      plan(),
      world([
        incident('near', 50.367, 33.27),
        incident('far', 48.5, 37.5),
        incident('old', 50.367, 33.27, { occurredAt: '2022-02-20T08:00:00.000Z' }),
        incident('mine', 50.0, 33.9, { type: 'mine', occurredAt: '2022-01-01T00:00:00.000Z' }),
        incident('cleared', 50.0, 33.9, { type: 'mine', clearedAt: '2022-03-01T00:00:00.000Z' }),
      ]),
    );
    const byCode = Object.fromEntries(hits.map((h) => [h.code, (h.incidents as { id: string }[]).map((i) => i.id)]));
    expect(byCode).toEqual({ INCIDENT_NEAR_ROUTE: ['near'], HAZARD_ON_ROUTE: ['mine'] });
  });
});

describe('tracking', () => {
  it('expects checkpoints in route order, between departure and arrival', () => {
    const passages = expectedPassages(ROUTE, [{ name: 'Poltava outskirts', lat: 49.6, lon: 34.5 }, { name: 'Lokhvytsia', lat: 50.3667, lon: 33.2667 }], '2022-03-08T08:00:00.000Z', '2022-03-08T14:00:00.000Z');
    expect(passages.map((p) => p.checkpoint)).toEqual(['Lokhvytsia', 'Poltava outskirts']);
    for (const p of passages) {
      expect(p.expectedAt > '2022-03-08T08:00:00.000Z' && p.expectedAt <= '2022-03-08T14:00:00.000Z').toBe(true);
    }
  });

  it('is overdue only after the grace period and only until the convoy is heard from', () => {
    const passages = expectedPassages(ROUTE, [{ name: 'Lokhvytsia', lat: 50.3667, lon: 33.2667 }], '2022-03-08T08:00:00.000Z', '2022-03-08T14:00:00.000Z');
    const due = new Date(passages[0]!.expectedAt).getTime();
    const verdict = (minutesLate: number, checkins: { at: string; lat: number; lon: number; checkpoint: string | null }[] = []) =>
      overdueVerdict({ status: 'underway', passages, checkins, arriveBy: '2022-03-08T14:00:00.000Z', now: new Date(due + minutesLate * 60_000), graceMinutes: 30 }).overdue;
    expect(verdict(29)).toBe(false);
    expect(verdict(31)).toBe(true);
    expect(verdict(31, [{ at: new Date(due + 10 * 60_000).toISOString(), lat: 50.2, lon: 33.5, checkpoint: null }])).toBe(false);
    expect(verdict(400, [{ at: new Date(due).toISOString(), lat: 50.36, lon: 33.26, checkpoint: 'Lokhvytsia' }])).toBe(true);
    expect(overdueVerdict({ status: 'completed', passages, checkins: [], arriveBy: '2022-03-08T14:00:00.000Z', now: new Date(due + 1e9), graceMinutes: 30 }).overdue).toBe(false);
  });

  it('computes delivery discrepancies that add up', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ item: fc.constantFrom('flour', 'water', 'insulin', 'blankets'), quantity: fc.integer({ min: 1, max: 1000 }) }), { selector: (c) => c.item, minLength: 1 }),
        fc.array(fc.record({ item: fc.constantFrom('flour', 'water', 'insulin', 'blankets'), quantityReceived: fc.integer({ min: 0, max: 1000 }) })),
        (cargo, received) => {
          const lines = deliveryDiscrepancies(cargo.map((c) => ({ ...c, category: 'aid', unit: 'u' })), received);
          for (const line of lines) expect(line.difference).toBe(line.received - line.expected);
          const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          expect(total(lines.map((l) => l.received))).toBe(total(received.map((r) => r.quantityReceived)));
        },
      ),
    );
  });
});
