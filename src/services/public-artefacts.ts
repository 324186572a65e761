import type { Lang } from '../domain/gazetteer.ts';
import type { PublicCorridorView } from './corridor.presenter.ts';

/**
 * What every public artefact is rendered from: built once per change, never per request.
 * `announcements` is room for the public announcements; null until they are wired in.
 */
export interface PublicSnapshot {
  corridors: PublicCorridorView[];
  /** When this snapshot was built (ISO 8601, UTC). */
  generatedAt: string;
  announcements: unknown[] | null;
}

/**
 * One row of the table of public artefacts: a path served from memory, in each language if
 * `langs` is given (the path then holds `{lang}`, e.g. `/{lang}/feed.atom`), rendered once per
 * snapshot. `etagOf` says what the ETag covers (default: the whole body); the corridor list
 * leaves out its `generatedAt` so that an unchanged list still answers 304.
 */
export interface PublicArtefact {
  path: string;
  contentType: string;
  langs?: readonly Lang[];
  /** Seconds shared caches and browsers may keep it before asking again. */
  maxAge?: number;
  render(snapshot: PublicSnapshot, lang: Lang | null): string | Buffer;
  etagOf?(snapshot: PublicSnapshot, lang: Lang | null): string;
}

export const PUBLIC_CORRIDORS_PATH = '/api/v1/public/corridors';

/** The public corridor list, as GET /api/v1/public/corridors has always answered it. */
export const publicCorridorList: PublicArtefact = {
  path: PUBLIC_CORRIDORS_PATH,
  contentType: 'application/json; charset=utf-8',
  maxAge: 15,
  render: (snapshot) => JSON.stringify({ items: snapshot.corridors, generatedAt: snapshot.generatedAt }),
  etagOf: (snapshot) => JSON.stringify(snapshot.corridors),
};

/**
 * Every artefact the public snapshot serves. Another surface is added by adding its row here
 * (or passing its own table to `createPublicSnapshot`).
 */
export const PUBLIC_ARTEFACTS: PublicArtefact[] = [publicCorridorList];

/** The concrete paths of an artefact: one per language, or its path alone. */
export function pathsOf(artefact: PublicArtefact): { path: string; lang: Lang | null }[] {
  if (!artefact.langs) return [{ path: artefact.path, lang: null }];
  return artefact.langs.map((lang) => ({ path: artefact.path.replace('{lang}', lang), lang }));
}
