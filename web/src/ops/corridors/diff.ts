import type { CorridorContent } from '../../api.ts';
import { CONTENT_FIELDS, type ContentField } from './fields.ts';

/** Each field of a version as lines of text a person compares (windows in a named zone…). */
export type Describe = (content: CorridorContent, field: ContentField) => string[];

export interface FieldChange {
  field: ContentField;
  before: string[];
  after: string[];
  /** Lines only in the new version, and only in the old one. */
  added: string[];
  removed: string[];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * What changed from one version's content to the next, field by field: every field whose value
 * differs, with the lines of each side. A field whose value changed while its text did not
 * (a route vertex moved a few metres) is still listed.
 */
export function diffContents(before: CorridorContent, after: CorridorContent, describe: Describe): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CONTENT_FIELDS) {
    if (sameValue(before[field], after[field])) continue;
    const b = describe(before, field);
    const a = describe(after, field);
    changes.push({
      field,
      before: b,
      after: a,
      added: a.filter((line) => !b.includes(line)),
      removed: b.filter((line) => !a.includes(line)),
    });
  }
  return changes;
}
