import type { CorridorNotice } from '../api.ts';
import { NOTICE_WORDS, SINCE_WORDS, WINDOW_WORDS } from '../../../src/domain/notice-words.ts';
import { currentLang } from '../i18n/index.ts';

/**
 * The console and the public page word a corridor's status from the server's notice and the one
 * table of notice words the feeds, SMS and posters use too, so no screen words a status its own way.
 */
export function noticeLabel(notice: CorridorNotice): string {
  return NOTICE_WORDS[currentLang()][notice.headline].label;
}

export function noticeAdvice(notice: CorridorNotice): string {
  return NOTICE_WORDS[currentLang()][notice.headline].advice;
}

/** The label over the window the notice shows ("Open now" only for an open corridor's window). */
export function noticeWindowLabel(role: NonNullable<CorridorNotice['window']>['role']): string {
  return WINDOW_WORDS[currentLang()][role];
}

/** "Suspended since 09:40 Kyiv time", or null when the notice has no such time. */
export function noticeSince(notice: CorridorNotice, time: string): string | null {
  if (notice.headline !== 'suspended' && notice.headline !== 'closed') return null;
  return SINCE_WORDS[currentLang()][notice.headline].replace('{{since}}', time);
}
