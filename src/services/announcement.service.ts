import {
  autoAnnouncementTexts,
  manualAnnouncementTexts,
  type AnnouncementKind,
  type AnnouncementText,
  type AnnouncementTexts,
} from '../domain/announcement.ts';
import { corridorStatus } from '../domain/corridor.ts';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import type { Lang } from '../domain/gazetteer.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { PUBLIC_LANGS } from '../domain/public-text.ts';
import { insertAnnouncement, latestAutoAnnouncement, listAnnouncements, type AnnouncementRow } from '../store/announcements.repository.ts';
import { loadCorridorAggregate, type CorridorAggregate } from '../store/corridors.repository.ts';
import { listOrgTimeZones } from '../store/orgs.repository.ts';
import { runCommand } from './command.ts';
import type { ServiceContext } from './context.ts';
import { factsOf, isPubliclyListed } from '../domain/corridor-facts.ts';
import { presentPublicCorridor } from './corridor.presenter.ts';
import { canRead } from './corridor.service.ts';
import { newId } from './ids.ts';

export interface AnnouncementView {
  id: string;
  corridorId: string;
  createdAt: string;
  kind: AnnouncementKind;
  status: string;
  text: string;
  sms: AnnouncementText['sms'];
  radio: string;
}

export interface StaffAnnouncementView extends Omit<AnnouncementView, 'text' | 'sms' | 'radio'> {
  texts: AnnouncementTexts;
}

const LIST_LIMIT = 50;

/** Thrown inside the transaction when another instance wrote the same announcement first. */
class AlreadyAnnounced extends Error {}

/**
 * Announces a corridor's public status when it differs from what the system last announced for
 * it (status, or a newly agreed version). Called by the live hub for every change it sees, from
 * commands and from the clock; idempotent, so several instances seeing one change write it once.
 * Nothing is announced for a corridor that is not on the public page: never before every party
 * has approved.
 */
export async function announceCorridorChange(ctx: ServiceContext, aggregate: CorridorAggregate): Promise<boolean> {
  const now = ctx.now();
  if (!isPubliclyListed(aggregate, now)) return false;
  const corridorId = aggregate.corridor.id;
  const status = corridorStatus(factsOf(aggregate), now);
  const version = aggregate.current.version;
  const latest = await latestAutoAnnouncement(ctx.db, corridorId);
  if (latest && latest.status === status && latest.version === version) return false;
  const view = presentPublicCorridor(aggregate, await listOrgTimeZones(ctx.db), now);
  const texts = autoAnnouncementTexts(view, ctx.config.publicUrl);
  const id = newId();
  const seq = (latest?.seq ?? 0) + 1;
  try {
    await runCommand(ctx, null, async (trx, nowIso) => {
      const row: AnnouncementRow = { id, corridor_id: corridorId, created_at: nowIso, kind: 'auto', status, version, seq, texts: JSON.stringify(texts), created_by: null };
      if (!(await insertAnnouncement(trx, row))) throw new AlreadyAnnounced();
      return {
        result: undefined,
        audit: { action: 'announcement.auto', subjectType: 'announcement', subjectId: id, payload: { corridorId, status, version, seq } },
        event: { type: 'announcement.created', subjectType: 'announcement', subjectId: id, orgId: null, data: { corridorId } },
      };
    });
  } catch (error) {
    if (error instanceof AlreadyAnnounced) return false;
    throw error;
  }
  return true;
}

/** The mediator's own announcement on a corridor the public can see, in all three languages. */
export async function createManualAnnouncement(
  ctx: ServiceContext,
  actor: Actor,
  corridorId: string,
  input: { text: Partial<Record<Lang, string>> },
): Promise<StaffAnnouncementView> {
  if (!isAllowed(actor, 'announcement.publish')) throw forbidden('publish announcements');
  const missing = PUBLIC_LANGS.filter((lang) => !input.text[lang]?.trim());
  if (missing.length > 0) {
    throw new DomainError(
      'invalid',
      'ANNOUNCEMENT_LANGUAGES',
      'Write the announcement in Ukrainian, Russian and English.',
      missing.map((lang) => ({ path: `/text/${lang}`, message: 'is required' })),
    );
  }
  const aggregate = await loadCorridorAggregate(ctx.db, corridorId);
  if (!aggregate || !canRead(actor, aggregate)) throw notFound('corridor');
  const now = ctx.now();
  if (!isPubliclyListed(aggregate, now)) {
    throw new DomainError('rule', 'CORRIDOR_NOT_PUBLIC', 'Only a corridor every party agreed, on the public page, can be announced.');
  }
  const text = { uk: input.text.uk!.trim(), ru: input.text.ru!.trim(), en: input.text.en!.trim() };
  const texts = manualAnnouncementTexts(text, ctx.config.publicUrl);
  const status = corridorStatus(factsOf(aggregate), now);
  const id = newId();
  return runCommand(ctx, actor, async (trx, nowIso) => {
    const row: AnnouncementRow = {
      id,
      corridor_id: corridorId,
      created_at: nowIso,
      kind: 'manual',
      status,
      version: aggregate.current.version,
      seq: null,
      texts: JSON.stringify(texts),
      created_by: actor.userId,
    };
    await insertAnnouncement(trx, row);
    return {
      result: presentStaff(row),
      audit: { action: 'announcement.manual', subjectType: 'announcement', subjectId: id, payload: { corridorId, status, texts } },
      event: { type: 'announcement.created', subjectType: 'announcement', subjectId: id, orgId: actor.orgId, data: { corridorId } },
    };
  });
}

function presentStaff(row: AnnouncementRow): StaffAnnouncementView {
  return {
    id: row.id,
    corridorId: row.corridor_id,
    createdAt: row.created_at,
    kind: row.kind as AnnouncementKind,
    status: row.status,
    texts: JSON.parse(row.texts) as AnnouncementTexts,
  };
}

/** An announcement as the public reads it in one language (what GET /api/v1/public/announcements lists). */
export function publicAnnouncementIn(announcement: StaffAnnouncementView, lang: Lang): AnnouncementView {
  const t = announcement.texts[lang];
  return {
    id: announcement.id,
    corridorId: announcement.corridorId,
    createdAt: announcement.createdAt,
    kind: announcement.kind,
    status: announcement.status,
    text: t.text,
    sms: { text: t.sms.text, encoding: t.sms.encoding, segments: t.sms.segments },
    radio: t.radio,
  };
}

/**
 * The latest announcements, newest first, in every language: what the public snapshot holds
 * (they name no one: the author stays in the audit log).
 */
export async function loadPublicAnnouncements(ctx: ServiceContext): Promise<StaffAnnouncementView[]> {
  return (await listAnnouncements(ctx.db, { limit: LIST_LIMIT })).map(presentStaff);
}

/** A corridor's announcements in every language, for staff who may read the corridor. */
export async function listCorridorAnnouncements(ctx: ServiceContext, actor: Actor, corridorId: string): Promise<{ items: StaffAnnouncementView[] }> {
  const aggregate = await loadCorridorAggregate(ctx.db, corridorId);
  if (!aggregate || !canRead(actor, aggregate)) throw notFound('corridor');
  const rows = await listAnnouncements(ctx.db, { corridorId, limit: LIST_LIMIT });
  return { items: rows.map(presentStaff) };
}
