import type { FieldError } from './errors.ts';
import { PLACES, findPlace, type Lang, type Place } from './gazetteer.ts';

/**
 * The words a corridor says to the public, written by the coordinator in each public language
 * and signed by the parties with the rest of the version: civilians read only these, never the
 * staff's working name or free text typed in whichever language came to hand.
 */

export const PUBLIC_LANGS: readonly Lang[] = ['uk', 'ru', 'en'];

export interface PublicGatheringPointText {
  name: string;
  address: string;
}

export interface PublicTexts {
  /** The public title ("Енергодар → Запоріжжя: евакуація"), separate from the staff's name. */
  title: string;
  eligibility: string;
  conditions: string;
  whatToBring: string;
  /** One entry per gathering point, in the order of the content's `gatheringPoints`. */
  gatheringPoints: PublicGatheringPointText[];
}

export type PublicTranslations = Record<Lang, PublicTexts>;

// ── Drafting: every language padded, trimmed; what a proposal still lacks ─────


export interface PublicTextsInput {
  title?: string | undefined;
  eligibility?: string | undefined;
  conditions?: string | undefined;
  whatToBring?: string | undefined;
  gatheringPoints?: { name?: string | undefined; address?: string | undefined }[] | undefined;
}

export type PublicTranslationsInput = Partial<Record<Lang, PublicTextsInput | undefined>>;

/**
 * Texts as stored: all three languages present, trimmed, a language not yet written held as empty
 * strings so the console can flag it. A language without gathering-point texts gets one empty
 * entry per point; one that lists them must list exactly as many (see `publicTextRuleErrors`).
 */
export function normalisePublicText(input: PublicTranslationsInput | null | undefined, pointCount: number): PublicTranslations | null {
  if (!input) return null;
  const one = (t: PublicTextsInput | undefined): PublicTexts => ({
    title: t?.title?.trim() ?? '',
    eligibility: t?.eligibility?.trim() ?? '',
    conditions: t?.conditions?.trim() ?? '',
    whatToBring: t?.whatToBring?.trim() ?? '',
    gatheringPoints: t?.gatheringPoints
      ? t.gatheringPoints.map((g) => ({ name: g.name?.trim() ?? '', address: g.address?.trim() ?? '' }))
      : Array.from({ length: pointCount }, () => ({ name: '', address: '' })),
  });
  return { uk: one(input.uk), ru: one(input.ru), en: one(input.en) };
}

/** The parts of a corridor's content these rules read; structural, so corridor.ts can import this file. */
interface ContentForText {
  publicText: PublicTranslations | null;
  conditions: string | null;
  gatheringPoints: readonly { address?: string | undefined }[];
}

export function publicTextRuleErrors(content: ContentForText): FieldError[] {
  const errors: FieldError[] = [];
  for (const lang of PUBLIC_LANGS) {
    const texts = content.publicText?.[lang];
    if (texts && texts.gatheringPoints.length !== content.gatheringPoints.length) {
      errors.push({ path: `/publicText/${lang}/gatheringPoints`, message: `must have one entry per gathering point (${content.gatheringPoints.length})` });
    }
  }
  return errors;
}

const LANG_NAMES: Record<Lang, string> = { uk: 'Ukrainian', ru: 'Russian', en: 'English' };

/**
 * What the public will read must exist in every public language before the parties are asked to
 * sign it: title, who may go and what to bring always; conditions and each point's address when
 * the staff version has them; every gathering point's name.
 */
export function publicTextMissing(content: ContentForText): FieldError[] {
  const missing: FieldError[] = [];
  for (const lang of PUBLIC_LANGS) {
    const texts = content.publicText?.[lang];
    const need = (value: string | undefined, field: string, what: string) => {
      if (!value) missing.push({ path: `/publicText/${lang}/${field}`, message: `write ${what} in ${LANG_NAMES[lang]}` });
    };
    need(texts?.title, 'title', 'the public title');
    need(texts?.eligibility, 'eligibility', 'who may use the corridor');
    need(texts?.whatToBring, 'whatToBring', 'what to bring');
    if (content.conditions) need(texts?.conditions, 'conditions', 'the conditions');
    content.gatheringPoints.forEach((g, i) => {
      const point = texts?.gatheringPoints[i];
      need(point?.name, `gatheringPoints/${i}/name`, `the name of gathering point ${i + 1}`);
      if (g.address) need(point?.address, `gatheringPoints/${i}/address`, `the address of gathering point ${i + 1}`);
    });
  }
  return missing;
}

// ── Places by id ────────────────────────────────────────────────────────────

const BY_ID: ReadonlyMap<string, Place> = new Map(PLACES.map((p) => [p.id, p]));

export function placeById(id: string): Place | undefined {
  return BY_ID.get(id);
}

export interface PlacePoint {
  name: string;
  placeId?: string | undefined;
  names?: Record<Lang, string> | undefined;
}

/** An endpoint's name in `lang`: by its gazetteer id, else by the typed name, else the name as typed. */
export function placeNameOf(point: PlacePoint, lang: Lang): string {
  if (point.names) return point.names[lang];
  const known = (point.placeId ? placeById(point.placeId) : undefined) ?? findPlace(point.name);
  return known?.names[lang] ?? point.name;
}

/** The three names of an endpoint, as the public view carries them. */
export function placeNamesOf(point: PlacePoint): Record<Lang, string> {
  return { uk: placeNameOf(point, 'uk'), ru: placeNameOf(point, 'ru'), en: placeNameOf(point, 'en') };
}

/** What any view of a corridor holds that the public words are drawn from. */
export interface ViewForWords {
  name: string;
  origin: PlacePoint | null;
  destination: PlacePoint | null;
  eligibility: string | null;
  conditions: string | null;
  gatheringPoints: readonly { name: string; address?: string | undefined }[];
  publicText?: PublicTranslations | null | undefined;
}

/**
 * The words to show the public in `lang`. Corridors agreed before public texts existed fall back
 * field by field: the title to "origin → destination" in the reader's language (the staff's
 * working name only when an endpoint is unknown), the rest to the staff's text as written.
 */
export function publicWordsOf(view: ViewForWords, lang: Lang): PublicTexts {
  const texts = view.publicText?.[lang];
  const fallbackTitle = view.origin && view.destination ? `${placeNameOf(view.origin, lang)} → ${placeNameOf(view.destination, lang)}` : view.name;
  return {
    title: texts?.title || fallbackTitle,
    eligibility: texts?.eligibility || (view.eligibility ?? ''),
    conditions: texts?.conditions || (view.conditions ?? ''),
    whatToBring: texts?.whatToBring ?? '',
    gatheringPoints: view.gatheringPoints.map((g, i) => ({
      name: texts?.gatheringPoints[i]?.name || g.name,
      address: texts?.gatheringPoints[i]?.address || (g.address ?? ''),
    })),
  };
}
