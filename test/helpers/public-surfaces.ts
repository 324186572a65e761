import type { CorridorNotice } from '../../src/domain/corridor-notice.ts';
import type { Lang } from '../../src/domain/gazetteer.ts';
import { NOTICE_WORDS } from '../../src/domain/notice-words.ts';
import type { TestApp } from './app.ts';

/**
 * The public surfaces a corridor appears on, each read back as the text a person would see for
 * one corridor: null when the corridor is not on it. The status-surfaces test holds every one of
 * them to the corridor's notice.
 */
export interface PublicSurface {
  name: string;
  /** Languages the surface exists in; all three when absent. */
  langs?: readonly Lang[];
  textOf(t: TestApp, corridorId: string, lang: Lang): Promise<string | null>;
  /** The words the surface must carry for the notice. */
  wordsOf(notice: CorridorNotice, lang: Lang): string;
}

const label = (notice: CorridorNotice, lang: Lang): string => NOTICE_WORDS[lang][notice.headline].label;

export const PUBLIC_SURFACES: PublicSurface[] = [];

export { label as noticeLabelOf };
