import type { Lang } from './gazetteer.ts';

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
