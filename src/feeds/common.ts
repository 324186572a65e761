import type { CorridorNotice } from '../domain/corridor-notice.ts';
import type { Lang } from '../domain/gazetteer.ts';
import { NOTICE_WORDS, SINCE_WORDS, WINDOW_WORDS } from '../domain/notice-words.ts';
import { publicWordsOf, type ViewForWords } from '../domain/public-text.ts';
import { KYIV_ZONE, instantLong, windowLong, zonesThatDiffer } from '../domain/public-time.ts';

/** What every feed renderer shares: escaping, ids, and the notice worded for a feed entry. */

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}

export function hostOf(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}

/** Public URL without a trailing slash, so paths join cleanly. */
export function baseOf(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/**
 * RFC 4151 tag URIs: they stay the same when the site moves scheme or port, which a feed
 * reader needs to recognise an entry it has seen. The date is the project's, fixed.
 */
export function tagUri(publicUrl: string, specific: string): string {
  return `tag:${hostOf(publicUrl)},2022:safe-passage/${specific}`;
}

/** Where the public page of one corridor is. */
export function corridorPageUrl(publicUrl: string, corridorId: string, lang: Lang): string {
  return `${baseOf(publicUrl)}/?lang=${lang}#corridor-${encodeURIComponent(corridorId)}`;
}

export type FeedView = ViewForWords & { id: string; notice: CorridorNotice };

/** "Title — Suspended": the public title and the notice's label, never a status word of our own. */
export function entryTitle(view: FeedView, lang: Lang, notice: CorridorNotice = view.notice): string {
  return `${publicWordsOf(view, lang).title} — ${NOTICE_WORDS[lang][notice.headline].label}`;
}

/** The notice's window as the public reads it: role label, then Kyiv time, and Moscow time when it differs. */
export function windowSentence(notice: CorridorNotice, lang: Lang): string | null {
  if (!notice.window) return null;
  const { role, window } = notice.window;
  const times = zonesThatDiffer(window).map((zone) => windowLong(window, zone, lang));
  return `${WINDOW_WORDS[lang][role]}: ${times.join(' / ')}`;
}

/** "Suspended since 8 March, 10:12 Kyiv time", when the notice knows since when. */
export function sinceSentence(notice: CorridorNotice, lang: Lang): string | null {
  if (!notice.since || (notice.headline !== 'suspended' && notice.headline !== 'closed')) return null;
  return SINCE_WORDS[lang][notice.headline].replace('{{since}}', instantLong(notice.since, KYIV_ZONE, lang));
}

/** The sentences a feed entry says, in order: since when, the window, what to do. */
export function noticeSentences(notice: CorridorNotice, lang: Lang): string[] {
  return [sinceSentence(notice, lang), windowSentence(notice, lang), NOTICE_WORDS[lang][notice.headline].advice].filter((s): s is string => s !== null);
}

/**
 * When the notice took effect: the window's start while open, since when suspended or closed.
 * A window opening changes no row, so `updatedAt` alone would hide it from feed readers.
 */
export function noticeUpdated(updatedAt: string, notice: CorridorNotice): string {
  const effect = notice.window?.role === 'current' ? notice.window.window.start : notice.since;
  return effect && effect > updatedAt ? effect : updatedAt;
}
