import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainNext, verifyChain, type AuditEvent } from '../../src/domain/audit-chain.ts';

function buildChain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i += 1) {
    events.push(
      chainNext(events[events.length - 1], {
        at: new Date(Date.UTC(2022, 2, 5, 9, i)).toISOString(),
        actorUserId: `user-${i % 3}`,
        actorOrgId: 'org-1',
        action: i % 2 ? 'org.create' : 'user.create',
        subjectType: 'org',
        subjectId: `subject-${i}`,
        payloadHash: 'a'.repeat(64),
      }),
    );
  }
  return events;
}

const headOf = (events: AuditEvent[]) => {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : undefined;
};

describe('audit chain', () => {
  it('accepts an untouched chain and an empty one', () => {
    const events = buildChain(20);
    expect(verifyChain(events, headOf(events))).toMatchObject({ ok: true, count: 20 });
    expect(verifyChain([], undefined)).toMatchObject({ ok: true, count: 0 });
  });

  it('names an edited event', () => {
    const events = buildChain(10);
    const edited = events.map((e) => (e.seq === 4 ? { ...e, action: 'org.delete' } : e));
    expect(verifyChain(edited, headOf(events))).toMatchObject({ ok: false, seq: 4, reason: expect.stringMatching(/edited/) });
  });

  it('names the gap of a deleted event', () => {
    const events = buildChain(10);
    expect(verifyChain(events.filter((e) => e.seq !== 6), headOf(events))).toMatchObject({
      ok: false,
      seq: 7,
      reason: expect.stringMatching(/event 6 is missing/),
    });
  });

  it('detects removal of the last events through the recorded head', () => {
    const events = buildChain(10);
    expect(verifyChain(events.slice(0, 8), headOf(events))).toMatchObject({ ok: false, seq: 10, reason: expect.stringMatching(/removed/) });
  });

  it('detects an event appended outside the system, even with a correct hash', () => {
    const events = buildChain(5);
    const head = headOf(events);
    const forged = chainNext(events[4], { ...events[4]!, subjectId: 'forged' });
    expect(verifyChain([...events, forged], head)).toMatchObject({ ok: false, seq: 6, reason: expect.stringMatching(/past the recorded head/) });
  });

  it('detects an inserted event, renumbered or not', () => {
    const events = buildChain(6);
    const inserted = { ...events[2]!, subjectId: 'inserted' };
    const withCopy = [...events.slice(0, 3), inserted, ...events.slice(3)];
    expect(verifyChain(withCopy, headOf(events))).toMatchObject({ ok: false, seq: 3 });
    const renumbered = withCopy.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered, headOf(events))).toMatchObject({ ok: false, seq: 4 });
  });

  it('detects reordering', () => {
    const events = buildChain(6);
    const swapped = [events[0]!, events[2]!, events[1]!, ...events.slice(3)];
    expect(verifyChain(swapped, headOf(events))).toMatchObject({ ok: false, seq: 3 });
    const swappedSeq = swapped.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(swappedSeq, headOf(events))).toMatchObject({ ok: false, seq: 2 });
  });

  it('property: any single change to any field of any event is detected', () => {
    const fields = ['at', 'actorUserId', 'actorOrgId', 'action', 'subjectType', 'subjectId', 'payloadHash', 'prevHash', 'hash'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        fc.constantFrom(...fields),
        fc.string({ minLength: 1, maxLength: 8 }),
        (n, pick, field, noise) => {
          const events = buildChain(n);
          const index = pick % n;
          const target = events[index]!;
          const changed = { ...target, [field]: `${String(target[field])}${noise}` };
          const tampered = events.map((e, i) => (i === index ? changed : e));
          const verdict = verifyChain(tampered, headOf(events));
          return !verdict.ok && verdict.seq === target.seq;
        },
      ),
    );
  });
});
