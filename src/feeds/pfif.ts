import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * PFIF 1.4 (the People Finder Interchange Format) for consented person and note records: the
 * format tracing services exchange. Pure: records in, XML out, and back.
 */

export const PFIF_NAMESPACE = 'http://zesty.ca/pfif/1.4';

export interface PfifPerson {
  personRecordId: string;
  entryDate: string;
  authorName: string;
  sourceName: string;
  sourceDate: string;
  fullName: string;
  givenName: string;
  familyName: string;
  sex?: 'female' | 'male' | 'other' | undefined;
  dateOfBirth?: string | undefined;
}

export type PfifNoteStatus = 'information_sought' | 'is_note_author' | 'believed_alive' | 'believed_missing' | 'believed_dead';

export interface PfifNote {
  noteRecordId: string;
  personRecordId: string;
  entryDate: string;
  authorName: string;
  sourceDate: string;
  status?: PfifNoteStatus | undefined;
  lastKnownLocation?: string | undefined;
  text: string;
}

const PERSON_FIELDS: [keyof PfifPerson, string][] = [
  ['personRecordId', 'person_record_id'],
  ['entryDate', 'entry_date'],
  ['authorName', 'author_name'],
  ['sourceName', 'source_name'],
  ['sourceDate', 'source_date'],
  ['fullName', 'full_name'],
  ['givenName', 'given_name'],
  ['familyName', 'family_name'],
  ['sex', 'sex'],
  ['dateOfBirth', 'date_of_birth'],
];

const NOTE_FIELDS: [keyof PfifNote, string][] = [
  ['noteRecordId', 'note_record_id'],
  ['personRecordId', 'person_record_id'],
  ['entryDate', 'entry_date'],
  ['authorName', 'author_name'],
  ['sourceDate', 'source_date'],
  ['status', 'status'],
  ['lastKnownLocation', 'last_known_location'],
  ['text', 'text'],
];

/** PFIF dates are UTC with a Z and no fraction: "2022-03-08T10:00:00Z". */
export function pfifDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function element<T extends object>(record: T, fields: [keyof T, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, tag] of fields) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== '') out[`pfif:${tag}`] = String(value);
  }
  return out;
}

export function toPfifXml(persons: readonly PfifPerson[], notes: readonly PfifNote[]): string {
  const notesBy = new Map<string, PfifNote[]>();
  for (const note of notes) notesBy.set(note.personRecordId, [...(notesBy.get(note.personRecordId) ?? []), note]);
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'pfif:pfif': {
      '@_xmlns:pfif': PFIF_NAMESPACE,
      'pfif:person': persons.map((p) => ({
        ...element(p, PERSON_FIELDS),
        'pfif:note': (notesBy.get(p.personRecordId) ?? []).map((n) => element(n, NOTE_FIELDS)),
      })),
    },
  };
  return builder.build(document) as string;
}

export class PfifError extends Error {}

/** Reads persons and their notes; refuses a document that is not PFIF 1.4 or lacks required fields. */
export function parsePfifXml(xml: string): { persons: PfifPerson[]; notes: PfifNote[] } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => name === 'person' || name === 'note',
    // Entities are never expanded: no billion-laughs from an imported file.
    processEntities: false,
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch {
    throw new PfifError('not well-formed XML');
  }
  const root = (parsed as { pfif?: Record<string, unknown> }).pfif;
  // Prefixes are stripped when parsing, so the namespace is checked on the declaration itself.
  const declared = new RegExp(`xmlns(:[A-Za-z_][\\w.-]*)?=["']${PFIF_NAMESPACE.replaceAll('.', '\\.').replaceAll('/', '\\/')}["']`);
  if (!root || !declared.test(xml)) throw new PfifError(`the root must be pfif in ${PFIF_NAMESPACE}`);
  const persons: PfifPerson[] = [];
  const notes: PfifNote[] = [];
  const read = (raw: Record<string, unknown>, tag: string): string | undefined => {
    const value = raw[tag];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  for (const [index, raw] of ((root.person as Record<string, unknown>[] | undefined) ?? []).entries()) {
    const id = read(raw, 'person_record_id');
    const given = read(raw, 'given_name');
    const family = read(raw, 'family_name');
    const full = read(raw, 'full_name');
    if (!id || (!full && !(given && family))) throw new PfifError(`person ${index + 1}: person_record_id and a name are required`);
    const sex = read(raw, 'sex');
    persons.push({
      personRecordId: id,
      entryDate: read(raw, 'entry_date') ?? '',
      authorName: read(raw, 'author_name') ?? '',
      sourceName: read(raw, 'source_name') ?? '',
      sourceDate: read(raw, 'source_date') ?? '',
      fullName: full ?? `${given} ${family}`,
      givenName: given ?? (full ?? '').split(/\s+/)[0] ?? '',
      familyName: family ?? (full ?? '').split(/\s+/).slice(1).join(' '),
      sex: sex === 'female' || sex === 'male' || sex === 'other' ? sex : undefined,
      dateOfBirth: read(raw, 'date_of_birth'),
    });
    for (const note of (raw.note as Record<string, unknown>[] | undefined) ?? []) {
      notes.push({
        noteRecordId: read(note, 'note_record_id') ?? '',
        personRecordId: id,
        entryDate: read(note, 'entry_date') ?? '',
        authorName: read(note, 'author_name') ?? '',
        sourceDate: read(note, 'source_date') ?? '',
        status: read(note, 'status') as PfifNoteStatus | undefined,
        lastKnownLocation: read(note, 'last_known_location'),
        text: read(note, 'text') ?? '',
      });
    }
  }
  return { persons, notes };
}
