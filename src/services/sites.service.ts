import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Lang } from '../domain/gazetteer.ts';
import type { Actor } from '../domain/identity.ts';
import type { SiteKind } from '../domain/person.ts';
import { isAllowed } from '../domain/policy.ts';
import { PUBLIC_LANGS } from '../domain/public-text.ts';
import { findSite, insertSite, listSites, updateSite, type SiteRow } from '../store/people-registry.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import type { SiteOutT } from '../http/schemas/sites.ts';

/**
 * Gathering points and reception centres, managed by their organisation. A site's contact details
 * are what the public tracing answer gives a family, so they are kept in uk, ru and en.
 */

export type SiteContacts = Record<Lang, string>;

/** A site as the API gives it (src/http/schemas/sites.ts). */
export type SiteView = SiteOutT;

/** One text for every language (a phone number reads the same), or each language's own. */
export type ContactInput = string | SiteContacts;

export interface SiteInput {
  name: string;
  kind: SiteKind;
  lat?: number | undefined;
  lon?: number | undefined;
  contact: ContactInput;
}

export function contactsOf(row: SiteRow): SiteContacts {
  if (row.contacts) return JSON.parse(row.contacts) as SiteContacts;
  return { uk: row.contact, ru: row.contact, en: row.contact };
}

function contactsFrom(input: ContactInput): SiteContacts {
  const texts = typeof input === 'string' ? { uk: input, ru: input, en: input } : input;
  return Object.fromEntries(PUBLIC_LANGS.map((lang) => [lang, texts[lang].trim()])) as SiteContacts;
}

export const presentSite = (row: SiteRow): SiteView => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  kind: row.kind as SiteKind,
  lat: row.lat,
  lon: row.lon,
  contact: contactsOf(row),
  updatedAt: row.updated_at ?? row.created_at,
});

function checkPosition(input: { lat?: number | undefined; lon?: number | undefined }): void {
  if ((input.lat === undefined) !== (input.lon === undefined)) {
    throw new DomainError('rule', 'SITE_POSITION_INCOMPLETE', 'Give both latitude and longitude, or neither.', [
      { path: input.lat === undefined ? '/lat' : '/lon', message: 'latitude and longitude go together' },
    ]);
  }
}

export async function createSite(ctx: ServiceContext, actor: Actor, input: SiteInput): Promise<SiteView> {
  if (!isAllowed(actor, 'site.manage', actor.orgId)) throw forbidden('create sites');
  checkPosition(input);
  const contacts = contactsFrom(input.contact);
  const nowIso = ctx.now().toISOString();
  const row: SiteRow = {
    id: newId(),
    org_id: actor.orgId,
    name: input.name.trim(),
    kind: input.kind,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    contact: contacts.uk,
    contacts: JSON.stringify(contacts),
    created_at: nowIso,
    updated_at: nowIso,
  };
  await runCommand(ctx, actor, async (trx) => {
    await insertSite(trx, row);
    return { result: undefined, audit: { action: 'site.create', subjectType: 'site', subjectId: row.id, payload: { kind: input.kind } } };
  });
  return presentSite(row);
}

/** Changes a site of the caller's organisation: name, kind, position, contact details. */
export async function changeSite(ctx: ServiceContext, actor: Actor, id: string, input: Partial<SiteInput>): Promise<SiteView> {
  const site = await findSite(ctx.db, id);
  if (!site) throw notFound('site');
  if (!isAllowed(actor, 'site.manage', site.org_id)) throw forbidden('change this site');
  checkPosition(input);
  const contacts = input.contact === undefined ? undefined : contactsFrom(input.contact);
  await runCommand(ctx, actor, async (trx, nowIso) => {
    await updateSite(trx, id, {
      ...(input.name === undefined ? {} : { name: input.name.trim() }),
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      ...(input.lat === undefined ? {} : { lat: input.lat, lon: input.lon ?? null }),
      ...(contacts === undefined ? {} : { contact: contacts.uk, contacts: JSON.stringify(contacts) }),
      updated_at: nowIso,
    });
    return { result: undefined, audit: { action: 'site.change', subjectType: 'site', subjectId: id, payload: { fields: Object.keys(input).sort() } } };
  });
  const changed = await findSite(ctx.db, id);
  if (!changed) throw notFound('site');
  return presentSite(changed);
}

export async function listAllSites(ctx: ServiceContext, actor: Actor): Promise<SiteView[]> {
  if (!isAllowed(actor, 'site.read')) throw forbidden('read sites');
  return (await listSites(ctx.db)).map(presentSite);
}
