import { DomainError, forbidden } from '../domain/errors.ts';
import type { Actor } from '../domain/identity.ts';
import { isAllowed } from '../domain/policy.ts';
import { fullName } from '../domain/person.ts';
import { parsePfifXml, PfifError, pfifDate, toPfifXml, type PfifNote, type PfifPerson } from '../feeds/pfif.ts';
import type { ServiceContext } from './context.ts';
import { registerPerson } from './people.service.ts';

/** The domain part of PFIF record ids made here ("safe-passage.local/person.<id>"). */
export const PFIF_DOMAIN = 'safe-passage.local';

/** Consented people only, with a note saying where they were registered: what tracing needs, no more. */
export async function exportPfif(ctx: ServiceContext, actor: Actor): Promise<string> {
  if (!isAllowed(actor, 'person.exchange')) throw forbidden('export person records');
  const rows = await ctx.db
    .selectFrom('people')
    .leftJoin('sites', 'sites.id', 'people.site_id')
    .innerJoin('orgs', 'orgs.id', 'people.org_id')
    .select(['people.id', 'people.given_name', 'people.family_name', 'people.patronymic', 'people.sex', 'people.birth_date', 'people.created_at', 'sites.name as site_name', 'orgs.name as org_name'])
    .where('people.consent_tracing', '=', 1)
    .orderBy('people.id')
    .execute();
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
 * Imports PFIF person records as consented registrations of the importing organisation; a record
 * already imported (same person_record_id) is skipped, so importing a file twice adds nothing.
 */
export async function importPfif(ctx: ServiceContext, actor: Actor, xml: string): Promise<{ imported: number; skipped: number }> {
  if (!isAllowed(actor, 'person.exchange')) throw forbidden('import person records');
  let parsed: ReturnType<typeof parsePfifXml>;
  try {
    parsed = parsePfifXml(xml);
  } catch (error) {
    if (error instanceof PfifError) throw new DomainError('invalid', 'INVALID_PFIF', `Not a PFIF 1.4 document: ${error.message}.`);
    throw error;
  }
  let imported = 0;
  let skipped = 0;
  for (const person of parsed.persons) {
    const known = await ctx.db.selectFrom('people').select('id').where('pfif_record_id', '=', person.personRecordId).executeTakeFirst();
    const birthDate = person.dateOfBirth && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(person.dateOfBirth) ? person.dateOfBirth : undefined;
    if (known || !person.givenName || !person.familyName) {
      skipped += 1;
      continue;
    }
    await registerPerson(ctx, actor, {
      givenName: person.givenName,
      familyName: person.familyName,
      birthDate,
      sex: person.sex,
      consentTracing: true,
      pfifRecordId: person.personRecordId,
    });
    imported += 1;
  }
  return { imported, skipped };
}
