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

/** The server-rendered public page (`/uk`, `/ru`, `/en`): one corridor's card, as text. */
const publicPage: PublicSurface = {
  name: 'public page',
  async textOf(t, corridorId, lang) {
    const html = (await t.inject({ method: 'GET', url: `/${lang}` })).body;
    const card = new RegExp(`<article[^>]*data-id="${corridorId}"[^>]*>([\\s\\S]*?)</article>`).exec(html)?.[1];
    return card === undefined ? null : card.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
  },
  wordsOf: (notice, lang) => NOTICE_WORDS[lang][notice.headline].advice,
};

export const PUBLIC_SURFACES: PublicSurface[] = [publicPage];

export { label as noticeLabelOf };
