import { expect } from 'vitest';
import { registerPerson } from '../../src/services/people.service.ts';
import type { TestApp } from './app.ts';
import { createTwoParties } from './corridors.ts';
import { answerAs, createAgreedCorridor, stateAs } from './signing.ts';
import { hoursFromNow } from './time.ts';

/** People registered in the evidence scenario: none of this may appear in a bundle. */
export const EVIDENCE_PEOPLE = [
  { givenName: 'Zhovtana', familyName: 'Pryimachenko', birthDate: '1987-04-12' },
  { givenName: 'Svitozar', familyName: 'Kvitchenko', birthDate: '1954-11-03' },
] as const;

export interface EvidenceScenario {
  corridorId: string;
  parties: string[];
  liaisons: string[];
  movementId: string;
  incidentId: string;
  personIds: string[];
}

/**
 * A corridor as in the demo, through the API: both parties' signed approvals, an evacuation with
 * two registered people on its manifest (one boarded) acknowledged by both, an incident on the
 * route with each party's signed statement, and a suspension for it, then a resumption.
 */
export async function evidenceScenario(t: TestApp, admin: string, prefix: string): Promise<EvidenceScenario> {
  const { parties, liaisons } = await createTwoParties(t, admin, prefix);
  const agency = (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: `${prefix} agency`, kind: 'agency' } })).json().id as string;
  const email = `c@${prefix.toLowerCase()}-agency.test`;
  const user = await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId: agency, email, name: 'Agency coordinator', password: 'evidence-pass-1', role: 'coordinator' } });
  expect(user.statusCode, user.body).toBe(201);
  const coordinator = await t.login(email, 'evidence-pass-1');
  const actor = { userId: user.json().id as string, orgId: agency, orgKind: 'agency' as const, role: 'coordinator' as const };

  const corridorId = await createAgreedCorridor(t, admin, parties, liaisons, { windows: [{ start: hoursFromNow(72), end: hoursFromNow(96) }] });
  const notified = await t.as(coordinator, {
    method: 'POST',
    url: '/api/v1/movements',
    payload: { kind: 'evacuation', corridorId, departAt: hoursFromNow(73), arriveBy: hoursFromNow(79), vehicles: [{ type: 'bus', markings: 'Red Cross' }], personnel: 2, passengers: 2 },
  });
  expect(notified.statusCode, notified.body).toBe(201);
  const movementId = notified.json().id as string;
  const personIds: string[] = [];
  for (const person of EVIDENCE_PEOPLE) personIds.push((await registerPerson(t.app.ctx, actor, { ...person })).id);
  const manifest = await t.as(coordinator, { method: 'POST', url: `/api/v1/movements/${movementId}/passengers`, payload: { personIds } });
  expect(manifest.statusCode, manifest.body).toBe(200);
  for (const liaison of liaisons) expect((await answerAs(t, liaison, movementId, { decision: 'acknowledge' })).statusCode).toBe(201);
  const boarded = await t.as(coordinator, { method: 'POST', url: `/api/v1/movements/${movementId}/board`, payload: { personId: personIds[0] } });
  expect(boarded.statusCode, boarded.body).toBe(200);

  const incident = await t.as(admin, { method: 'POST', url: '/api/v1/incidents', payload: { type: 'shelling', lat: 50.3667, lon: 33.2667, occurredAt: hoursFromNow(-1), severity: 'high' } });
  expect(incident.statusCode, incident.body).toBe(201);
  const incidentId = incident.json().id as string;
  expect((await stateAs(t, liaisons[0]!, incidentId, 'Колону обстріляли біля Лохвиці під час режиму тиші.')).statusCode).toBe(201);
  expect((await stateAs(t, liaisons[1]!, incidentId, 'Огонь вёлся с позиций другой стороны.')).statusCode).toBe(201);
  const suspended = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/suspend`, payload: { reason: 'Shelling near Lokhvytsia', incidentId } });
  expect(suspended.statusCode, suspended.body).toBe(200);
  const resumed = await t.as(admin, { method: 'POST', url: `/api/v1/corridors/${corridorId}/resume`, payload: { reason: 'Both sides confirm the ceasefire' } });
  expect(resumed.statusCode, resumed.body).toBe(200);
  return { corridorId, parties, liaisons, movementId, incidentId, personIds };
}

/** The bundle's file as served, and the log's key as a witness would pin it. */
export async function fetchEvidence(t: TestApp, token: string, corridorId: string): Promise<{ text: string; logKey: string }> {
  const response = await t.as(token, { method: 'GET', url: `/api/v1/corridors/${corridorId}/evidence` });
  expect(response.statusCode, response.body).toBe(200);
  const logKey = (await t.as(null, { method: 'GET', url: '/api/v1/public/log/key' })).body.trim();
  return { text: response.body, logKey };
}
