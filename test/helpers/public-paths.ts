import http from 'node:http';
import { expect } from 'vitest';
import { ADMIN, type TestApp } from './app.ts';
import { createProposedCorridor } from './corridors.ts';
import { hoursFromNow } from './time.ts';
import { decideAs } from './signing.ts';

export interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request on the wire, bytes as sent (fetch would decompress them). */
export function rawGet(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Two parties with a liaison each, and a corridor between them open for the next four hours. */
export async function openCorridor(t: TestApp, tag: string): Promise<{ admin: string; id: string }> {
  const admin = await t.login(ADMIN.email, ADMIN.password);
  const org = async (name: string) => (await t.as(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name, kind: 'party' } })).json().id as string;
  const parties = [await org(`${tag} UA`), await org(`${tag} RU`)];
  const { id } = await createProposedCorridor(t, admin, parties, { windows: [{ start: hoursFromNow(-1), end: hoursFromNow(4) }] });
  for (const [i, orgId] of parties.entries()) {
    const email = `l${i}@${tag.toLowerCase()}.test`;
    await t.as(admin, { method: 'POST', url: '/api/v1/users', payload: { orgId, email, name: 'L', password: 'snapshot-password', role: 'liaison' } });
    const token = await t.login(email, 'snapshot-password');
    const approved = await decideAs(t, token, id, { version: 1, decision: 'approve' });
    expect(approved.statusCode, approved.body).toBeLessThan(300);
  }
  await announced(t, id, 'open');
  return { admin, id };
}

/**
 * Waits until the public snapshot holds the corridor's announcement of the status: the live hub
 * announces a change once it hears of it, which on PostgreSQL is a NOTIFY round trip later.
 */
export async function announced(t: TestApp, corridorId: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    await t.app.live.idle();
    await t.app.publicSnapshot.fresh();
    if (t.app.publicSnapshot.current()?.announcements.some((a) => a.corridorId === corridorId && a.status === status)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${status} announcement of ${corridorId} in the public snapshot`);
}

/** The paths of one CAP alert each, as the CAP index links them. */
export function capAlertPathsOf(index: string): string[] {
  return [...index.matchAll(/href="[^"]*?(\/feeds\/alerts\/[^"]+\.cap\.xml)"/g)].map((m) => m[1]!);
}

/** Each public corridor's route map, in each language and without one. */
export function routeMapPathsOf(corridorId: string): string[] {
  const path = `/api/v1/public/corridors/${corridorId}/map.svg`;
  return [path, ...['uk', 'ru', 'en'].map((lang) => `${path}?lang=${lang}`)];
}

/** Every public path but the CAP alerts and the route maps (which name ids): each is served from memory. */
export const FIXED_PUBLIC_PATHS = [
  '/api/v1/public/corridors',
  '/',
  '/uk',
  '/ru',
  '/en',
  '/?lang=ru',
  '/api/v1/public/announcements',
  '/api/v1/public/announcements?lang=uk',
  '/api/v1/public/announcements?lang=ru',
  '/api/v1/public/announcements?lang=en',
  '/feeds/corridors.atom',
  '/feeds/corridors.atom?lang=uk',
  '/feeds/corridors.atom?lang=ru',
  '/feeds/corridors.atom?lang=en',
  '/feeds/alerts.cap.xml',
  '/feeds/corridors.geojson',
  '/feeds/corridors.hxl.csv',
] as const;
