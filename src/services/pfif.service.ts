import { DomainError, forbidden } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { fullName, personFieldErrors } from '../domain/person.ts';
import { parsePfifXml, PfifError, pfifDate, toPfifXml, type PfifNote, type PfifPerson } from '../feeds/pfif.ts';
import type { ServiceContext } from './context.ts';
import { findImportedRecordIds, insertPersonWithKeys, listConsentedForTracing } from '../store/people-registry.repository.ts';
import { runCommand } from './command.ts';
import { newId } from './ids.ts';
import { checkOwnSite, personRecordOf } from './people.service.ts';

/** The domain part of PFIF record ids made here ("safe-passage.local/person.<id>"). */
export const PFIF_DOMAIN = 'safe-passage.local';

/** Consented people only, with a note saying where they were registered: what tracing needs, no more. */
export async function exportPfif(ctx: ServiceContext, actor: Actor): Promise<string> {
  if (!isAllowed(actor, 'person.exchange')) throw forbidden('export person records');
  const rows = await listConsentedForTracing(ctx.db);
  const persons: PfifPerson[] = [];
  const notes: PfifNote[] = [];
  for (const r of rows) {
    const personRecordId = `${PFIF_DOMAIN}/person.${r.id}`;
    const sex = r.sex === 'female' || r.sex === 'male' || r.sex === 'other' ? r.sex : undefined;
    persons.push({
      personRecordId,
      entryDate: pfifDate(r.created_at),
      authorName: r.org_name,
      sourceName: 'Safe Passage',
      sourceDate: pfifDate(r.created_at),
      fullName: fullName({ givenName: r.given_name, patronymic: r.patronymic, familyName: r.family_name }),
      givenName: r.given_name,
      familyName: r.family_name,
      sex,
      dateOfBirth: r.birth_date ?? undefined,
    });
    notes.push({
      noteRecordId: `${PFIF_DOMAIN}/note.${r.id}`,
      personRecordId,
      entryDate: pfifDate(r.created_at),
      authorName: r.org_name,
      sourceDate: pfifDate(r.created_at),
      status: 'believed_alive',
      lastKnownLocation: r.site_name ?? undefined,
      text: r.site_name ? `Registered at ${r.site_name}.` : 'Registered.',
    });
  }
  return toPfifXml(persons, notes);
}

/**
 * Imports PFIF person records as consented registrations of the importing organisation, all or
 * nothing: every record is checked by the rules a registration keeps, and one bad record refuses
 * the file, naming it, before anything is stored. A record already imported (same
 * person_record_id) is skipped, so importing a file twice adds nothing. With a site of the
 * importing organisation, the consented people are traceable: a tracing answer gives that site's
 * contact; without one, they stay untraceable until a site is recorded.
 */
export async function importPfif(ctx: ServiceContext, actor: Actor, xml: string, options: { site?: string | undefined } = {}): Promise<{ imported: number; skipped: number }> {
  if (!isAllowed(actor, 'person.exchange')) throw forbidden('import person records');
  if (options.site) await checkOwnSite(ctx, actor, options.site, '/site');
  let parsed: ReturnType<typeof parsePfifXml>;
  try {
    parsed = parsePfifXml(xml);
  } catch (error) {
    if (error instanceof PfifError) throw new DomainError('invalid', 'INVALID_PFIF', `Not a PFIF 1.4 document: ${error.message}.`);
    throw error;
  }
  const now = ctx.now();
  const errors = parsed.persons.flatMap((p, i) =>
    personFieldErrors({ givenName: p.givenName, familyName: p.familyName, birthDate: p.dateOfBirth }, now, `/persons/${i}`),
  );
  if (errors.length > 0) {
    const first = Number(errors[0]!.path.split('/')[2]);
    // The record id names the record for the sender; it is an identifier, never a name.
    throw new DomainError('rule', 'PFIF_RECORD_INVALID', `Record ${first + 1} (${parsed.persons[first]!.personRecordId}) breaks the registration rules; nothing was imported.`, errors);
  }
  const known = new Set(await findImportedRecordIds(ctx.db, parsed.persons.map((p) => p.personRecordId)));
  const fresh = parsed.persons.filter((p, i, all) => !known.has(p.personRecordId) && all.findIndex((q) => q.personRecordId === p.personRecordId) === i);
  if (fresh.length > 0) {
    await runCommand(ctx, actor, async (trx, nowIso) => {
      for (const p of fresh) {
        const { record, keys } = personRecordOf(actor, { givenName: p.givenName!, familyName: p.familyName!, birthDate: p.dateOfBirth, sex: p.sex, consentTracing: true, site: options.site, pfifRecordId: p.personRecordId }, newId(), nowIso);
        await insertPersonWithKeys(trx, record, keys);
      }
      return { result: undefined, audit: { action: 'person.import', subjectType: 'org', subjectId: actor.orgId, payload: { format: 'pfif-1.4', imported: fresh.length, site: options.site ?? null } } };
    });
  }
  return { imported: fresh.length, skipped: parsed.persons.length - fresh.length };
}
