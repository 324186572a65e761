import { expect } from 'vitest';
import type { TestApp } from './app.ts';

/** What the public reads of the Sumy → Poltava corridor, in every public language. */
export const SUMY_POLTAVA_TEXT = {
  uk: {
    title: 'Суми → Полтава',
    eligibility: 'Усі цивільні; іноземні студенти першими',
    conditions: 'Автобуси з емблемою Червоного Хреста.',
    whatToBring: 'Документи, вода, ліки, теплий одяг, заряджений телефон. Без зброї.',
    gatheringPoints: [{ name: 'Сумський державний університет', address: 'вул. Римського-Корсакова, 2' }],
  },
  ru: {
    title: 'Сумы → Полтава',
    eligibility: 'Все гражданские; иностранные студенты первыми',
    conditions: 'Автобусы с эмблемой Красного Креста.',
    whatToBring: 'Документы, вода, лекарства, тёплая одежда, заряженный телефон. Без оружия.',
    gatheringPoints: [{ name: 'Сумский государственный университет', address: 'ул. Римского-Корсакова, 2' }],
  },
  en: {
    title: 'Sumy → Poltava',
    eligibility: 'All civilians; foreign students first',
    conditions: 'Buses marked with the Red Cross emblem.',
    whatToBring: 'Documents, water, medicines, warm clothes, a charged phone. No weapons.',
    gatheringPoints: [{ name: 'Sumy State University', address: 'Rymskoho-Korsakova St 2' }],
  },
};

/** A complete corridor (Sumy → Poltava, 8 March 2022) listing the given parties. */
export function corridorBody(parties: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Sumy – Poltava',
    purpose: ['evacuation', 'supply'],
    origin: { name: 'Sumy', lat: 50.9077, lon: 34.7981 },
    destination: { name: 'Poltava', lat: 49.5883, lon: 34.5514 },
    route: {
      type: 'LineString',
      coordinates: [
        [34.7981, 50.9077],
        [33.2667, 50.3667],
        [32.9869, 50.0186],
        [34.5514, 49.5883],
      ],
    },
    bufferMeters: 2000,
    gatheringPoints: [{ name: 'Sumy State University', lat: 50.8926, lon: 34.8415, address: 'Rymskoho-Korsakova St 2' }],
    checkpoints: parties[0] ? [{ name: 'Lokhvytsia', lat: 50.3667, lon: 33.2667, controlledBy: parties[0] }] : [],
    windows: [{ start: '2022-03-08T09:00:00+02:00', end: '2022-03-08T21:00:00+02:00' }],
    parties,
    allowedTraffic: ['bus', 'private_car'],
    eligibility: 'Everyone; foreign students first',
    maxVehicles: 100,
    conditions: 'Buses marked with the Red Cross emblem.',
    publicText: SUMY_POLTAVA_TEXT,
    ...overrides,
  };
}

export async function createCorridor(t: TestApp, token: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const response = await t.as(token, { method: 'POST', url: '/api/v1/corridors', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function createProposedCorridor(
  t: TestApp,
  token: string,
  parties: string[],
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const corridor = await createCorridor(t, token, corridorBody(parties, overrides));
  const proposed = await t.as(token, { method: 'POST', url: `/api/v1/corridors/${corridor.id}/propose` });
  expect(proposed.statusCode, proposed.body).toBe(200);
  return corridor;
}

/** Two parties (`<prefix> UA`, `<prefix> RU`) with one liaison each, made by `coordinator`; the liaisons signed in. */
export async function createTwoParties(t: TestApp, coordinator: string, prefix: string): Promise<{ parties: string[]; liaisons: string[] }> {
  const parties: string[] = [];
  const liaisons: string[] = [];
  for (const side of ['ua', 'ru'] as const) {
    const created = await t.as(coordinator, { method: 'POST', url: '/api/v1/orgs', payload: { name: `${prefix} ${side.toUpperCase()}`, kind: 'party' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const email = `l@${prefix.toLowerCase()}-${side}.test`;
    const user = await t.as(coordinator, { method: 'POST', url: '/api/v1/users', payload: { orgId: id, email, name: 'L', password: 'party-password-1', role: 'liaison' } });
    expect(user.statusCode, user.body).toBe(201);
    parties.push(id);
    liaisons.push(await t.login(email, 'party-password-1'));
  }
  return { parties, liaisons };
}
